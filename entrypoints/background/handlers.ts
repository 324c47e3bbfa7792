import {
  addNote,
  applyPageValues,
  completeTouch,
  enrolContact,
  enrolmentAction,
  getDb,
  logCallOutcome,
  logReply,
  restoreBackup,
  saveSettings,
  skipTouch,
  snoozeTouch,
  insertRefusal,
  takeOver,
  type TouchbaseDb,
} from '@/lib/db';
import { saveRules } from '@/lib/db/assignment';
import { initI18n, t } from '@/lib/i18n';
import { bulkContacts } from '@/lib/db/contacts';
import { importContacts } from '@/lib/db/import';
import { updateContact } from '@/lib/db/contact-record';
import { deleteAllData } from '@/lib/db/maintenance';
import { saveSettingsWithReplan } from '@/lib/db/replan';
import { deletePlaybook, savePlaybook } from '@/lib/db/playbooks';
import { shareLibraryItem } from '@/lib/db/library-share';
import {
  deleteTemplate,
  duplicateStoredTemplate,
  translateStoredTemplate,
  resetTemplate,
  saveTemplate,
} from '@/lib/db/templates';
import { optOutContact, withdrawOptOut, withdrawSuppression } from '@/lib/db/optout';
import { recordSend } from '@/lib/db/sends';
import { recordUndo, undo } from '@/lib/db/undo';
import {
  forwardPageCommand,
  readLivePageState,
  readPageState,
  savePageState,
} from '@/lib/messaging/page-channel';
import type {
  EnrolmentAction,
  PageCommand,
  PageCommandResult,
  RuntimeMessage,
  UndoTicket,
} from '@/lib/messaging/protocol';
import type { BulkAction } from '@/lib/db/contacts';
import { renderMsg } from '@/lib/i18n/message';
import { isPageProblem } from '@/lib/messaging/validate';
import { type MessageKey, type Msg, MsgError, msg } from '@/lib/i18n/msg';
import { parseSendToken } from '@/lib/messaging/send-token';
import { loadSidebarData } from '@/lib/sidebar/query';
import { connect, disconnect, syncNow } from '@/lib/sync/service';
import { checkSetup } from '@/lib/sync/setup';
import { refreshBadge } from './badge';
import type { MessageOrigin } from './messaging';

/** The sender's tab; the sender checks already refused tab-bound requests from outside a tab. */
function tabOf(from: MessageOrigin): number {
  if (from.tabId === undefined || from.tabId < 0) throw new Error('This request needs a tab.');
  return from.tabId;
}

/** A scheduled send counts at its time; one the page misread (past, or years away) counts now. */
function sendTime(scheduledAt: number | undefined, now: number): number {
  if (scheduledAt === undefined || scheduledAt <= now) return now;
  return scheduledAt - now > 400 * 24 * 3_600_000 ? now : scheduledAt;
}

/** Another rep's lead: their draft stays out of this rep's compose (team sync on). */
async function refusedInsert(db: TouchbaseDb, command: PageCommand): Promise<PageCommandResult | undefined> {
  if (command.kind !== 'insert' || !command.token) return undefined;
  const reason = await insertRefusal(db, parseSendToken(command.token));
  return reason ? { ok: false, reason: renderMsg(reason) } : undefined;
}

/** The page's problem in the rep's language, as the sidebar shows `reason`. */
function inWords(res: PageCommandResult): PageCommandResult {
  if (res.problem === undefined) return res;
  const { problem, ...rest } = res;
  return isPageProblem(problem) ? { ...rest, reason: renderMsg(problem) } : rest;
}

const ENROLMENT_UNDO: Record<EnrolmentAction['kind'], MessageKey> = {
  pause: 'undo_paused',
  resume: 'undo_resumed',
  booked: 'undo_marked_booked',
  'missed-appointment': 'undo_missed_appointment',
  'confirm-proposal': 'undo_confirmed',
  'dismiss-proposal': 'undo_dismissed',
  'opted-out': 'undo_opted_out',
  'withdraw-opt-out': 'undo_opt_out_withdrawn',
  remove: 'undo_sequence_stopped',
};

const BULK_UNDO: Record<BulkAction['kind'], MessageKey> = {
  enrol: 'undo_bulk_enrolled',
  pause: 'undo_bulk_paused',
  resume: 'undo_bulk_resumed',
  remove: 'undo_bulk_stopped',
  delete: 'undo_bulk_deleted',
  'opt-out': 'undo_bulk_opted_out',
};

/** A handler's answer that can be taken back: the messaging layer passes the ticket on. */
export class Undoable {
  constructor(
    readonly data: unknown,
    readonly undo: UndoTicket | undefined,
  ) {}
}

/** A sync setup refused without a field named (never expected: checkSetup names one). */
const MALFORMED = msg('request_malformed');

/**
 * What the toast says for each action a rep can take back; absent means not undoable (a sent
 * email, an import, a restore: the world or the whole database moved on). Stored as a message
 * key, so the toast reads in whatever language the rep uses when it is shown.
 */
function undoLabel(msg: RuntimeMessage): Msg | undefined {
  switch (msg.type) {
    case 'touch.complete':
      return { key: 'undo_marked_done' };
    case 'touch.skip':
      return { key: 'undo_skipped' };
    case 'touch.snooze':
      return { key: 'undo_snoozed' };
    case 'call.outcome':
      return { key: 'undo_call_logged' };
    case 'reply.log':
      return { key: 'undo_reply_logged' };
    case 'contact.optOut':
      return { key: 'undo_opted_out' };
    case 'contact.withdrawOptOut':
      return { key: 'undo_opt_out_withdrawn' };
    case 'enrolment.action':
      return { key: ENROLMENT_UNDO[msg.payload.action.kind] };
    case 'contacts.bulk':
      return { key: BULK_UNDO[msg.payload.action.kind] };
    default:
      return undefined;
  }
}

/**
 * Routes each runtime message to the repository that does the work. Time is read here, once.
 * Undoable actions run inside `recordUndo`, so the action and its undo entry land together.
 */
export async function handleMessage(msg: RuntimeMessage, from: MessageOrigin = {}): Promise<unknown> {
  const label = undoLabel(msg);
  if (!label) return route(msg, from);
  const via = 'via' in msg.payload && typeof msg.payload.via === 'string' ? msg.payload.via : '';
  const { result, undo: ticket } = await recordUndo(
    getDb(),
    { label, via, now: Date.now(), clock: Date.now },
    () => route(msg, from),
  );
  return new Undoable(result, ticket);
}

async function route(msg: RuntimeMessage, from: MessageOrigin): Promise<unknown> {
  const db = getDb();
  const now = Date.now();
  switch (msg.type) {
    case 'badge.refresh':
      return refreshBadge(now);
    case 'enrol':
      return enrolContact(db, { ...msg.payload, now });
    case 'touch.complete':
      return completeTouch(db, msg.payload.touchId, { now, via: msg.payload.via, text: msg.payload.text });
    case 'touch.skip':
      await skipTouch(db, msg.payload.touchId, { now, via: msg.payload.via });
      return { ok: true };
    case 'touch.snooze':
      return snoozeTouch(db, msg.payload.touchId, msg.payload.minutes, { now, via: msg.payload.via });
    case 'call.outcome':
      await logCallOutcome(db, msg.payload.touchId, msg.payload.outcome, { now, via: msg.payload.via });
      return { ok: true };
    case 'reply.log':
      return logReply(db, msg.payload.contactId, {
        now,
        at: msg.payload.at,
        via: msg.payload.via,
        ...(msg.payload.text ? { text: msg.payload.text } : {}),
      });
    case 'enrolment.action':
      return enrolmentAction(db, msg.payload.enrolmentId, msg.payload.action, { now, via: msg.payload.via });
    case 'contact.fromPage':
      await applyPageValues(db, msg.payload.contactId, msg.payload.values, msg.payload.externalIds, {
        now,
        via: msg.payload.via,
      });
      return { ok: true };
    case 'note.add':
      await addNote(db, msg.payload.contactId, msg.payload.text, {
        now,
        via: msg.payload.via,
        enrolmentId: msg.payload.enrolmentId,
      });
      return { ok: true };
    case 'page.report': {
      const { session, view, theme, collapsed, capabilities } = msg.payload;
      await savePageState(tabOf(from), {
        session,
        collapsed,
        ...(view ? { view } : {}),
        ...(theme ? { theme } : {}),
        ...(capabilities
          ? {
              capabilities: {
                insert: capabilities.insert === true,
                sends: capabilities.sends === true,
                replies: capabilities.replies === true,
              },
            }
          : {}),
      });
      return { ok: true };
    }
    case 'page.state': {
      const tabId = tabOf(from);
      return { tabId, state: await readPageState(tabId) };
    }
    case 'page.command': {
      const refused = await refusedInsert(db, msg.payload.command);
      return refused ?? inWords(await forwardPageCommand(tabOf(from), msg.payload.command));
    }
    case 'panel.state':
      return { tabId: msg.payload.tabId, state: await readLivePageState(msg.payload.tabId) };
    case 'panel.command': {
      const refused = await refusedInsert(db, msg.payload.command);
      return refused ?? inWords(await forwardPageCommand(msg.payload.tabId, msg.payload.command));
    }
    case 'sidebar.data':
      return loadSidebarData(db, msg.payload);
    case 'gmail.sent': {
      // Gmail confirmed (or scheduled) the send of a compose holding our draft.
      const p = msg.payload;
      const target = parseSendToken(p.token);
      if (!target) return { recorded: false, reason: 'not-ours' };
      const text = [p.subject, p.bodyText].filter(Boolean).join('\n\n');
      const res = await recordSend(db, target, {
        at: sendTime(p.scheduledAt, now),
        recipients: [...p.to, ...p.cc, ...p.bcc],
        text,
        via: 'gmail',
      });
      return res.recorded ? { recorded: true } : { recorded: false, reason: res.reason };
    }
    case 'playbook.save':
      return savePlaybook(db, msg.payload.playbook, now);
    case 'playbook.delete':
      return deletePlaybook(db, msg.payload.id);
    case 'template.save': {
      const p = msg.payload;
      const template =
        p.mode === 'duplicate'
          ? await duplicateStoredTemplate(db, p.fromId, now, p.changes)
          : p.mode === 'translate'
            ? await translateStoredTemplate(db, p.fromId, p.language, now)
            : await saveTemplate(db, p.id, p.changes, now);
      return { template };
    }
    case 'template.reset':
      return { template: await resetTemplate(db, msg.payload.id, now) };
    case 'template.delete':
      await deleteTemplate(db, msg.payload.id);
      return { ok: true };
    case 'settings.notifications': {
      const saved = await saveSettings(db, { notifications: msg.payload.enabled === true });
      return { enabled: saved.notifications };
    }
    case 'contacts.bulk':
      return bulkContacts(db, msg.payload.contactIds, msg.payload.action, { now, via: msg.payload.via });
    case 'contacts.import':
      return importContacts(db, { ...msg.payload, now });
    case 'settings.save':
      return saveSettingsWithReplan(db, msg.payload.patch, {
        now,
        via: 'dashboard',
        replan: msg.payload.replan === true,
      });
    case 'contact.update':
      return updateContact(db, msg.payload.contactId, msg.payload.patch, { now, via: msg.payload.via });
    case 'backup.restore':
      return restoreBackup(db, msg.payload.text);
    case 'data.deleteAll':
      await deleteAllData(db, msg.payload.confirm);
      return { ok: true };
    case 'contact.optOut':
      return optOutContact(db, msg.payload.contactId, {
        now,
        via: msg.payload.via,
        reason: msg.payload.reason,
      });
    case 'contact.withdrawOptOut': {
      const p = msg.payload;
      const opts = { now, via: p.via, reason: p.reason };
      return p.contactId !== undefined
        ? withdrawOptOut(db, p.contactId, opts)
        : withdrawSuppression(db, p.suppressionKey ?? '', opts);
    }
    case 'undo':
      return undo(db, msg.payload.undoId, now);
    case 'sync.connect': {
      const checked = checkSetup(msg.payload);
      if (!checked.ok) throw new MsgError(Object.values(checked.errors)[0] ?? MALFORMED);
      return connect(checked.value, now, () => refreshBadge());
    }
    case 'contact.takeOver':
      return { contact: await takeOver(db, msg.payload.contactId, { now, via: msg.payload.via }) };
    case 'assign.save': {
      const res = await saveRules(db, msg.payload.rules, now);
      if (res.ok) return { saved: true };
      if (res.issues.length) return { issues: res.issues };
      await initI18n();
      throw new Error(t('assign_sync_off'));
    }
    case 'sync.now':
      return syncNow(() => refreshBadge());
    case 'sync.off':
      return disconnect();
    case 'library.share':
      return shareLibraryItem(db, msg.payload.kind, msg.payload.id, msg.payload.shared);
    default: {
      const never: never = msg;
      throw new Error(`Unknown message ${JSON.stringify(never)}`);
    }
  }
}
