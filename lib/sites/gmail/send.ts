/**
 * Spotting the send of a compose that holds one of our drafts. Gmail removes the compose right after
 * Send, so the content is read on the way in (capture phase, at mousedown / keydown) and reported on
 * the activating event. Each draft token is reported once.
 */
import type { SendEvent } from '../types';
import { composeRootOf, findComposes, readCompose } from './compose';
import { closest } from './dom';
import { ATTR, SEL } from './selectors';

function snapshot(doc: Document, root: Element): SendEvent | null {
  const token = root.getAttribute(ATTR.draft);
  if (!token) return null;
  const handle = findComposes(doc).find((c) => c.root === root);
  if (!handle) return null;
  const v = readCompose(handle, null);
  return {
    composeId: v.id,
    token,
    to: v.to.map((p) => p.email),
    cc: v.cc.map((p) => p.email),
    subject: v.subject,
    bodyText: v.bodyText,
  };
}

/** The compose root owning a Send button under the event target, if the compose holds our draft. */
function draftRootForSend(target: EventTarget | null): Element | null {
  if (!target || (target as Node).nodeType !== 1) return null;
  const button = closest(target as Element, SEL.sendButton);
  if (!button) return null;
  const root = composeRootOf(button);
  return root?.hasAttribute(ATTR.draft) ? root : null;
}

/** Calls `onSend` once per sent draft. Returns a stop function. Never throws into the page. */
export function watchSends(doc: Document, onSend: (e: SendEvent) => void): () => void {
  const reported = new Set<string>();
  // Snapshot taken when Send was pressed; the compose may be gone by the time the press ends.
  let pending: { root: Element; snap: SendEvent } | null = null;

  const report = (e: SendEvent | null | undefined): void => {
    // Gmail refuses to send without recipients, so such a click is not a send.
    if (!e || reported.has(e.token) || e.to.length + e.cc.length === 0) return;
    reported.add(e.token);
    try {
      onSend(e);
    } catch {
      // the listener's failure is not the page's problem
    }
  };

  const onPointerDown = (ev: Event): void => {
    try {
      const root = draftRootForSend(ev.target);
      const snap = root ? snapshot(doc, root) : null;
      pending = root && snap ? { root, snap } : null;
    } catch {
      // ignore
    }
  };

  const onActivate = (ev: Event): void => {
    try {
      const root = draftRootForSend(ev.target);
      const p = pending;
      pending = null;
      if (root) report(p?.root === root ? p.snap : snapshot(doc, root));
      // Gmail took the compose away while Send was held down: the press ends elsewhere, but it was a send.
      else if (p && !p.root.isConnected) report(p.snap);
    } catch {
      // ignore
    }
  };

  const onKey = (ev: Event): void => {
    try {
      const k = ev as KeyboardEvent;
      if (k.key !== 'Enter' && k.key !== ' ') return;
      const target = k.target as Element | null;
      if (target?.nodeType !== 1) return;
      if (k.key === 'Enter' && (k.ctrlKey || k.metaKey)) {
        const root = composeRootOf(target);
        if (root?.hasAttribute(ATTR.draft)) report(snapshot(doc, root));
        return;
      }
      // Enter / Space on a focused Send button.
      const root = draftRootForSend(target);
      if (root) report(snapshot(doc, root));
    } catch {
      // ignore
    }
  };

  const opts = { capture: true } as const;
  doc.addEventListener('mousedown', onPointerDown, opts);
  doc.addEventListener('mouseup', onActivate, opts);
  doc.addEventListener('click', onActivate, opts);
  doc.addEventListener('keydown', onKey, opts);
  return () => {
    doc.removeEventListener('mousedown', onPointerDown, opts);
    doc.removeEventListener('mouseup', onActivate, opts);
    doc.removeEventListener('click', onActivate, opts);
    doc.removeEventListener('keydown', onKey, opts);
  };
}
