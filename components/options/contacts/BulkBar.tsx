import { useState } from 'react';
import type { LeadSource, Playbook } from '@/lib/cadence/types';
import type { BulkAction } from '@/lib/db/contacts';
import type { RepSettings } from '@/lib/db/schema';
import { LeadSourceOptions } from '@/components/ui/LeadSourceOptions';
import { ConfirmOptOut } from '@/components/ui/OptOutForms';
import { requestUndoable } from '@/lib/messaging/client';
import type { UndoTicket } from '@/lib/messaging/protocol';

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
  const people = `${n} contact${n === 1 ? '' : 's'}`;

  async function run(action: BulkAction, verb: string) {
    setBusy(true);
    setConfirming(undefined);
    try {
      const { data: res, undo } = await requestUndoable('contacts.bulk', {
        contactIds: selected,
        action,
        via: 'dashboard',
      });
      const skipped = res.skipped ? ` Skipped ${res.reasons.join(', ')}.` : '';
      onDone(`${verb} ${res.changed} contact${res.changed === 1 ? '' : 's'}.${skipped}`, undo);
      onClear();
    } catch (err) {
      onDone(`Nothing changed: ${err instanceof Error ? err.message : String(err)}`, undefined, true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="tb-bulk" role="toolbar" aria-label="Actions on selected contacts" data-testid="bulk-bar">
      <strong>{n} selected</strong>
      <span className="tb-bulk-group">
        <label>
          <span className="tb-sr-only">Playbook</span>
          <select value={playbookId} onChange={(e) => setPlaybookId(e.target.value)} aria-label="Playbook">
            {playbooks.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="tb-sr-only">Lead source</span>
          <select
            value={source}
            aria-label="Lead source"
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
          onClick={() => run({ kind: 'enrol', playbookId, source }, 'Enrolled')}
        >
          Enrol
        </button>
      </span>
      <button type="button" disabled={busy} onClick={() => run({ kind: 'pause' }, 'Paused')}>
        Pause
      </button>
      <button type="button" disabled={busy} onClick={() => run({ kind: 'resume' }, 'Resumed')}>
        Resume
      </button>
      <button type="button" disabled={busy} onClick={() => setConfirming('remove')}>
        Stop sequence…
      </button>
      <button type="button" className="danger" disabled={busy} onClick={() => setConfirming('opt-out')}>
        Opt out…
      </button>
      <button type="button" className="danger" disabled={busy} onClick={() => setConfirming('delete')}>
        Delete…
      </button>
      <button type="button" className="tb-link" onClick={onClear}>
        Clear selection
      </button>
      {confirming === 'opt-out' && (
        <ConfirmOptOut
          who={people}
          busy={busy}
          onConfirm={(reason) => run({ kind: 'opt-out', reason }, 'Opted out')}
          onCancel={() => setConfirming(undefined)}
        />
      )}
      {(confirming === 'remove' || confirming === 'delete') && (
        <div className="tb-confirm" role="alertdialog" aria-label="Confirm">
          <span>
            {confirming === 'remove'
              ? `Stop the running sequences of ${people}? Their history stays.`
              : `Delete ${people} with their sequences and history? Undo stays possible for a few seconds; their opt-outs are kept.`}
          </span>
          <button
            type="button"
            className={confirming === 'delete' ? 'danger-solid' : 'primary'}
            onClick={() =>
              confirming === 'remove'
                ? run({ kind: 'remove' }, 'Stopped the sequences of')
                : run({ kind: 'delete' }, 'Deleted')
            }
          >
            {confirming === 'remove' ? 'Stop sequences' : `Delete ${people}`}
          </button>
          <button type="button" onClick={() => setConfirming(undefined)}>
            Cancel
          </button>
        </div>
      )}
    </div>
  );
}
