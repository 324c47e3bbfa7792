/**
 * Putting drafted text into Gmail's compose so Gmail treats it as typed: `execCommand('insertText')`
 * goes through the browser's editing pipeline (beforeinput/input fire natively, undo works); where
 * that is unavailable we insert text nodes through a Range and fire `input` ourselves.
 */
import { msg } from '@/lib/i18n/msg';
import type { InsertOptions, InsertResult, OpenComposeOptions } from '../types';
import { activeCompose, type ComposeHandle, findComposes, readRecipients, subjectInput } from './compose';
import { fire, first, isShown } from './dom';
import { ATTR, forField, SEL } from './selectors';

let tokenSeq = 0;

/** A token for attributing a send to an insertion when the caller gives none. */
function newToken(): string {
  tokenSeq += 1;
  return `tb-${Math.random().toString(36).slice(2, 10)}-${tokenSeq}`;
}

function pickCompose(
  composes: ComposeHandle[],
  doc: Document,
  composeId?: string,
): ComposeHandle | undefined {
  if (composeId) return composes.find((c) => c.id === composeId);
  return activeCompose(doc, composes) ?? composes[composes.length - 1];
}

/** Where the caret goes when the user has not placed it in the body. */
function defaultRange(doc: Document, body: HTMLElement): Range {
  const range = doc.createRange();
  const stop = first(body, [SEL.quoted]);
  if (!stop) {
    range.selectNodeContents(body);
    // An empty body is `<br>` or `<div><br></div>`: replace it instead of writing after it.
    if ((body.textContent ?? '').trim() !== '') range.collapse(false);
    return range;
  }
  // A signature or quote is present: write in the first empty line above it, else at the very top.
  for (let c = body.firstElementChild; c && !c.contains(stop) && c !== stop; c = c.nextElementSibling) {
    if ((c.textContent ?? '').trim() === '') {
      range.selectNodeContents(c);
      return range;
    }
  }
  range.setStart(body, 0);
  range.collapse(true);
  return range;
}

/** Thrown (and caught below) when the editor refuses the first line. */
const REFUSED = Symbol('refused');

function insertWithExecCommand(doc: Document, body: HTMLElement, text: string): boolean {
  const exec = (doc as Document & { execCommand?: unknown }).execCommand;
  if (typeof exec !== 'function') return false;
  const lines = text.split(/\r?\n/);
  const probe =
    lines
      .find((l) => l.trim())
      ?.trim()
      .slice(0, 20) ?? '';
  const before = body.textContent ?? '';
  try {
    lines.forEach((line, i) => {
      if (i > 0) doc.execCommand('insertParagraph', false);
      if (line) {
        const ok = doc.execCommand('insertText', false, line);
        // The first line refused: the caller falls back to a range insert.
        if (!ok && i === 0) throw REFUSED;
      }
    });
  } catch {
    return false;
  }
  const after = body.textContent ?? '';
  return probe ? after.includes(probe) : after !== before || !text;
}

function insertWithRange(doc: Document, body: HTMLElement, range: Range, text: string): void {
  range.deleteContents();
  const frag = doc.createDocumentFragment();
  text.split(/\r?\n/).forEach((line, i) => {
    if (i > 0) frag.appendChild(doc.createElement('br'));
    // Text nodes, never innerHTML: the drafted text is data, not markup.
    if (line) frag.appendChild(doc.createTextNode(line));
  });
  const last = frag.lastChild;
  range.insertNode(frag);
  if (last) {
    range.setStartAfter(last);
    range.collapse(true);
    const sel = doc.defaultView?.getSelection?.();
    sel?.removeAllRanges();
    sel?.addRange(range);
  }
  fire(body, 'input', { inputType: 'insertText', data: text });
}

function setField(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  input.focus();
  input.value = value;
  fire(input, 'input', { inputType: 'insertText', data: value });
  fire(input, 'change');
}

/** Inserts text into a compose body (and an empty, visible subject). Never throws. */
export function insertIntoCompose(doc: Document, opts: InsertOptions): InsertResult {
  try {
    const composes = findComposes(doc);
    if (!composes.length) return { ok: false, reason: msg('page_no_compose') };
    const c = pickCompose(composes, doc, opts.composeId);
    if (!c) return { ok: false, reason: msg('page_compose_gone', { id: opts.composeId ?? '' }) };
    const { body, root } = c;
    const subject = opts.subject?.trim();
    if (subject) {
      const input = subjectInput(root);
      if (input && !input.value.trim() && isShown(input)) setField(input, subject);
    }
    body.focus();
    const sel = doc.defaultView?.getSelection?.() ?? null;
    const current = sel?.rangeCount ? sel.getRangeAt(0) : null;
    const inBody = !!current && body.contains(current.startContainer) && body.contains(current.endContainer);
    const range = inBody && current ? current : defaultRange(doc, body);
    if (!inBody && sel) {
      sel.removeAllRanges();
      sel.addRange(range);
    }
    let via: 'execCommand' | 'range' = 'execCommand';
    if (!insertWithExecCommand(doc, body, opts.body)) {
      via = 'range';
      const r =
        sel?.rangeCount && body.contains(sel.getRangeAt(0).startContainer) ? sel.getRangeAt(0) : range;
      insertWithRange(doc, body, r, opts.body);
    }
    const token = opts.token || newToken();
    root.setAttribute(ATTR.draft, token);
    return { ok: true, composeId: c.id, token, via };
  } catch {
    return { ok: false, reason: msg('page_insert_failed') };
  }
}

/** Types addresses into the To field; Gmail turns them into chips when the field loses focus. */
function fillTo(root: Element, to: string[]): void {
  if (!to.length || readRecipients(root, 'to').length) return;
  const field = first(root, forField(SEL.recipientTyping, 'to')) as
    | HTMLInputElement
    | HTMLTextAreaElement
    | null;
  if (!field) return;
  setField(field, to.join(', '));
  fire(field, 'blur');
}

/** Clicks like a user: Gmail's buttons act on mousedown/mouseup, not just `click`. */
function press(el: Element): void {
  fire(el, 'mousedown');
  fire(el, 'mouseup');
  fire(el, 'click');
}

function waitForNewCompose(doc: Document, win: Window, known: Set<Element>, timeoutMs: number) {
  return new Promise<ComposeHandle | undefined>((resolve) => {
    const Observer = (win as Window & typeof globalThis).MutationObserver;
    let done = false;
    let timer: number | undefined;
    let mo: MutationObserver | undefined;
    const finish = (c: ComposeHandle | undefined) => {
      if (done) return;
      done = true;
      mo?.disconnect();
      if (timer !== undefined) win.clearTimeout(timer);
      resolve(c);
    };
    const check = () => {
      try {
        const fresh = findComposes(doc).find((c) => !known.has(c.root));
        if (fresh) finish(fresh);
      } catch {
        finish(undefined);
      }
    };
    if (Observer && doc.body) {
      mo = new Observer(check);
      mo.observe(doc.body, { childList: true, subtree: true });
    }
    timer = win.setTimeout(() => finish(undefined), timeoutMs);
    check();
  });
}

/**
 * Inserts into the open compose (filling an empty To), or clicks Compose, waits for the new window,
 * fills To and inserts. Resolves `{ ok: false }` when no compose can be had; then use `composeUrl`.
 */
export async function openCompose(
  doc: Document,
  win: Window,
  opts: OpenComposeOptions,
): Promise<InsertResult> {
  try {
    const open = findComposes(doc);
    let target: ComposeHandle | undefined;
    if (open.length) {
      target = activeCompose(doc, open) ?? open[open.length - 1];
    }
    if (!target) {
      const button = first(doc, SEL.composeButton);
      if (!button) return { ok: false, reason: msg('page_gmail_compose_button_missing') };
      press(button);
      target = await waitForNewCompose(doc, win, new Set(open.map((c) => c.root)), opts.timeoutMs ?? 3000);
      if (!target) return { ok: false, reason: msg('page_compose_did_not_open') };
    }
    fillTo(target.root, opts.to);
    return insertIntoCompose(doc, {
      composeId: target.id,
      subject: opts.subject,
      body: opts.body,
      token: opts.token,
    });
  } catch {
    return { ok: false, reason: msg('page_compose_open_failed') };
  }
}

/** A URL that opens Gmail's full-page compose prefilled, as a last resort. */
export function composeUrl(opts: {
  to: string[];
  subject?: string;
  body?: string;
  account?: number;
}): string {
  const base =
    opts.account === undefined
      ? 'https://mail.google.com/mail/'
      : `https://mail.google.com/mail/u/${opts.account}/`;
  const q = [`view=cm`, `fs=1`, `to=${encodeURIComponent(opts.to.join(','))}`];
  if (opts.subject) q.push(`su=${encodeURIComponent(opts.subject)}`);
  if (opts.body) q.push(`body=${encodeURIComponent(opts.body)}`);
  return `${base}?${q.join('&')}`;
}
