import {
  isRuntimeMessage,
  isTrustedSender,
  type RuntimeMessage,
  type SenderInfo,
  senderMayRequest,
} from '@/lib/messaging/protocol';
import { payloadProblem } from '@/lib/messaging/validate';
import { quietGate, settled } from '@/lib/badge/settle';
import { initI18n } from '@/lib/i18n';
import { errorText, isMsg, type Msg, msg, msgOf, renderMsg } from '@/lib/i18n/message';
import { refreshBadge } from './badge';
import { Undoable } from './handlers';

/** Where a message came from, as the browser (not the message) says. */
export interface MessageOrigin {
  tabId?: number;
  frameId?: number;
}

type Handler = (msg: RuntimeMessage, from: MessageOrigin) => Promise<unknown>;

/** Requests that only read: nothing changed, so the badge needs no recount. */
const READ_ONLY: ReadonlySet<RuntimeMessage['type']> = new Set<RuntimeMessage['type']>([
  'sidebar.data',
  'badge.refresh',
  'page.report',
  'page.state',
  'page.command',
  'panel.state',
  'panel.command',
]);

/** How long the badge may lag behind an import still landing. */
const IMPORT_WAIT = { settleMs: 2_000, maxWaitMs: 30_000 };

/**
 * An import landing: the minute alarm's work (storing the hour ahead, the badge) waits for its
 * batches to pause, as the badge does, instead of writing between them.
 */
export const importLanding = quietGate(IMPORT_WAIT);

const badgeAfterWrites = settled(
  () => refreshBadge().catch((err: unknown) => console.warn('[touchbase] badge refresh failed', err)),
  { settleMs: 300, maxWaitMs: 3_000 },
);

/**
 * A refusal in the rep's interface language (the worker reads their override like every page),
 * with the message as data too, so a page in another language can say it its way.
 */
async function refusal(err: unknown): Promise<{ ok: false; error: string; msg?: Msg }> {
  await initI18n();
  const m = isMsg(err) ? err : msgOf(err);
  const error = typeof err === 'string' ? err : m ? renderMsg(m) : errorText(err);
  return m ? { ok: false, error, msg: m } : { ok: false, error };
}

/** Dispatches typed runtime messages; every handler's write is followed by a badge refresh. */
export function registerMessaging(handle: Handler): void {
  // The base URL, not `URL.origin`: the checks compare scheme and host themselves.
  const extensionOrigin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (!isTrustedSender(sender, browser.runtime.id, extensionOrigin)) return undefined;
    if (!isRuntimeMessage(message)) return undefined;
    const info: SenderInfo = sender;
    if (!senderMayRequest(info, message.type, extensionOrigin)) return undefined;
    const from: MessageOrigin = { tabId: info.tab?.id, frameId: info.frameId };
    // Checked before any handler runs, so a malformed payload never reaches the database.
    const problem = payloadProblem(message);
    if (typeof problem === 'string') {
      // Only our own pages send requests: a malformed one is a bug, told to the rep in their
      // language and kept in English for whoever reads the worker's log.
      console.warn('[touchbase] refused a malformed request', message.type, problem);
      return refusal(msg('request_malformed'));
    }
    if (problem) return refusal(problem);
    const importing = message.type === 'contacts.import';
    if (importing) importLanding.touch();
    return (async () => {
      try {
        const out = await handle(message, from);
        if (importing) importLanding.touch();
        // Answer as soon as the write is committed; the badge follows once the writes settle
        // (an import's batches recount it a few times, not once each), so no click in the
        // popup or sidebar waits on the toolbar.
        // An import's batches follow each other within a second or two: recounting while they
        // land (as costly as a batch at 10,000 due) slows the import, so the badge waits for
        // the last one (30 s at most).
        if (!READ_ONLY.has(message.type)) badgeAfterWrites(importing ? IMPORT_WAIT : undefined);
        return out instanceof Undoable
          ? { ok: true, data: out.data, ...(out.undo ? { undo: out.undo } : {}) }
          : { ok: true, data: out };
      } catch (err) {
        return refusal(err);
      }
    })();
  });
}
