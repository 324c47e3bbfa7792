/**
 * Messages as data, rendered where the rep reads them: `renderMsg(msg('key', params))` in the
 * interface language (the rep's override, else the browser's). Text stored before a message had
 * a key (an old undo label, an old note) is shown as it was written.
 */
import { renderMsgNow } from './index';
import { type Msg, msgOf } from './msg';

export * from './msg';

/** A message, or text stored before it had one, in the interface language. */
export function renderMsg(m: Msg | string): string {
  return typeof m === 'string' ? m : renderMsgNow(m);
}

/** Several messages as one paragraph. */
export function renderMsgs(list: readonly (Msg | string)[]): string {
  return list.map(renderMsg).join(' ');
}

/** What an error says to the rep: its message in their language, else its own text. */
export function errorText(err: unknown): string {
  const m = msgOf(err);
  if (m) return renderMsg(m);
  return err instanceof Error ? err.message : String(err);
}
