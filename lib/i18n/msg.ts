/**
 * A message as data: a catalogue key and its parameters, rendered in the reader's language where
 * it is shown (`renderMsg` in lib/i18n/message.ts). Pure cores, the background and the content
 * scripts' adapters describe a problem with {@link msg}, so what they return, store or post stays
 * JSON-safe and language-free. No runtime import: a content script can use it without bundling
 * a catalogue.
 */
import type { EnCatalogue } from './catalogue';

/** Every message key (from the English catalogue). */
export type MessageKey = keyof EnCatalogue & string;

/** A plural message's base key: `x` when the catalogue has `x_one` and `x_other`. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer B}_other` ? B : never) : never;

/** The placeholder names of a message. */
export type PlaceholderNames<K extends MessageKey> = EnCatalogue[K] extends { placeholders: infer P }
  ? keyof P & string
  : never;

/**
 * One parameter: text as given (a name, an address), a number (written in the reader's digits)
 * or another message (rendered in the same language first, e.g. a field name inside a problem).
 */
export type MsgParam = string | number | Msg;

/** A message to show later: `key` is a catalogue key, or a plural base rendered with `params.count`. */
export interface Msg {
  readonly key: string;
  readonly params?: Readonly<Record<string, MsgParam>>;
}

type MsgArgs<K extends MessageKey> = [PlaceholderNames<K>] extends [never]
  ? []
  : [params: { [N in PlaceholderNames<K>]: MsgParam }];

type PluralParams<B extends PluralKey> = Omit<
  { [N in PlaceholderNames<`${B}_other` & MessageKey>]: MsgParam },
  'count'
>;
type MsgNArgs<B extends PluralKey> = [keyof PluralParams<B>] extends [never] ? [] : [params: PluralParams<B>];

/** The message `key` with its placeholders (type-checked against the English catalogue). */
export function msg<K extends MessageKey>(key: K, ...args: MsgArgs<K>): Msg {
  const params = args[0] as Record<string, MsgParam> | undefined;
  return params ? { key, params } : { key };
}

/** A counted message: `key_one` / `key_other`… chosen by the reader's plural rules. */
export function msgN<B extends PluralKey>(key: B, count: number, ...args: MsgNArgs<B>): Msg {
  return { key, params: { ...(args[0] as Record<string, MsgParam> | undefined), count } };
}

/** How deep messages may nest inside one another. */
export const MAX_MSG_DEPTH = 16;

/**
 * Several messages as one, each pair through `key` ("$FIRST$ $REST$", "$FIRST$, $REST$"): joined
 * as a balanced tree, so a long list nests only log2(n) deep.
 */
export function joinAs(key: string, list: readonly Msg[]): Msg | undefined {
  if (list.length <= 1) return list[0];
  const mid = Math.ceil(list.length / 2);
  const first = joinAs(key, list.slice(0, mid)) as Msg;
  const rest = joinAs(key, list.slice(mid)) as Msg;
  return { key, params: { first, rest } };
}

/** Whether `v` has a message's shape (a stored or posted value is checked before it is shown). */
export function isMsg(v: unknown, depth = 0): v is Msg {
  // Deep enough for a stored history note (a rule's plan and warnings, joined as a balanced tree);
  // bounded, so a hostile value from a peer cannot recurse without end.
  if (typeof v !== 'object' || v === null || Array.isArray(v) || depth > MAX_MSG_DEPTH) return false;
  const m = v as { key?: unknown; params?: unknown };
  if (typeof m.key !== 'string' || !/^[a-z0-9_]{1,100}$/.test(m.key)) return false;
  if (m.params === undefined) return true;
  if (typeof m.params !== 'object' || m.params === null || Array.isArray(m.params)) return false;
  return Object.values(m.params).every(
    (p) => typeof p === 'string' || (typeof p === 'number' && Number.isFinite(p)) || isMsg(p, depth + 1),
  );
}

/**
 * Several messages as one (a refusal that names every problem): each is rendered in turn,
 * a space apart. Past `max` the rest are left out; the first ones are what to fix first.
 */
export function joinMsgs(list: readonly Msg[], max = 6): Msg {
  const shown = list.slice(0, max);
  const last = shown[shown.length - 1] ?? { key: 'err_plain', params: { text: '' } };
  return shown
    .slice(0, -1)
    .reduceRight<Msg>((rest, m) => ({ key: 'err_joined', params: { first: m, rest } }), last);
}

/**
 * Parameters that are not words: an instant (`at`, epoch ms, in the zone `tz`) and a clock time
 * ("08:00"). They are messages with reserved keys, so stored rows stay plain JSON, and each reader
 * writes them in their own locale (12/24 h, weekday names).
 */
export const WHEN_KEY = 'fmt_when';
export const CLOCK_KEY = 'fmt_clock';

/** An instant as a message parameter: "Tue, Mar 3, 10:10 AM" / "Di., 3. März, 10:10" in `timeZone`. */
export function msgWhen(at: number, timeZone: string): Msg {
  return { key: WHEN_KEY, params: { at, tz: timeZone } };
}

/** A clock time ("08:00") as a message parameter: "8:00 AM" / "08:00" for the reader. */
export function msgClock(hhmm: string): Msg {
  return { key: CLOCK_KEY, params: { hhmm } };
}

type EnglishRenderer = (m: Msg) => string;
let english: EnglishRenderer = (m) => m.key;

/** Set by lib/i18n/english.ts, so an error thrown here still reads in English in logs and tests. */
export function registerEnglish(fn: EnglishRenderer): void {
  english = fn;
}

/** `m` in English (logs, tests, and the `message` of values that also carry `msg`). */
export function englishText(m: Msg): string {
  return english(m);
}

/**
 * What a row keeps of a message (an activity's note): the message, rendered in each reader's
 * language, and its English text beside it, which older builds, the CSV export and a reader
 * that does not know the key yet show instead.
 */
export function storedMsg(m: Msg): { msg: Msg; text: string } {
  return { msg: m, text: english(m) };
}

/**
 * An error a rep may see: it carries the message, and the surface (or the background's answer)
 * renders it in the rep's language. `message` is the English text, for logs and for code that
 * only knows `Error`.
 */
export class MsgError extends Error {
  override name = 'MsgError';
  constructor(readonly msg: Msg) {
    super(english(msg));
  }
}

/** An error's message as data when it has one. */
export function msgOf(err: unknown): Msg | undefined {
  if (err instanceof MsgError) return err.msg;
  const m = (err as { msg?: unknown } | null | undefined)?.msg;
  return isMsg(m) ? m : undefined;
}
