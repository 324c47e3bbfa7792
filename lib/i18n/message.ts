/**
 * Messages as data, rendered where the rep reads them: `renderMsg(msg('key', params))` in the
 * interface language (the rep's override, else the browser's). Text stored before a message had
 * a key (an old undo label, an old note) is shown as it was written.
 */
import { EN } from './catalogue';
import { renderMsgNow } from './index';
import { CLOCK_KEY, isMsg, type Msg, msgOf, WHEN_KEY } from './msg';

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

/** Whether this version can word `m` and every message inside it (a newer one's may not). */
export function isKnownMsg(m: Msg): boolean {
  const known =
    m.key === WHEN_KEY ||
    m.key === CLOCK_KEY ||
    Object.hasOwn(EN, m.key) ||
    Object.hasOwn(EN, `${m.key}_other`);
  return known && Object.values(m.params ?? {}).every((p) => typeof p !== 'object' || isKnownMsg(p));
}

/**
 * What a stored row says (an activity's note): its message in the interface language, else the
 * text stored with it: a row written before messages had keys, a message from a newer version,
 * or a malformed one from a peer.
 */
export function storedText(m: unknown, text: string | undefined): string {
  return isMsg(m) && isKnownMsg(m) ? renderMsgNow(m) : (text ?? '');
}
