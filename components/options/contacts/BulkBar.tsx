import { useState } from 'react';
import type { LeadSource, Playbook } from '@/lib/cadence/types';
import type { BulkAction } from '@/lib/db/contacts';
import type { RepSettings } from '@/lib/db/schema';
import { LeadSourceOptions } from '@/components/ui/LeadSourceOptions';
import { ConfirmOptOut } from '@/components/ui/OptOutForms';
import { type PluralKey, t, tn } from '@/lib/i18n';
import { renderMsg } from '@/lib/i18n/message';
import { requestUndoable } from '@/lib/messaging/client';
import type { UndoTicket } from '@/lib/messaging/protocol';
import { builtInText } from '@/lib/labels';

interface Props {
  selected: number[];
  playbooks: Playbook[];
  settings: RepSettings;
  /** What happened, with the undo ticket of the change (or `error` when nothing changed). */
  onDone(message: string, undo?: UndoTicket, error?: boolean): void;
  onClear(): void;
}

type Confirming = 'remove' | 'delete' | 'opt-out' | undefined;

/** Actions on the selected contacts; each one is a single background transaction. */
export function BulkBar({ selected, playbooks, settings, onDone, onClear }: Props) {
  const [source, setSource] = useState<LeadSource>(settings.defaultSource);
  const [playbookId, setPlaybookId] = useState(
    settings.defaultPlaybookBySource[settings.defaultSource] ?? playbooks[0]?.id ?? '',
  );
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<Confirming>();
  const n = selected.length;

  /** `done` words the result: "Enrolled 3 contacts." */
  async function run(action: BulkAction, done: PluralKey) {
    setBusy(true);
    setConfirming(undefined);
    try {
      const { data: res, undo } = await requestUndoable('contacts.bulk', {
        contactIds: selected,
        action,
        via: 'dashboard',
      });
      const skipped = res.skipped
        ? ` ${t('bulk_skipped', { reasons: res.reasons.map(renderMsg).join(', ') })}`
        : '';
      onDone(`${tn(done, res.changed)}${skipped}`, undo);
      onClear();
    } catch (err) {
      onDone(t('bulk_failed', { error: err instanceof Error ? err.message : String(err) }), undefined, true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="tb-bulk" role="toolbar" aria-label={t('bulk_label')} data-testid="bulk-bar">
      <strong>{tn('bulk_selected', n)}</strong>
      <span className="tb-bulk-group">
        <label>
          <span className="tb-sr-only">{t('field_playbook')}</span>
          <select
            value={playbookId}
            onChange={(e) => setPlaybookId(e.target.value)}
            aria-label={t('field_playbook')}
          >
            {playbooks.map((p) => (
              <option key={p.id} value={p.id}>
                {builtInText(p.name)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="tb-sr-only">{t('field_lead_source')}</span>
          <select
            value={source}
            aria-label={t('field_lead_source')}
            onChange={(e) => {
              const s = e.target.value as LeadSource;
              setSource(s);
              const def = settings.defaultPlaybookBySource[s];
              if (def) setPlaybookId(def);
            }}
          >
            <LeadSourceOptions />
          </select>
        </label>
        <button
          type="button"
          className="primary"
          disabled={busy || !playbookId}
          onClick={() => run({ kind: 'enrol', playbookId, source }, 'bulk_done_enrol')}
        >
          {t('bulk_enrol')}
        </button>
      </span>
      <button type="button" disabled={busy} onClick={() => run({ kind: 'pause' }, 'bulk_done_pause')}>
        {t('bulk_pause')}
      </button>
      <button type="button" disabled={busy} onClick={() => run({ kind: 'resume' }, 'bulk_done_resume')}>
        {t('bulk_resume')}
      </button>
      <button type="button" disabled={busy} onClick={() => setConfirming('remove')}>
        {t('bulk_stop')}
      </button>
      <button type="button" className="danger" disabled={busy} onClick={() => setConfirming('opt-out')}>
        {t('bulk_opt_out')}
      </button>
      <button type="button" className="danger" disabled={busy} onClick={() => setConfirming('delete')}>
        {t('bulk_delete')}
      </button>
      <button type="button" className="tb-link" onClick={onClear}>
        {t('bulk_clear')}
      </button>
      {confirming === 'opt-out' && (
        <ConfirmOptOut
          who={tn('contacts_count', n)}
          busy={busy}
          onConfirm={(reason) => run({ kind: 'opt-out', reason }, 'bulk_done_opt_out')}
          onCancel={() => setConfirming(undefined)}
        />
      )}
      {(confirming === 'remove' || confirming === 'delete') && (
        <div className="tb-confirm" role="alertdialog" aria-label={t('bulk_confirm_label')}>
          <span>{tn(confirming === 'remove' ? 'bulk_confirm_stop' : 'bulk_confirm_delete', n)}</span>
          <button
            type="button"
            className={confirming === 'delete' ? 'danger-solid' : 'primary'}
            onClick={() =>
              confirming === 'remove'
                ? run({ kind: 'remove' }, 'bulk_done_remove')
                : run({ kind: 'delete' }, 'bulk_done_delete')
            }
          >
            {confirming === 'remove' ? t('bulk_stop_button') : tn('bulk_delete_button', n)}
          </button>
          <button type="button" onClick={() => setConfirming(undefined)}>
            {t('common_cancel')}
          </button>
        </div>
      )}
    </div>
  );
}
