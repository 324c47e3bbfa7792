import type { RuntimeRequests, RuntimeResponse, RuntimeType, UndoTicket } from './protocol';
import { tLight } from '@/lib/i18n/light';

/**
 * The background went away before answering: MV3 stops an idle or busy service worker, and a
 * stopped worker closes the message channel. Its transaction either committed or rolled back
 * whole, so the rep is told to look and retry, never that something is half-saved.
 */
export class BackgroundStoppedError extends Error {
  override name = 'BackgroundStoppedError';
  constructor(readonly requestType: RuntimeType) {
    super(tLight('error_background_stopped'));
  }
}

/** Reads are safe to ask again once the browser has restarted the worker. */
const RETRY_SAFE: ReadonlySet<RuntimeType> = new Set<RuntimeType>(['sidebar.data', 'badge.refresh']);

/** Chrome's and Firefox's ways of saying the receiving worker died mid-request. */
function isChannelClosed(err: unknown): boolean {
  const m = err instanceof Error ? err.message : String(err);
  return /message (channel|port) closed|Receiving end does not exist|Could not establish connection|disconnected port|context invalidated/i.test(
    m,
  );
}

async function send<K extends RuntimeType>(
  type: K,
  payload: RuntimeRequests[K]['req'],
): Promise<RuntimeResponse<K>> {
  for (let attempt = 0; ; attempt++) {
    let res: RuntimeResponse<K> | undefined;
    try {
      res = (await browser.runtime.sendMessage({ type, payload })) as RuntimeResponse<K> | undefined;
    } catch (err) {
      if (!isChannelClosed(err)) throw err;
    }
    // No answer at all is the polyfill's rendering of "the port closed before a response".
    if (res) return res;
    if (attempt === 0 && RETRY_SAFE.has(type)) continue;
    throw new BackgroundStoppedError(type);
  }
}

/** Sends a typed request to the background and unwraps its answer (throws the handler's error). */
export async function request<K extends RuntimeType>(
  type: K,
  payload: RuntimeRequests[K]['req'],
): Promise<RuntimeRequests[K]['res']> {
  return (await requestUndoable(type, payload)).data;
}

/** Like `request`, with the undo ticket the background issued for the change, if any. */
export async function requestUndoable<K extends RuntimeType>(
  type: K,
  payload: RuntimeRequests[K]['req'],
): Promise<{ data: RuntimeRequests[K]['res']; undo?: UndoTicket }> {
  const res = await send(type, payload);
  // The message as data rides along, so a surface can render it again (lib/i18n/message errorText).
  if (!res.ok) throw Object.assign(new Error(res.error), res.msg ? { msg: res.msg } : {});
  return res.undo ? { data: res.data, undo: res.undo } : { data: res.data };
}
