import { useVirtualizer } from '@tanstack/react-virtual';
import { OwnerChip, useTeamMeId } from './contacts/OwnerLine';
import { useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { type ContactSortKey, filterAndSortRows } from '@/lib/db/contacts';
import { type MessageKey, t, tn } from '@/lib/i18n';
import { builtInText, LEAD_SOURCE_LABELS } from '@/lib/labels';
import { scoreExplanation } from '@/lib/labels/score';
import { useDashboard } from '@/lib/stores/dashboard';
import { OptOutList } from '@/components/shared/OptOutList';
import { PRIORITY_LABELS } from '@/components/ui/LeadScore';
import { RichText } from '@/components/ui/RichText';
import { useUndoToast } from '@/components/shared/useUndoToast';
import { BulkBar } from './contacts/BulkBar';
import { formatWhen, STATE_LABELS } from './contacts/format';
import { useContactRows, useNow, usePlaybooks, useSettings } from './contacts/useDashboardData';
import './contacts/data-tabs.css';

const COLUMNS: { key: ContactSortKey; label: MessageKey; width: string }[] = [
  { key: 'name', label: 'field_name', width: '15%' },
  { key: 'company', label: 'field_company', width: '12%' },
  { key: 'email', label: 'field_email', width: '15%' },
  { key: 'source', label: 'contacts_col_source', width: '11%' },
  { key: 'playbook', label: 'field_playbook', width: '13%' },
  { key: 'state', label: 'contacts_col_state', width: '10%' },
  // "Aujourd’hui, 12:15" and "Thu, Nov 26, 9:00 AM" need more room than "Hoch 82".
  { key: 'score', label: 'contacts_col_priority', width: '8%' },
  { key: 'nextDueAt', label: 'contacts_col_next', width: '16%' },
];
const ROW_HEIGHT = 34;

/** Marks the first paint of the table once, for the dashboard.contacts.render10k benchmark. */
let firstPaintMarked = false;

/** Every contact: searchable, sortable, virtualized, with bulk actions on a selection. */
export function ContactsTab() {
  const data = useContactRows();
  const rows = data?.rows;
  const settings = useSettings();
  const meId = useTeamMeId();
  const playbooks = usePlaybooks();
  const now = useNow();
  const setTab = useDashboard((s) => s.setTab);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  // The popup's order by default: what is late or racing a clock, then the best lead.
  const [sort, setSort] = useState<{ key: ContactSortKey; dir: 'asc' | 'desc' }>({
    key: 'urgency',
    dir: 'asc',
  });
  const [selected, setSelected] = useState<Set<number>>(() => new Set());
  const toast = useUndoToast();
  const [showOptOuts, setShowOptOuts] = useState(false);

  const timeZone = settings?.timeZone;
  const visible = useMemo(
    () =>
      rows
        ? filterAndSortRows(rows, deferredQuery, sort.key, sort.dir, timeZone ? { now, timeZone } : undefined)
        : [],
    [rows, deferredQuery, sort, now, timeZone],
  );

  // Drop selected ids that no longer exist (deleted elsewhere).
  useEffect(() => {
    if (!rows || !data?.complete || selected.size === 0) return;
    const ids = new Set(rows.map((r) => r.id));
    if ([...selected].some((id) => !ids.has(id)))
      setSelected(new Set([...selected].filter((id) => ids.has(id))));
  }, [rows, data?.complete, selected]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Render the first screen on the very first pass, before the scroller has been measured.
    initialRect: { width: 1200, height: 700 },
  });

  useLayoutEffect(() => {
    if (!firstPaintMarked && visible.length > 0) {
      firstPaintMarked = true;
      performance.mark('tb:contacts-table');
      // The frame after this commit paints the rows; a timer inside it runs once that paint is done.
      requestAnimationFrame(() => setTimeout(() => performance.mark('tb:contacts-painted'), 0));
    }
  }, [visible.length]);

  if (data === undefined || rows === undefined || settings === undefined)
    return <p className="tb-muted">{t('contacts_loading')}</p>;

  const total = data.total;
  const complete = data.complete;
  const countText = total < 0 ? t('contacts_counting') : tn('contacts_count', total);

  if (total === 0) {
    return (
      <section className="tb-empty" data-testid="contacts-empty">
        {toast.element}
        <p data-testid="contact-count" className="tb-muted">
          {countText}
        </p>
        <h2>{t('contacts_empty_title')}</h2>
        <p>{t('contacts_empty_lead')}</p>
        <ul>
          <li>
            <RichText
              k="contacts_empty_import"
              parts={{
                import: (
                  <button type="button" className="primary" onClick={() => setTab('import')}>
                    {t('popup_empty_import')}
                  </button>
                ),
              }}
            />
          </li>
          <li>
            <RichText
              k="contacts_empty_gmail"
              parts={{
                gmail: (
                  <a href="https://mail.google.com/" target="_blank" rel="noreferrer">
                    Gmail
                  </a>
                ),
              }}
            />
          </li>
        </ul>
      </section>
    );
  }

  const allVisibleSelected = visible.length > 0 && visible.every((r) => selected.has(r.id));
  const toggleAll = () => {
    const next = new Set(selected);
    if (allVisibleSelected) for (const r of visible) next.delete(r.id);
    else for (const r of visible) next.add(r.id);
    setSelected(next);
  };
  const toggle = (id: number) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  // The best lead first is what a rep wants from a first click on Priority.
  const sortBy = (key: ContactSortKey) =>
    setSort((s) =>
      s.key === key
        ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' }
        : { key, dir: key === 'score' ? 'desc' : 'asc' },
    );

  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);

  return (
    <section className="tb-contacts">
      {toast.element}
      <div className="tb-toolbar">
        <input
          type="search"
          placeholder={t('contacts_search_placeholder')}
          aria-label={t('contacts_search_label')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          disabled={!complete}
          className="tb-search"
        />
        <span data-testid="contact-count">{countText}</span>
        {deferredQuery && (
          <span className="tb-muted" data-testid="contacts-shown">
            · {tn('contacts_matches', visible.length)}
          </span>
        )}
        {sort.key === 'urgency' ? (
          <span className="tb-muted" data-testid="contacts-order">
            · {t('contacts_order_urgent')}
          </span>
        ) : (
          <button
            type="button"
            className="tb-linklike"
            onClick={() => setSort({ key: 'urgency', dir: 'asc' })}
            data-testid="contacts-order-reset"
          >
            {t('contacts_order_reset')}
          </button>
        )}
        <span className="tb-spacer" />
        <button
          type="button"
          aria-expanded={showOptOuts}
          onClick={() => setShowOptOuts((v) => !v)}
          data-testid="optouts-toggle"
        >
          {t('contacts_opted_out')}
        </button>
        <button type="button" onClick={() => setTab('import')}>
          {t('contacts_import_csv')}
        </button>
      </div>
      {showOptOuts ? (
        <section className="tb-optouts" aria-label={t('contacts_opted_out')}>
          <h3 className="tb-section-title">{t('contacts_optouts_title')}</h3>
          <OptOutList onDone={toast.show} />
        </section>
      ) : null}
      {selected.size > 0 && playbooks && (
        <BulkBar
          selected={[...selected]}
          playbooks={playbooks}
          settings={settings}
          onDone={toast.show}
          onClear={() => setSelected(new Set())}
        />
      )}
      <div className="tb-table-scroll" ref={scrollRef}>
        <table className="tb-table tb-contacts-table" data-testid="contacts-table">
          <colgroup>
            <col style={{ width: 36 }} />
            {COLUMNS.map((c) => (
              <col key={c.key} style={{ width: c.width }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th>
                <input
                  type="checkbox"
                  aria-label={t(deferredQuery ? 'contacts_select_all_matching' : 'contacts_select_all')}
                  checked={allVisibleSelected}
                  disabled={!complete}
                  onChange={toggleAll}
                />
              </th>
              {COLUMNS.map((c) => (
                <th
                  key={c.key}
                  aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                >
                  <button
                    type="button"
                    className="tb-sort"
                    disabled={!complete}
                    onClick={() => sortBy(c.key)}
                  >
                    {t(c.label)}
                    <span aria-hidden="true" className="tb-sort-mark">
                      {sort.key === c.key ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {padTop > 0 && (
              <tr className="tb-spacer-row" style={{ height: padTop }}>
                <td colSpan={9} />
              </tr>
            )}
            {items.map((item) => {
              const r = visible[item.index];
              if (!r) return null;
              const overdue = r.nextDueAt !== undefined && r.nextDueAt <= now;
              return (
                <tr
                  key={r.id}
                  data-testid="contact-row"
                  className={selected.has(r.id) ? 'selected' : undefined}
                  style={{ height: ROW_HEIGHT }}
                >
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('contacts_select_contact', { name: r.name })}
                      checked={selected.has(r.id)}
                      onChange={() => toggle(r.id)}
                    />
                  </td>
                  <td title={r.name}>
                    <a href={`#/contacts/${r.id}`} className="tb-contact-link" data-testid="contact-open">
                      {r.name}
                    </a>{' '}
                    <OwnerChip owner={r.owner} meId={meId} now={now} timeZone={settings.timeZone} />
                  </td>
                  <td title={r.company}>{r.company}</td>
                  <td title={r.email}>{r.email}</td>
                  <td>{LEAD_SOURCE_LABELS[r.source] ?? r.source}</td>
                  <td title={builtInText(r.playbook)}>
                    {r.playbook ? builtInText(r.playbook) : <span className="tb-muted">—</span>}
                  </td>
                  <td>
                    <span className={`tb-state tb-state-${r.state}`}>{STATE_LABELS[r.state]}</span>
                  </td>
                  <td>
                    {r.score ? (
                      <span
                        className={`tb-priority ${r.score.priority.toLowerCase()}`}
                        data-testid="contact-priority"
                        title={t('popup_lead_score', { explanation: scoreExplanation(r.score) })}
                      >
                        {PRIORITY_LABELS[r.score.priority]} {r.score.score}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    {r.nextDueAt === undefined ? (
                      <span className="tb-muted">—</span>
                    ) : (
                      <span className={overdue ? 'tb-due-now' : undefined}>
                        {formatWhen(r.nextDueAt, settings.timeZone, now)}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
            {padBottom > 0 && (
              <tr className="tb-spacer-row" style={{ height: padBottom }}>
                <td colSpan={9} />
              </tr>
            )}
          </tbody>
        </table>
        {visible.length === 0 && (
          <p className="tb-muted tb-no-match">{t('contacts_no_match', { query: deferredQuery })}</p>
        )}
      </div>
    </section>
  );
}
