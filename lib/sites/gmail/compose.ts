/**
 * Finding Gmail compose windows and reading them. A compose is found from its editable body upwards,
 * because the body is what we need and `g_editable` / `contenteditable` are the most stable hooks.
 */
import type { ComposeView, Person } from '../types';
import { addPeople, all, cleanEmail, closest, first, parseAddress, parseAddressList, textOf } from './dom';
import { ATTR, forField, SEL } from './selectors';
import { isReplySubject } from './subject';

/** A compose window found in the DOM. */
export interface ComposeHandle {
  id: string;
  root: Element;
  body: HTMLElement;
}

function isComposeRoot(el: Element, body: Element): boolean {
  return el !== body && el.contains(body) && !!first(el, SEL.composeMarker);
}

/** The compose window containing a node, if any. */
export function composeRootOf(node: Element): Element | null {
  for (const sel of SEL.composeRoot) {
    const r = closest(node, [sel]);
    if (r) {
      const body = first(r, SEL.composeBody);
      if (body && isComposeRoot(r, body)) return r;
    }
  }
  // Unknown wrapper classes: climb to the nearest ancestor holding both a body and a compose marker.
  let e: Element | null = node.parentElement;
  for (let i = 0; e && i < 25; i++, e = e.parentElement) {
    const body = first(e, SEL.composeBody);
    if (body && isComposeRoot(e, body)) return e;
  }
  return null;
}

/** All compose windows in document order, each stamped with a stable id. */
export function findComposes(doc: Document): ComposeHandle[] {
  const out: ComposeHandle[] = [];
  const used = new Set<string>();
  for (const body of all(doc, SEL.composeBody)) {
    if (out.some((c) => c.root.contains(body))) continue;
    const root = composeRootOf(body);
    if (!root) continue;
    out.push({ id: '', root, body: body as HTMLElement });
  }
  for (const c of out) {
    const existing = c.root.getAttribute(ATTR.composeId);
    if (existing) used.add(existing);
  }
  for (const c of out) {
    let id = c.root.getAttribute(ATTR.composeId) ?? '';
    if (!id) {
      const draft = (first(c.root, SEL.draftIdInput) as HTMLInputElement | null)?.value?.replace(/^#/, '');
      const cid = (first(c.root, SEL.composeIdInput) as HTMLInputElement | null)?.value;
      const base = draft || (cid ? `compose-${cid}` : 'compose');
      id = base;
      for (let n = 2; used.has(id); n++) id = `${base}~${n}`;
      used.add(id);
      try {
        c.root.setAttribute(ATTR.composeId, id);
      } catch {
        // read-only DOM: the id is still unique for this read
      }
    }
    c.id = id;
  }
  return out;
}

/** Recipients of one field, from chips, classic hidden inputs and anything typed but not committed. */
export function readRecipients(root: Element, field: 'to' | 'cc' | 'bcc'): Person[] {
  const people: Person[] = [];
  for (const chip of all(root, forField(SEL.recipientChip, field))) {
    const email = cleanEmail(chip.getAttribute('data-hovercard-id'));
    if (email) addPeople(people, [{ email, name: chip.getAttribute('data-name')?.trim() ?? '' }]);
  }
  for (const input of all(root, forField(SEL.recipientHidden, field))) {
    const p = parseAddress((input as HTMLInputElement).value ?? '');
    if (p) addPeople(people, [p]);
  }
  const typing = first(root, forField(SEL.recipientTyping, field)) as HTMLInputElement | null;
  if (typing?.value) addPeople(people, parseAddressList(typing.value));
  return people;
}

/** The subject field a user sees, if the compose has one. */
export function subjectInput(root: Element): HTMLInputElement | null {
  return first(root, SEL.subjectInput) as HTMLInputElement | null;
}

/** Reads one compose window. */
export function readCompose(c: ComposeHandle, activeRoot: Element | null): ComposeView {
  const subj =
    subjectInput(c.root)?.value || (first(c.root, SEL.subjectHidden) as HTMLInputElement | null)?.value;
  const token = c.root.getAttribute(ATTR.draft);
  const view: ComposeView = {
    id: c.id,
    focused: activeRoot === c.root,
    to: readRecipients(c.root, 'to'),
    cc: readRecipients(c.root, 'cc'),
    subject: (subj ?? '').trim(),
    // The signature block is skipped; drop its '-- ' delimiter line too.
    bodyText: textOf(c.body, SEL.quoted)
      .replace(/(^|\n)--\s*$/, '')
      .trimEnd(),
    inline: isInline(c.root),
    isReply: isReplySubject(subj ?? ''),
  };
  const bcc = readRecipients(c.root, 'bcc');
  if (bcc.length) view.bcc = bcc;
  if (token) view.draftToken = token;
  return view;
}

/** Inline replies sit inside the conversation instead of a dialog of their own. */
function isInline(root: Element): boolean {
  if (closest(root, SEL.inlineReplyAncestor)) return true;
  if (closest(root, SEL.dialog)) return false;
  const main = closest(root, SEL.main);
  return !!main && !!first(main, SEL.threadSubject);
}

/**
 * The compose the user is working in: the one holding focus, else the one focused last (our focus
 * tracker stamps a sequence number, since clicking into our sidebar moves focus out of Gmail).
 */
export function activeCompose(doc: Document, composes: ComposeHandle[]): ComposeHandle | undefined {
  const active = doc.activeElement;
  const holding = active ? composes.find((c) => c.root.contains(active)) : undefined;
  if (holding) return holding;
  let best: ComposeHandle | undefined;
  let bestSeq = 0;
  for (const c of composes) {
    const seq = Number(c.root.getAttribute(ATTR.focusSeq) ?? 0);
    if (seq > bestSeq) {
      best = c;
      bestSeq = seq;
    }
  }
  return best;
}
