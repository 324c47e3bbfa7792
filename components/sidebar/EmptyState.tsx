import type { PageView } from '@/lib/sites/types';
import { t } from '@/lib/i18n';
import { renderMsg } from '@/lib/i18n/message';

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
      <h2>{inList ? t('sidebar_empty_list_title') : t('sidebar_empty_title')}</h2>
      <p className="tb-muted">
        {inList
          ? t('sidebar_empty_list_text')
          : unreadRecord
            ? t('sidebar_empty_unread_record')
            : t('sidebar_empty_none')}
      </p>
      {view.problems.length && !inList ? (
        <ul className="sb-problems tb-muted" data-testid="sidebar-problems">
          {view.problems.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: one view's problems never reorder.
            <li key={i}>{renderMsg(p)}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
