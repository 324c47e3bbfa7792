import type { PageView } from '@/lib/sites/types';

/** Nothing to follow on this page: say so calmly, and what could not be found. */
export function EmptyState({ view }: { view: PageView }) {
  const inList = view.kind === 'inbox';
  return (
    <section className="sb-empty" data-testid="sidebar-empty">
      <div className="sb-empty-art" aria-hidden="true">
        ✉
      </div>
      <h2>{inList ? 'Open a conversation' : 'Nothing to show here'}</h2>
      <p className="tb-muted">
        {inList
          ? 'Open an email thread or start a message, and the contact, their next touch and its draft appear here.'
          : 'Touchbase follows the person in the open conversation or compose window, and found neither on this page.'}
      </p>
      {view.problems.length && !inList ? (
        <ul className="sb-problems tb-muted" data-testid="sidebar-problems">
          {view.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
