import { useRef, useState } from 'react';
import type { LeadSource } from '@/lib/cadence/types';
import {
  type ColumnMapping,
  type CsvFormat,
  detectFormat,
  mapRowsChunked,
  type ParsedCsv,
  parseCsvBlob,
  type RejectedRow,
  rejectedToCsv,
} from '@/lib/csv/import';
import type { ImportSummary } from '@/lib/db/import';
import { importInBatches } from '@/lib/import/batches';
import { BackgroundStoppedError, request } from '@/lib/messaging/client';
import { useDashboard } from '@/lib/stores/dashboard';
import { downloadFile } from './contacts/format';
import { usePlaybooks, useSettings } from './contacts/useDashboardData';
import { MappingStep } from './import/MappingStep';
import { FORMAT_LABELS } from './import/mapping';
import './contacts/data-tabs.css';
import { LeadSourceOptions } from '@/components/ui/LeadSourceOptions';

type Phase = 'pick' | 'reading' | 'map' | 'saving' | 'done';

const FILE_LEVEL = new Set(['empty-file', 'not-text', 'no-header', 'no-data-rows']);
const MAX_BYTES = 50 * 1024 * 1024;

interface Loaded {
  fileName: string;
  parsed: ParsedCsv;
  format: CsvFormat;
}

/** CSV import: pick a file, check the mapping, choose what to do with known contacts, import. */
export function ImportTab() {
  const settings = useSettings();
  const playbooks = usePlaybooks();
  const setTab = useDashboard((s) => s.setTab);
  const [phase, setPhase] = useState<Phase>('pick');
  const [progress, setProgress] = useState(0);
  const [error, setError] = useState('');
  const [loaded, setLoaded] = useState<Loaded>();
  const [mapping, setMapping] = useState<ColumnMapping>({ fields: {}, custom: {} });
  const [mode, setMode] = useState<'skip' | 'update'>('skip');
  const [enrol, setEnrol] = useState(false);
  const [source, setSource] = useState<LeadSource | undefined>();
  const [playbookId, setPlaybookId] = useState<string | undefined>();
  const [summary, setSummary] = useState<ImportSummary>();
  const [rejected, setRejected] = useState<RejectedRow[]>([]);
  const [dragOver, setDragOver] = useState(false);
  const [saved, setSaved] = useState({ sent: 0, total: 0 });
  const [stopped, setStopped] = useState('');
  const signal = useRef({ aborted: false });
  const inputRef = useRef<HTMLInputElement>(null);

  const effectiveSource = source ?? settings?.defaultSource ?? 'web-form';
  const effectivePlaybook =
    playbookId ?? settings?.defaultPlaybookBySource[effectiveSource] ?? playbooks?.[0]?.id ?? '';

  function reset() {
    setPhase('pick');
    setLoaded(undefined);
    setSummary(undefined);
    setRejected([]);
    setProgress(0);
    setStopped('');
    if (inputRef.current) inputRef.current.value = '';
  }

  async function readFile(file: File) {
    reset();
    setError('');
    if (file.size > MAX_BYTES) {
      setError(`${file.name} is larger than 50 MB. Split it into smaller files and import them one by one.`);
      return;
    }
    setPhase('reading');
    signal.current = { aborted: false };
    // A slice at a time: a 20 MB file is never held whole, as bytes or as text.
    const parsed = await parseCsvBlob(file, { onProgress: setProgress, signal: signal.current });
    if (parsed.aborted) {
      setPhase('pick');
      setError('Import cancelled. Nothing was imported.');
      return;
    }
    const fatal = parsed.errors.find((e) => FILE_LEVEL.has(e.code));
    if (fatal || parsed.rows.length === 0 || parsed.headers.length === 0) {
      setPhase('pick');
      setError(
        `${file.name} can’t be imported: ${fatal?.message ?? 'no rows were found in it.'} Nothing was imported.`,
      );
      return;
    }
    const detected = detectFormat(parsed.headers);
    setLoaded({ fileName: file.name, parsed, format: detected.format });
    setMapping(detected.mapping);
    setPhase('map');
  }

  async function runImport() {
    if (!loaded) return;
    setError('');
    setStopped('');
    setPhase('saving');
    setSaved({ sent: 0, total: loaded.parsed.rows.length });
    signal.current = { aborted: false };
    // In slices, so mapping a big file never freezes the page.
    const mapped = await mapRowsChunked(loaded.parsed, mapping, { signal: signal.current });
    if (!mapped) {
      setPhase('map');
      setError('Import cancelled. Nothing was imported.');
      return;
    }
    const { drafts, rejected: bad } = mapped;
    setRejected(bad);
    if (drafts.length === 0) {
      setError(
        'No row of this file can be imported with this mapping (see the reasons below). Nothing was imported.',
      );
      setSummary({ created: 0, updated: 0, skipped: 0, enrolled: 0, notEnrolled: 0, suppressed: 0 });
      setPhase('done');
      return;
    }
    setSaved({ sent: 0, total: drafts.length });
    const enrolment =
      enrol && effectivePlaybook ? { enrol: { playbookId: effectivePlaybook, source: effectiveSource } } : {};
    let stoppedWorker: BackgroundStoppedError | undefined;
    const run = await importInBatches(drafts, {
      send: (batch) =>
        request('contacts.import', { drafts: batch, mode, ...enrolment, via: 'import' }).catch((err) => {
          if (err instanceof BackgroundStoppedError) stoppedWorker = err;
          throw err;
        }),
      onProgress: (sent, total) => setSaved({ sent, total }),
      signal: signal.current,
    });
    if (run.sent === 0 && (run.error || run.cancelled)) {
      setPhase('map');
      // A stopped worker leaves each transaction whole or absent, so "nothing" may not be true:
      // its own message says to check and run the import again (skip mode makes that safe).
      setError(
        stoppedWorker
          ? `${stoppedWorker.message} Importing the same file again skips the contacts already there.`
          : run.error
            ? `Nothing was imported: ${run.error}`
            : 'Import cancelled. Nothing was imported.',
      );
      return;
    }
    if (run.error || run.cancelled) {
      const rest = `The ${run.sent} contacts before that are imported; import the file again with “Leave them as they are” to add the other ${run.total - run.sent}.`;
      setStopped(
        run.error
          ? `The import stopped after ${run.sent} of ${run.total} contacts: ${run.error}. ${rest}`
          : `Import cancelled after ${run.sent} of ${run.total} contacts. ${rest}`,
      );
    }
    setSummary(run.summary);
    setPhase('done');
  }

  const stepIndex = { pick: 0, reading: 0, map: 1, saving: 2, done: 2 }[phase];
  const emailMapped = (mapping.fields.email ?? []).length > 0;
  const warnings =
    loaded?.parsed.errors.filter((e) => !FILE_LEVEL.has(e.code) && e.rowIndex === undefined) ?? [];

  return (
    <section className="tb-import" data-testid="import-tab">
      <ol className="tb-steps" aria-label="Import steps">
        {['Choose a file', 'Check the columns', 'Import'].map((s, i) => (
          <li
            key={s}
            className={i === stepIndex ? 'current' : undefined}
            aria-current={i === stepIndex ? 'step' : undefined}
          >
            {s}
          </li>
        ))}
      </ol>

      {error && (
        <p className="tb-notice error" role="alert" data-testid="import-error">
          {error}
        </p>
      )}

      {(phase === 'pick' || phase === 'reading') && (
        // biome-ignore lint/a11y/noStaticElementInteractions: the drop zone only adds drag-and-drop; the button inside is the keyboard path.
        <div
          className={`tb-drop${dragOver ? ' over' : ''}`}
          data-testid="import-drop"
          onDragOver={(e) => {
            e.preventDefault();
            setDragOver(true);
          }}
          onDragLeave={() => setDragOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragOver(false);
            const file = e.dataTransfer.files[0];
            if (file) void readFile(file);
          }}
        >
          {phase === 'reading' ? (
            <div className="tb-progress" data-testid="import-progress">
              <span>Reading the file…</span>
              <progress max={1} value={progress} aria-label="Reading progress" />
              <span>{Math.round(progress * 100)}%</span>
              <button type="button" onClick={() => (signal.current.aborted = true)}>
                Cancel
              </button>
            </div>
          ) : (
            <>
              <p>
                <strong>Drop a CSV file here</strong> or{' '}
                <button type="button" className="primary" onClick={() => inputRef.current?.click()}>
                  Choose a file
                </button>
              </p>
              <p className="tb-muted">
                Exports from Google Contacts, LinkedIn, HubSpot, Salesforce and Pipedrive are recognised; any
                other CSV works with a column mapping.
              </p>
            </>
          )}
          <input
            ref={inputRef}
            type="file"
            accept=".csv,.txt,text/csv"
            hidden
            data-testid="import-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void readFile(file);
            }}
          />
        </div>
      )}

      {(phase === 'map' || phase === 'saving') && loaded && (
        <>
          <p className="tb-format" data-testid="import-format">
            <strong>{loaded.fileName}</strong>
            {' — '}
            {loaded.format === 'unknown'
              ? 'we don’t recognise this layout: pick the column for each field below.'
              : `looks like ${FORMAT_LABELS[loaded.format]}. Check the columns below.`}
          </p>
          {warnings.map((w) => (
            <p key={w.code + String(w.line)} className="tb-problem">
              {w.message}
            </p>
          ))}
          <MappingStep parsed={loaded.parsed} mapping={mapping} onChange={setMapping} />
          <div className="tb-options">
            <fieldset>
              <legend>Contacts already in Touchbase (same email)</legend>
              <label className="tb-toggle">
                <input
                  type="radio"
                  name="dedupe"
                  checked={mode === 'skip'}
                  onChange={() => setMode('skip')}
                />
                <span>Leave them as they are</span>
              </label>
              <label className="tb-toggle">
                <input
                  type="radio"
                  name="dedupe"
                  checked={mode === 'update'}
                  onChange={() => setMode('update')}
                />
                <span>Update them with the values from this file (empty cells never erase anything)</span>
              </label>
            </fieldset>
            <fieldset>
              <legend>Follow-up</legend>
              <label className="tb-toggle">
                <input
                  type="checkbox"
                  checked={enrol}
                  onChange={(e) => setEnrol(e.target.checked)}
                  data-testid="import-enrol"
                />
                <span>Enrol the imported contacts in a playbook</span>
              </label>
              {enrol && (
                <div className="tb-row">
                  <label className="tb-field">
                    Lead source
                    <select
                      value={effectiveSource}
                      onChange={(e) => {
                        setSource(e.target.value as LeadSource);
                        setPlaybookId(undefined);
                      }}
                      data-testid="import-source"
                    >
                      <LeadSourceOptions />
                    </select>
                  </label>
                  <label className="tb-field">
                    Playbook
                    <select
                      value={effectivePlaybook}
                      onChange={(e) => setPlaybookId(e.target.value)}
                      data-testid="import-playbook"
                    >
                      {(playbooks ?? []).map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name}
                        </option>
                      ))}
                    </select>
                  </label>
                </div>
              )}
            </fieldset>
          </div>
          {!emailMapped && (
            <p className="tb-problem error">Choose the column that holds the email address.</p>
          )}
          <div className="tb-row">
            <button
              type="button"
              className="primary"
              disabled={!emailMapped || phase === 'saving'}
              onClick={runImport}
              data-testid="import-run"
            >
              Import {loaded.parsed.rows.length} row{loaded.parsed.rows.length === 1 ? '' : 's'}
            </button>
            <button type="button" onClick={reset} disabled={phase === 'saving'}>
              Choose another file
            </button>
            {phase === 'saving' && (
              <span className="tb-progress" data-testid="import-saving">
                <progress aria-label="Saving" max={Math.max(1, saved.total)} value={saved.sent} />
                <span data-testid="import-saved">
                  Saving… {saved.sent} of {saved.total}
                </span>
                <button
                  type="button"
                  onClick={() => (signal.current.aborted = true)}
                  data-testid="import-cancel"
                >
                  Cancel
                </button>
              </span>
            )}
          </div>
        </>
      )}

      {phase === 'done' && summary && (
        <div data-testid="import-summary">
          <h2>{stopped ? 'Import stopped' : 'Import finished'}</h2>
          {stopped && (
            <p className="tb-notice" role="alert" data-testid="import-stopped">
              {stopped}
            </p>
          )}
          <div className="tb-summary">
            <div className="tb-stat">
              <b data-testid="import-created">{summary.created}</b>
              <span>created</span>
            </div>
            <div className="tb-stat">
              <b data-testid="import-updated">{summary.updated}</b>
              <span>updated</span>
            </div>
            <div className="tb-stat">
              <b data-testid="import-skipped">{summary.skipped}</b>
              <span>already there, left alone</span>
            </div>
            <div className="tb-stat">
              <b data-testid="import-rejected">{rejected.length}</b>
              <span>could not be imported</span>
            </div>
            {(summary.enrolled > 0 || summary.notEnrolled > 0) && (
              <div className="tb-stat">
                <b data-testid="import-enrolled">{summary.enrolled}</b>
                <span>
                  enrolled
                  {summary.notEnrolled ? ` (${summary.notEnrolled} not enrolled: see below)` : ''}
                </span>
              </div>
            )}
          </div>
          {summary.notEnrolled > 0 && !summary.problems?.length ? (
            <p className="tb-muted">
              Contacts already in a running sequence, or who opted out, are imported but not enrolled again.
            </p>
          ) : null}
          {summary.suppressed > 0 ? (
            <div className="tb-suppressed" data-testid="import-suppressed">
              <h3 className="tb-section-title">
                {summary.suppressed} opted out earlier: kept opted out, not enrolled
              </h3>
              <ul className="tb-problem">
                {(summary.suppressedEmails ?? []).map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {summary.problems?.length ? (
            <div data-testid="import-problems">
              <h3 className="tb-section-title">Imported, with something to check</h3>
              <ul className="tb-problem">
                {summary.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {rejected.length > 0 && (
            <>
              <div className="tb-row">
                <h3 className="tb-section-title" style={{ margin: 0 }}>
                  Rows that could not be imported
                </h3>
                <button
                  type="button"
                  onClick={() =>
                    downloadFile(
                      [rejectedToCsv(rejected)],
                      'touchbase-rows-not-imported.csv',
                      'text/csv;charset=utf-8',
                    )
                  }
                >
                  Download them as CSV
                </button>
              </div>
              <div className="tb-rejected" style={{ marginTop: 8 }}>
                <table className="tb-table" data-testid="import-rejected-list">
                  <thead>
                    <tr>
                      <th style={{ width: 60 }}>Line</th>
                      <th>Why</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rejected.slice(0, 200).map((r) => (
                      <tr key={r.rowNumber}>
                        <td>{r.rowNumber}</td>
                        <td>{r.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {rejected.length > 200 && (
                <p className="tb-muted">…and {rejected.length - 200} more in the download.</p>
              )}
            </>
          )}
          <div className="tb-row" style={{ marginTop: 14 }}>
            <button type="button" className="primary" onClick={() => setTab('contacts')}>
              See contacts
            </button>
            <button type="button" onClick={reset}>
              Import another file
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
