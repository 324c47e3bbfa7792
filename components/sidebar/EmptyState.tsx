import type { PageView } from '@/lib/sites/types';

/** Nothing to follow on this page: say so calmly, and what could not be found. */
export function EmptyState({ view }: { view: PageView }) {
  const inList = view.kind === 'inbox';
  // A record page whose person could not be read: most likely the site changed its page.
  const unreadRecord = view.recordRef !== undefined;
  return (
    <section className="sb-empty" data-testid="sidebar-empty">
      <div className="sb-empty-art" aria-hidden="true">
        ✉
      </div>
      <h2>{inList ? 'Open a conversation' : 'Nothing to show here'}</h2>
      <p className="tb-muted">
        {inList
          ? 'Open an email thread or start a message, and the contact, their next touch and its draft appear here.'
          : unreadRecord
            ? 'Touchbase could not read who is on this record: the page looks different from what it knows. Nothing was saved; it picks the person up as soon as it can read them.'
            : 'Touchbase follows the person in an open conversation, a compose window or a record page, and found none here.'}
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
