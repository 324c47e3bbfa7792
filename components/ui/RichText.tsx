import { Fragment, type ReactNode } from 'react';
import { type MessageKey, type Params, t } from '@/lib/i18n';

// Control characters never occur in a catalogue message, so they mark where a node goes.
const OPEN = '\u0001';
const CLOSE = '\u0002';

/**
 * A message with elements inside it ("Or open a thread in <a>Gmail</a> and enrol…"): each
 * placeholder is filled with a node, so translators keep the whole sentence and its word order
 * instead of fragments glued around a link or a button.
 */
export function RichText<K extends MessageKey>({
  k,
  parts,
}: {
  k: K;
  parts: { [N in keyof Params<K>]: ReactNode };
}): ReactNode {
  const names = Object.keys(parts) as (keyof Params<K> & string)[];
  const marked = Object.fromEntries(names.map((n) => [n, `${OPEN}${n}${CLOSE}`]));
  const text = (t as (key: MessageKey, params: Record<string, string>) => string)(k, marked);
  const pieces = text.split(new RegExp(`${OPEN}([^${CLOSE}]*)${CLOSE}`));
  return pieces.map((piece, i) => (
    // split() puts the captured names at the odd indexes.
    // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one message never reorder.
    <Fragment key={i}>{i % 2 === 1 ? (parts as Record<string, ReactNode>)[piece] : piece}</Fragment>
  ));
}
