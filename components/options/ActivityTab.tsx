import { TZDate } from '@date-fns/tz';
import { useLiveQuery } from 'dexie-react-hooks';
import { useDeferredValue, useState } from 'react';
import { CHANNELS, type Channel } from '@/lib/cadence/types';
import { exportActivityPagesCsv, exportContactsCsv } from '@/lib/csv/export';
import { getDb } from '@/lib/db';
import { displayName } from '@/lib/db/contacts';
import {
  type ActivityFilter,
  activityExportPages,
  contactExportRows,
  loadActivityContext,
  recentActivities,
} from '@/lib/db/export';
import { ACTIVITY_LABELS as KIND_LABELS, CHANNEL_LABELS, PURPOSE_LABELS } from '@/lib/labels';
import { downloadFile, formatWhen, isoDay } from './contacts/format';
import { usePlaybooks, useSettings } from './contacts/useDashboardData';
import './contacts/data-tabs.css';

const LIST_LIMIT = 200;

/** `yyyy-mm-dd` at the start (or end) of that day in `timeZone`, as epoch ms. */
function dayBound(day: string, timeZone: string, end: boolean): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  const start = new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 0, 0, 0, 0, timeZone).getTime();
  if (!end) return start;
  return new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1, 0, 0, 0, 0, timeZone).getTime() - 1;
}

const nextFrame = () => new Promise<void>((r) => setTimeout(r, 0));

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
    setExporting('Preparing…');
    setMessage('');
    try {
      const parts: string[] = [];
      let rows = 0;
      // Pages straight from the `at` index; the page repaints between them.
      const pages = activityExportPages(getDb(), filter, { timeZone: zone, pause: nextFrame });
      async function* counted() {
        for await (const page of pages) {
          rows += page.length;
          yield page;
        }
      }
      for await (const chunk of exportActivityPagesCsv(counted())) {
        parts.push(chunk);
        setExporting(`Exporting… ${rows.toLocaleString()} rows`);
      }
      downloadFile(parts, `touchbase-activity-${isoDay(Date.now(), zone)}.csv`, 'text/csv;charset=utf-8');
      setMessage(`Exported ${rows.toLocaleString()} activit${rows === 1 ? 'y' : 'ies'}.`);
    } catch (err) {
      setMessage(`The export failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setExporting(undefined);
    }
  }

  async function exportContacts() {
    setExporting('Exporting contacts…');
    setMessage('');
    try {
      const csv = exportContactsCsv(await contactExportRows(getDb()));
      downloadFile([csv], `touchbase-contacts-${isoDay(Date.now(), zone)}.csv`, 'text/csv;charset=utf-8');
      setMessage('Contacts exported.');
    } catch (err) {
      setMessage(`The export failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setExporting(undefined);
    }
  }

  const filtered = Boolean(fromDay || toDay || contact || playbookId || channel);

  return (
    <section data-testid="activity-tab">
      <div className="tb-filters">
        <label>
          From
          <input type="date" value={fromDay} onChange={(e) => setFromDay(e.target.value)} />
        </label>
        <label>
          To
          <input type="date" value={toDay} onChange={(e) => setToDay(e.target.value)} />
        </label>
        <label>
          Contact
          <input
            type="search"
            placeholder="Name, email or company"
            value={contact}
            onChange={(e) => setContact(e.target.value)}
          />
        </label>
        <label>
          Playbook
          <select value={playbookId} onChange={(e) => setPlaybookId(e.target.value)}>
            <option value="">All playbooks</option>
            {(playbooks ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Channel
          <select value={channel} onChange={(e) => setChannel(e.target.value as Channel | '')}>
            <option value="">All channels</option>
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
          Export activity CSV
        </button>
        <button type="button" disabled={!!exporting} onClick={exportContacts} data-testid="export-contacts">
          Export contacts CSV
        </button>
      </div>
      {(exporting || message) && (
        <p className="tb-notice" role="status" data-testid="export-status">
          {exporting ?? message}
        </p>
      )}
      <p className="tb-muted">
        {filtered ? 'The export uses these filters. ' : ''}Times are in {zone}. Showing the latest{' '}
        {LIST_LIMIT} entries
        {filtered ? ' that match' : ''}.
      </p>
      {data === undefined ? (
        <p className="tb-muted">Loading…</p>
      ) : data.rows.length === 0 ? (
        <p className="tb-muted" data-testid="activity-empty">
          {filtered
            ? 'Nothing matches these filters.'
            : 'No activity yet: it appears here as you work your sequences.'}
        </p>
      ) : (
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
              <th>When</th>
              <th>Contact</th>
              <th>What</th>
              <th>Step</th>
              <th>Channel</th>
              <th>Details</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((a) => {
              const c = a.contactId === undefined ? undefined : data.ctx.contacts.get(a.contactId);
              const e = a.enrolmentId === undefined ? undefined : data.ctx.enrolments.get(a.enrolmentId);
              const details = [a.outcome, a.text].filter(Boolean).join(' · ');
              return (
                <tr key={a.id} data-testid="activity-row">
                  <td>{formatWhen(a.at, zone)}</td>
                  <td title={c?.email}>{c ? displayName(c) : <span className="tb-muted">—</span>}</td>
                  <td>{KIND_LABELS[a.kind] ?? a.kind}</td>
                  <td title={e?.playbookName}>
                    {a.purpose ? PURPOSE_LABELS[a.purpose] : (e?.playbookName ?? '')}
                    {a.step ? <span className="tb-muted"> · step {a.step}</span> : null}
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
      )}
    </section>
  );
}
