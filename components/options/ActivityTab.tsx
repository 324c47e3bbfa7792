import { TZDate } from '@date-fns/tz';
import { useLiveQuery } from 'dexie-react-hooks';
import { memo, useDeferredValue, useState } from 'react';
import { CHANNELS, type Channel } from '@/lib/cadence/types';
import { exportContactsCsv } from '@/lib/csv/export';
import { type ActivityRow, getDb } from '@/lib/db';
import { displayName } from '@/lib/db/contacts';
import {
  type ActivityContext,
  type ActivityFilter,
  activityCsvParts,
  contactExportRows,
  loadActivityContext,
  recentActivities,
} from '@/lib/db/export';
import { t, tn } from '@/lib/i18n';
import {
  ACTIVITY_LABELS as KIND_LABELS,
  activityText,
  builtInText,
  CHANNEL_LABELS,
  PURPOSE_LABELS,
} from '@/lib/labels';
import { downloadFile, formatWhen, isoDay, OUTCOME_LABELS } from './contacts/format';
import { usePlaybooks, useSettings } from './contacts/useDashboardData';
import './contacts/data-tabs.css';

const LIST_LIMIT = 200;
/** How often the export's progress line may change. */
const PROGRESS_MS = 250;

/** `yyyy-mm-dd` at the start (or end) of that day in `timeZone`, as epoch ms. */
function dayBound(day: string, timeZone: string, end: boolean): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  const start = new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 0, 0, 0, 0, timeZone).getTime();
  if (!end) return start;
  return new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1, 0, 0, 0, 0, timeZone).getTime() - 1;
}

/** Recent activity with filters, and the two CSV exports. */
export function ActivityTab() {
  const settings = useSettings();
  const playbooks = usePlaybooks();
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const [contact, setContact] = useState('');
  const [playbookId, setPlaybookId] = useState('');
  const [channel, setChannel] = useState<Channel | ''>('');
  const [exporting, setExporting] = useState<string>();
  const [message, setMessage] = useState('');
  const deferredContact = useDeferredValue(contact);
  const zone = settings?.timeZone ?? 'UTC';

  const filter: ActivityFilter = {};
  const from = dayBound(fromDay, zone, false);
  const to = dayBound(toDay, zone, true);
  if (from !== undefined) filter.from = from;
  if (to !== undefined) filter.to = to;
  if (deferredContact.trim()) filter.contact = deferredContact;
  if (playbookId) filter.playbookId = playbookId;
  if (channel) filter.channel = channel;
  const filterKey = JSON.stringify(filter);

  const data = useLiveQuery(async () => {
    const db = getDb();
    const ctx = await loadActivityContext(db);
    const rows = await recentActivities(db, JSON.parse(filterKey) as ActivityFilter, ctx, LIST_LIMIT);
    return { ctx, rows };
  }, [filterKey]);

  async function exportActivity() {
    setExporting(t('log_preparing'));
    setMessage('');
    try {
      // A progress line a few times a second: each change is a frame of the whole tab to draw.
      let shownAt = 0;
      const { parts, rows } = await activityCsvParts(getDb(), filter, {
        timeZone: zone,
        onRows: (written) => {
          const now = performance.now();
          if (now - shownAt < PROGRESS_MS) return;
          shownAt = now;
          setExporting(tn('log_exporting_rows', written));
        },
      });
      downloadFile(parts, `touchbase-activity-${isoDay(Date.now(), zone)}.csv`, 'text/csv;charset=utf-8');
      setMessage(tn('log_exported', rows));
    } catch (err) {
      setMessage(t('log_export_failed', { error: err instanceof Error ? err.message : String(err) }));
    } finally {
      setExporting(undefined);
    }
  }

  async function exportContacts() {
    setExporting(t('log_exporting_contacts'));
    setMessage('');
    try {
      const csv = exportContactsCsv(await contactExportRows(getDb()));
      downloadFile([csv], `touchbase-contacts-${isoDay(Date.now(), zone)}.csv`, 'text/csv;charset=utf-8');
      setMessage(t('log_contacts_exported'));
    } catch (err) {
      setMessage(t('log_export_failed', { error: err instanceof Error ? err.message : String(err) }));
    } finally {
      setExporting(undefined);
    }
  }

  const filtered = Boolean(fromDay || toDay || contact || playbookId || channel);

  return (
    <section data-testid="activity-tab">
      <div className="tb-filters">
        <label>
          {t('log_from')}
          <input type="date" value={fromDay} onChange={(e) => setFromDay(e.target.value)} />
        </label>
        <label>
          {t('log_to')}
          <input type="date" value={toDay} onChange={(e) => setToDay(e.target.value)} />
        </label>
        <label>
          {t('log_contact')}
          <input
            type="search"
            placeholder={t('log_contact_placeholder')}
            value={contact}
            onChange={(e) => setContact(e.target.value)}
          />
        </label>
        <label>
          {t('field_playbook')}
          <select value={playbookId} onChange={(e) => setPlaybookId(e.target.value)}>
            <option value="">{t('log_all_playbooks')}</option>
            {(playbooks ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {builtInText(p.name)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('log_channel')}
          <select value={channel} onChange={(e) => setChannel(e.target.value as Channel | '')}>
            <option value="">{t('log_all_channels')}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
        <span className="tb-spacer" />
        <button
          type="button"
          className="primary"
          disabled={!!exporting}
          onClick={exportActivity}
          data-testid="export-activity"
        >
          {t('log_export_activity')}
        </button>
        <button type="button" disabled={!!exporting} onClick={exportContacts} data-testid="export-contacts">
          {t('log_export_contacts')}
        </button>
      </div>
      {(exporting || message) && (
        <p className="tb-notice" role="status" data-testid="export-status">
          {exporting ?? message}
        </p>
      )}
      <p className="tb-muted">
        {t(filtered ? 'log_note_filtered' : 'log_note', { zone, limit: LIST_LIMIT })}
      </p>
      {data === undefined ? (
        <p className="tb-muted">{t('common_loading')}</p>
      ) : data.rows.length === 0 ? (
        <p className="tb-muted" data-testid="activity-empty">
          {t(filtered ? 'log_no_match' : 'log_empty')}
        </p>
      ) : (
        <ActivityTable rows={data.rows} ctx={data.ctx} zone={zone} />
      )}
    </section>
  );
}

/**
 * The list under the filters. Kept apart and memoised: the export's progress line re-renders the
 * tab on every page, and redrawing 200 rows each time is work the export would wait for.
 */
const ActivityTable = memo(function ActivityTable({
  rows,
  ctx,
  zone,
}: {
  rows: ActivityRow[];
  ctx: ActivityContext;
  zone: string;
}) {
  return (
    <table className="tb-table tb-activity-table" data-testid="activity-list">
      <colgroup>
        <col style={{ width: '15%' }} />
        <col style={{ width: '17%' }} />
        <col style={{ width: '12%' }} />
        <col style={{ width: '17%' }} />
        <col style={{ width: '9%' }} />
        <col />
      </colgroup>
      <thead>
        <tr>
          <th>{t('log_col_when')}</th>
          <th>{t('log_contact')}</th>
          <th>{t('log_col_what')}</th>
          <th>{t('log_col_step')}</th>
          <th>{t('log_channel')}</th>
          <th>{t('log_col_details')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((a) => {
          const c = a.contactId === undefined ? undefined : ctx.contacts.get(a.contactId);
          const e = a.enrolmentId === undefined ? undefined : ctx.enrolments.get(a.enrolmentId);
          const outcome = a.outcome ? (OUTCOME_LABELS[a.outcome] ?? a.outcome) : undefined;
          const details = [outcome, activityText(a, e)].filter(Boolean).join(' · ');
          return (
            <tr key={a.id} data-testid="activity-row">
              <td>{formatWhen(a.at, zone)}</td>
              <td title={c?.email}>{c ? displayName(c) : <span className="tb-muted">—</span>}</td>
              <td>{KIND_LABELS[a.kind] ?? a.kind}</td>
              <td title={e?.playbookName}>
                {a.purpose ? PURPOSE_LABELS[a.purpose] : builtInText(e?.playbookName ?? '')}
                {a.step ? <span className="tb-muted"> · {t('log_step', { step: a.step })}</span> : null}
              </td>
              <td>{a.channel ? CHANNEL_LABELS[a.channel] : ''}</td>
              <td className="text" title={details}>
                {details}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
});
