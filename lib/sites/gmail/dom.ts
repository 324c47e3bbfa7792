/**
 * Small DOM helpers shared by the Gmail adapter. No selectors live here (see selectors.ts).
 * Every query swallows selector errors: an engine that rejects one syntax must not break the rest.
 */
import type { Person } from '../types';
import type { SelectorList } from './selectors';

// The selector-list queries are the site-agnostic ones every adapter shares.
export { all, first } from '../dom/query';

/** Nearest ancestor-or-self matching the earliest selector in the list that matches anything. */
export function closest(el: Element, list: SelectorList): Element | null {
  for (const sel of list) {
    try {
      const hit = el.closest(sel);
      if (hit) return hit;
    } catch {
      // try the next one
    }
  }
  return null;
}

/** `el.matches` for a selector string that never throws. */
export function matches(el: Element, sel: string): boolean {
  try {
    return el.matches(sel);
  } catch {
    return false;
  }
}

const EMAIL_RE = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[^\s@<>()"',;:]+/;

/** Lower-cased email if the string is (or contains, when `loose`) one, else ''. */
export function cleanEmail(raw: string | null | undefined, loose = false): string {
  if (!raw) return '';
  const s = raw.trim();
  const m = EMAIL_RE.exec(s);
  if (!m || (!loose && m[0] !== s)) return '';
  return m[0].toLowerCase();
}

/** Parses `Name <email>`, `"Name" <email>` or a bare address. */
export function parseAddress(raw: string): Person | null {
  const email = cleanEmail(raw, true);
  if (!email) return null;
  const lt = raw.indexOf('<');
  const name = lt > 0 ? raw.slice(0, lt).trim().replace(/^"|"$/g, '').trim() : '';
  return { email, name };
}

/** Splits a typed recipient field (`a@x.com, "B" <b@y.org>`) into people. */
export function parseAddressList(raw: string): Person[] {
  const out: Person[] = [];
  for (const part of raw.split(/[,;\n]/)) {
    const p = parseAddress(part);
    if (p) out.push(p);
  }
  return out;
}

/** Adds people to a list unless their email is already in it. */
export function addPeople(list: Person[], people: Iterable<Person>): void {
  for (const p of people) if (p.email && !list.some((q) => q.email === p.email)) list.push(p);
}

const BLOCKS = new Set(['DIV', 'P', 'LI', 'TR', 'BLOCKQUOTE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'PRE']);

/**
 * Visible-ish text of an element with `<br>` and block boundaries as newlines, skipping parts that
 * match `skip` (quoted history, signatures). Stops after `max` characters to bound the work.
 */
export function textOf(el: Element, skip: string, max = 20_000): string {
  let out = '';
  const walk = (node: Node): void => {
    for (let c = node.firstChild; c && out.length < max; c = c.nextSibling) {
      if (c.nodeType === 3) {
        out += (c as Text).data;
      } else if (c.nodeType === 1) {
        const e = c as Element;
        if (e.tagName === 'BR') {
          out += '\n';
          continue;
        }
        if (matches(e, skip)) continue;
        const block = BLOCKS.has(e.tagName);
        if (block && out && !out.endsWith('\n')) out += '\n';
        walk(e);
        if (block && out && !out.endsWith('\n')) out += '\n';
      }
    }
  };
  walk(el);
  return out
    .slice(0, max)
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/[ \t]*\n/g, '\n')
    .trim();
}

/** Text collapsed to one line. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Whether an element is rendered. With a layout engine, a zero-size box means hidden; without one
 * (tests), fall back to `hidden` / `display:none` / `type=hidden` up the ancestor chain.
 */
export function isShown(el: Element): boolean {
  if ((el as HTMLInputElement).type === 'hidden') return false;
  const doc = el.ownerDocument;
  if (doc.documentElement.getBoundingClientRect().width > 0) {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  }
  for (let e: Element | null = el; e; e = e.parentElement) {
    if (e.hasAttribute('hidden')) return false;
    const style = e.getAttribute('style');
    if (style && /display\s*:\s*none/i.test(style)) return false;
  }
  return true;
}

/** Dispatches a bubbling event built from the page's own constructors. */
export function fire(el: Element, type: string, init: Record<string, unknown> = {}): void {
  const view = el.ownerDocument.defaultView;
  const Ctor =
    type === 'input' || type === 'beforeinput'
      ? (view?.InputEvent ?? view?.Event ?? Event)
      : type.startsWith('key')
        ? (view?.KeyboardEvent ?? view?.Event ?? Event)
        : type.startsWith('mouse') || type === 'click'
          ? (view?.MouseEvent ?? view?.Event ?? Event)
          : (view?.Event ?? Event);
  el.dispatchEvent(new Ctor(type, { bubbles: true, cancelable: true, composed: true, ...init }));
}
