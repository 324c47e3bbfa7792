import { isRuntimeMessage, isTrustedSender, type RuntimeMessage } from '@/lib/messaging/protocol';
import { refreshBadge } from './badge';

type Handler = (msg: RuntimeMessage) => Promise<unknown>;

/** Requests that only read: nothing changed, so the badge needs no recount. */
const READ_ONLY: ReadonlySet<RuntimeMessage['type']> = new Set<RuntimeMessage['type']>([
  'sidebar.data',
  'badge.refresh',
]);

/** Dispatches typed runtime messages; every handler's write is followed by a badge refresh. */
export function registerMessaging(handle: Handler): void {
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (!isTrustedSender(sender, browser.runtime.id, extensionOrigin)) return undefined;
    if (!isRuntimeMessage(message)) return undefined;
    return (async () => {
      try {
        const data = await handle(message);
        if (!READ_ONLY.has(message.type)) await refreshBadge();
        return { ok: true, data };
      } catch (err) {
        return { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
    })();
  });
}
