import { useRef, useState } from 'react';
import type { LeadSource } from '@/lib/cadence/types';
import {
  type ColumnMapping,
  type CsvFormat,
  detectFormat,
  type ParsedCsv,
  parseCsvBlob,
  type RejectedRow,
  rejectedToCsv,
} from '@/lib/csv/import';
import type { ImportSummary } from '@/lib/db/import';
import { formatPercent } from '@/lib/format/datetime';
import { formatCount, type PluralKey, t, tn, uiLocale } from '@/lib/i18n';
import { renderMsg } from '@/lib/i18n/message';
import { importInBatches } from '@/lib/import/batches';
import { csvDraftSource, FILE_LEVEL } from '@/lib/import/source';
import { BackgroundStoppedError, request } from '@/lib/messaging/client';
import { useDashboard } from '@/lib/stores/dashboard';
import { downloadFile } from './contacts/format';
import { usePlaybooks, useSettings } from './contacts/useDashboardData';
import { MappingStep } from './import/MappingStep';
import { FORMAT_LABELS } from './import/mapping';
import './contacts/data-tabs.css';
import { LeadSourceOptions } from '@/components/ui/LeadSourceOptions';
import { RichText } from '@/components/ui/RichText';
import { builtInText } from '@/lib/labels';

type Phase = 'pick' | 'reading' | 'map' | 'saving' | 'done';

const MAX_BYTES = 50 * 1024 * 1024;
const STEPS = ['import_step_pick', 'import_step_map', 'import_step_run'] as const;
/** Rows kept from the first read, for the mapping screen's preview. */
const KEEP_ROWS = 50;

/** Rows in the loaded file (the first read keeps only a preview of them). */
const rowsIn = (parsed: ParsedCsv) => parsed.rowCount ?? parsed.rows.length;

interface Loaded {
  fileName: string;
  file: Blob;
  /** The file's first rows (`rowCount` says how many it has in all). */
  parsed: ParsedCsv;
  format: CsvFormat;
}

/** One figure of the import summary: the count, and what happened to that many contacts. */
function Stat({ n, msg, testId, more }: { n: number; msg: PluralKey; testId: string; more?: string }) {
  return (
    <div className="tb-stat">
      <b data-testid={testId}>{formatCount(n)}</b>
      <span>
        {tn(msg, n)}
        {more ? ` ${more}` : ''}
      </span>
    </div>
  );
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
      setError(t('import_too_big', { file: file.name }));
      return;
    }
    setPhase('reading');
    signal.current = { aborted: false };
    // A slice at a time, keeping only the first rows for the mapping screen: a 20 MB file is
    // never held whole, as bytes, text or rows (the import reads it again, batch by batch).
    const parsed = await parseCsvBlob(file, {
      onProgress: setProgress,
      signal: signal.current,
      keepRows: KEEP_ROWS,
    });
    if (parsed.aborted) {
      setPhase('pick');
      setError(t('import_cancelled'));
      return;
    }
    const fatal = parsed.errors.find((e) => FILE_LEVEL.has(e.code));
    if (fatal || parsed.rows.length === 0 || parsed.headers.length === 0) {
      setPhase('pick');
      setError(
        t('import_cant_import', {
          file: file.name,
          reason: fatal ? renderMsg(fatal.msg ?? fatal.message) : t('import_no_rows'),
        }),
      );
      return;
    }
    const detected = detectFormat(parsed.headers);
    setLoaded({ fileName: file.name, file, parsed, format: detected.format });
    setMapping(detected.mapping);
    setPhase('map');
  }

  async function runImport() {
    if (!loaded) return;
    setError('');
    setStopped('');
    setPhase('saving');
    const total = rowsIn(loaded.parsed);
    setSaved({ sent: 0, total });
    signal.current = { aborted: false };
    const file = csvDraftSource(loaded.file, loaded.parsed, mapping, {
      signal: signal.current,
      words: (issue) => renderMsg(issue.msg ?? issue.message),
    });
    const enrolment =
      enrol && effectivePlaybook ? { enrol: { playbookId: effectivePlaybook, source: effectiveSource } } : {};
    let stoppedWorker: BackgroundStoppedError | undefined;
    const run = await importInBatches(file.source, {
      total,
      send: (batch) =>
        request('contacts.import', { drafts: batch, mode, ...enrolment, via: 'import' }).catch((err) => {
          if (err instanceof BackgroundStoppedError) stoppedWorker = err;
          throw err;
        }),
      onProgress: (sent, total) => setSaved({ sent, total }),
      signal: signal.current,
    });
    setRejected(file.rejected);
    const landed = run.summary.created + run.summary.updated + run.summary.skipped;
    if (!run.error && !run.cancelled && file.mapped() === 0) {
      setError(t('import_nothing_mappable'));
      setSummary(run.summary);
      setPhase('done');
      return;
    }
    if (landed === 0 && (run.error || run.cancelled)) {
      setPhase('map');
      // A stopped worker leaves each transaction whole or absent, so "nothing" may not be true:
      // its own message says to check and run the import again (skip mode makes that safe).
      setError(
        stoppedWorker
          ? t('import_worker_stopped', { error: stoppedWorker.message })
          : run.error
            ? t('import_failed', { error: run.error })
            : t('import_cancelled'),
      );
      return;
    }
    if (run.error || run.cancelled) {
      const rest = tn('import_stopped_rest', run.sent, {
        skip: t('import_mode_skip'),
        rest: run.total - run.sent,
      });
      setStopped(
        run.error
          ? t('import_stopped_error', { sent: run.sent, total: run.total, error: run.error, rest })
          : t('import_stopped_cancelled', { sent: run.sent, total: run.total, rest }),
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
      <ol className="tb-steps" aria-label={t('import_steps_label')}>
        {STEPS.map((s, i) => (
          <li
            key={s}
            className={i === stepIndex ? 'current' : undefined}
            aria-current={i === stepIndex ? 'step' : undefined}
          >
            {t(s)}
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
              <span>{t('import_reading')}</span>
              <progress max={1} value={progress} aria-label={t('import_reading_progress')} />
              <span>{formatPercent(progress, uiLocale())}</span>
              <button type="button" onClick={() => (signal.current.aborted = true)}>
                {t('common_cancel')}
              </button>
            </div>
          ) : (
            <>
              <p>
                <RichText
                  k="import_drop"
                  parts={{
                    drop: <strong>{t('import_drop_here')}</strong>,
                    choose: (
                      <button type="button" className="primary" onClick={() => inputRef.current?.click()}>
                        {t('import_step_pick')}
                      </button>
                    ),
                  }}
                />
              </p>
              <p className="tb-muted">{t('import_recognised')}</p>
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
            {loaded.format === 'unknown' ? (
              <RichText k="import_format_unknown" parts={{ file: <strong>{loaded.fileName}</strong> }} />
            ) : (
              <RichText
                k="import_format_known"
                parts={{ file: <strong>{loaded.fileName}</strong>, format: FORMAT_LABELS[loaded.format] }}
              />
            )}
          </p>
          {warnings.map((w) => (
            <p key={w.code + String(w.line)} className="tb-problem">
              {renderMsg(w.msg ?? w.message)}
            </p>
          ))}
          <MappingStep parsed={loaded.parsed} mapping={mapping} onChange={setMapping} />
          <div className="tb-options">
            <fieldset>
              <legend>{t('import_dedupe_legend')}</legend>
              <label className="tb-toggle">
                <input
                  type="radio"
                  name="dedupe"
                  checked={mode === 'skip'}
                  onChange={() => setMode('skip')}
                />
                <span>{t('import_mode_skip')}</span>
              </label>
              <label className="tb-toggle">
                <input
                  type="radio"
                  name="dedupe"
                  checked={mode === 'update'}
                  onChange={() => setMode('update')}
                />
                <span>{t('import_mode_update')}</span>
              </label>
            </fieldset>
            <fieldset>
              <legend>{t('import_followup')}</legend>
              <label className="tb-toggle">
                <input
                  type="checkbox"
                  checked={enrol}
                  onChange={(e) => setEnrol(e.target.checked)}
                  data-testid="import-enrol"
                />
                <span>{t('import_enrol')}</span>
              </label>
              {enrol && (
                <div className="tb-row">
                  <label className="tb-field">
                    {t('field_lead_source')}
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
                    {t('field_playbook')}
                    <select
                      value={effectivePlaybook}
                      onChange={(e) => setPlaybookId(e.target.value)}
                      data-testid="import-playbook"
                    >
                      {(playbooks ?? []).map((p) => (
                        <option key={p.id} value={p.id}>
                          {builtInText(p.name)}
                        </option>
                      ))}
                    </select>
                  </label>
                </div>
              )}
            </fieldset>
          </div>
          {!emailMapped && <p className="tb-problem error">{t('import_need_email')}</p>}
          <div className="tb-row">
            <button
              type="button"
              className="primary"
              disabled={!emailMapped || phase === 'saving'}
              onClick={runImport}
              data-testid="import-run"
            >
              {tn('import_run', rowsIn(loaded.parsed))}
            </button>
            <button type="button" onClick={reset} disabled={phase === 'saving'}>
              {t('import_choose_another')}
            </button>
            {phase === 'saving' && (
              <span className="tb-progress" data-testid="import-saving">
                <progress
                  aria-label={t('import_saving_label')}
                  max={Math.max(1, saved.total)}
                  value={saved.sent}
                />
                <span data-testid="import-saved">
                  {t('import_saving', { sent: saved.sent, total: saved.total })}
                </span>
                <button
                  type="button"
                  onClick={() => (signal.current.aborted = true)}
                  data-testid="import-cancel"
                >
                  {t('common_cancel')}
                </button>
              </span>
            )}
          </div>
        </>
      )}

      {phase === 'done' && summary && (
        <div data-testid="import-summary">
          <h2>{t(stopped ? 'import_stopped_title' : 'import_done_title')}</h2>
          {stopped && (
            <p className="tb-notice" role="alert" data-testid="import-stopped">
              {stopped}
            </p>
          )}
          <div className="tb-summary">
            <Stat n={summary.created} msg="import_stat_created" testId="import-created" />
            <Stat n={summary.updated} msg="import_stat_updated" testId="import-updated" />
            <Stat n={summary.skipped} msg="import_stat_skipped" testId="import-skipped" />
            <Stat n={rejected.length} msg="import_stat_rejected" testId="import-rejected" />
            {(summary.enrolled > 0 || summary.notEnrolled > 0) && (
              <Stat
                n={summary.enrolled}
                msg="import_stat_enrolled"
                testId="import-enrolled"
                more={
                  summary.notEnrolled ? t('import_stat_not_enrolled', { count: summary.notEnrolled }) : ''
                }
              />
            )}
          </div>
          {summary.notEnrolled > 0 && !summary.problems?.length ? (
            <p className="tb-muted">{t('import_not_enrolled_note')}</p>
          ) : null}
          {summary.suppressed > 0 ? (
            <div className="tb-suppressed" data-testid="import-suppressed">
              <h3 className="tb-section-title">{tn('import_suppressed', summary.suppressed)}</h3>
              <ul className="tb-problem">
                {(summary.suppressedEmails ?? []).map((e) => (
                  <li key={e}>{e}</li>
                ))}
                {summary.suppressed > (summary.suppressedEmails?.length ?? 0) ? (
                  <li>
                    {tn('import_problems_more', summary.suppressed - (summary.suppressedEmails?.length ?? 0))}
                  </li>
                ) : null}
              </ul>
            </div>
          ) : null}
          {summary.problems?.length ? (
            <div data-testid="import-problems">
              <h3 className="tb-section-title">{t('import_problems_title')}</h3>
              <ul className="tb-problem">
                {summary.problems.map((p, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: one summary's problems never reorder.
                  <li key={i}>{renderMsg(p)}</li>
                ))}
                {summary.problemsMore ? <li>{tn('import_problems_more', summary.problemsMore)}</li> : null}
              </ul>
            </div>
          ) : null}
          {rejected.length > 0 && (
            <>
              <div className="tb-row">
                <h3 className="tb-section-title" style={{ margin: 0 }}>
                  {t('import_rejected_title')}
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
                  {t('import_download_rejected')}
                </button>
              </div>
              <div className="tb-rejected" style={{ marginTop: 8 }}>
                <table className="tb-table" data-testid="import-rejected-list">
                  <thead>
                    <tr>
                      <th style={{ width: 60 }}>{t('import_col_line')}</th>
                      <th>{t('import_col_why')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rejected.slice(0, 200).map((r) => (
                      <tr key={r.rowNumber}>
                        <td>{r.rowNumber}</td>
                        <td>{renderMsg(r.msg ?? r.reason)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {rejected.length > 200 && (
                <p className="tb-muted">{tn('import_more_in_download', rejected.length - 200)}</p>
              )}
            </>
          )}
          <div className="tb-row" style={{ marginTop: 14 }}>
            <button type="button" className="primary" onClick={() => setTab('contacts')}>
              {t('import_see_contacts')}
            </button>
            <button type="button" onClick={reset}>
              {t('import_another')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
