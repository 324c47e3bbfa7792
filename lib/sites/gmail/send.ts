/**
 * Spotting the sends of composes that hold one of our drafts, and waiting for Gmail to confirm them.
 *
 * Press: Gmail removes the compose right after Send, so the content is read on the way in (capture
 * phase, at mousedown / keydown) and taken on the activating event.
 * Confirmation: with Undo Send, Gmail only sends once its undo window is over. It shows a toast
 * with an Undo link (`#link_undo`) and a View message link (`#link_vsm`); when the window closes the
 * Undo link goes. So a pressed send is reported when the Undo link it showed disappears without
 * the rep having undone it (clicking Undo, or Gmail's `z` shortcut while it shows). A scheduled
 * send shows the same toast with the time it will go out, which we read. Each token is reported once.
 */
import type { SendEvent } from '../types';
import { composeRootOf, findComposes, readCompose } from './compose';
import { parseScheduledTime } from './date';
import { closest, first, isShown } from './dom';
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
    bcc: (v.bcc ?? []).map((p) => p.email),
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

/**
 * Calls `onPress` once per press of Send on a compose holding our draft (not yet a send: Gmail may
 * still let the rep undo it). Returns a stop function. Never throws into the page.
 */
export function watchSendPresses(doc: Document, onPress: (e: SendEvent) => void): () => void {
  const reported = new Set<string>();
  // Snapshot taken when Send was pressed; the compose may be gone by the time the press ends.
  let pending: { root: Element; snap: SendEvent } | null = null;

  const report = (e: SendEvent | null | undefined): void => {
    // Gmail refuses to send without recipients, so such a click is not a send.
    if (!e || reported.has(e.token) || e.to.length + e.cc.length + e.bcc.length === 0) return;
    reported.add(e.token);
    try {
      onPress(e);
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

/** What Gmail's send toast shows right now. */
export interface SendToast {
  /** The Undo link is offered (the send can still be taken back). */
  undo: boolean;
  /** The View message link is offered (the message exists: sent or scheduled). */
  view: boolean;
  /** The time a scheduled send will go out, when the toast names one. */
  scheduledAt?: number;
}

/** Reads Gmail's send toast, or null when none is shown. Never throws. */
export function readSendToast(doc: Document, now: number): SendToast | null {
  try {
    const undo = first(doc, SEL.toastUndo);
    const view = first(doc, SEL.toastViewMessage);
    const undoShown = !!undo && isShown(undo);
    const viewShown = !!view && isShown(view);
    if (!undoShown && !viewShown) return null;
    const link = (undoShown ? undo : view) as Element;
    const toast = closest(link, SEL.sendToast) ?? link.parentElement ?? link;
    // The time is in the toast's own words, outside its links ("Send scheduled for Tue, Dec 2, 8:00 AM").
    let text = toast.textContent ?? '';
    for (const l of Array.from(toast.querySelectorAll('[role="link"]')))
      text = text.replace(l.textContent ?? '', ' ');
    const state: SendToast = { undo: undoShown, view: viewShown };
    const at = parseScheduledTime(text, now);
    if (at !== undefined) state.scheduledAt = at;
    return state;
  } catch {
    return null;
  }
}

/** Clock and timers, injectable for tests. */
export interface SendWatchOptions {
  /** The clock (the adapter reads none of its own): dates a scheduled send without a year. */
  now: () => number;
  /** A pressed send that never showed Gmail's toast is settled after this long (default 40 s). */
  settleMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (id: unknown) => void;
}

interface Pending {
  snap: SendEvent;
  /** The Undo link was shown for this send. */
  sawUndo: boolean;
  scheduledAt?: number;
  timer: unknown;
}

/** Reports sends once Gmail confirms them (see the module comment). Returns a stop function. */
export function watchSends(
  doc: Document,
  onSend: (e: SendEvent) => void,
  opts: SendWatchOptions,
): () => void {
  const now = opts.now;
  const settleMs = opts.settleMs ?? 40_000;
  const setTimer = opts.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = opts.clearTimer ?? ((id: unknown) => clearTimeout(id as ReturnType<typeof setTimeout>));
  // Oldest first; the toast always speaks for the newest send.
  const pending: Pending[] = [];
  let observer: MutationObserver | undefined;
  let scheduled = false;

  const emit = (p: Pending): void => {
    const i = pending.indexOf(p);
    if (i >= 0) pending.splice(i, 1);
    clearTimer(p.timer);
    const e: SendEvent = { ...p.snap };
    if (p.scheduledAt !== undefined) e.scheduledAt = p.scheduledAt;
    try {
      onSend(e);
    } catch {
      // the listener's failure is not the page's problem
    }
  };
  const drop = (p: Pending): void => {
    const i = pending.indexOf(p);
    if (i >= 0) pending.splice(i, 1);
    clearTimer(p.timer);
  };

  // Composes whose "More send options" (Schedule send) was opened: their send comes from a menu
  // outside the compose, so they become a send when they close while Gmail's toast offers Undo.
  const armed = new Map<string, { root: Element; snap: SendEvent }>();
  const reported = new Set<string>();

  const check = (): void => {
    scheduled = false;
    try {
      const toastNow = readSendToast(doc, now());
      if (toastNow?.undo) {
        for (const [token, a] of armed) {
          if (a.root.isConnected || reported.has(token)) continue;
          armed.delete(token);
          track(a.snap);
        }
      }
      const newest = pending[pending.length - 1];
      if (!newest) {
        if (!armed.size) stopObserving();
        return;
      }
      const toast = toastNow;
      if (toast?.undo) {
        // A newer send replaced the toast: the older ones can no longer be undone.
        for (const p of pending.slice(0, -1)) if (p.sawUndo) emit(p);
        newest.sawUndo = true;
        if (toast.scheduledAt !== undefined) newest.scheduledAt = toast.scheduledAt;
        return;
      }
      if (toast?.view && toast.scheduledAt !== undefined) newest.scheduledAt ??= toast.scheduledAt;
      // The Undo link is gone and nobody used it: Gmail sent (or scheduled) the message.
      for (const p of pending.slice()) if (p.sawUndo) emit(p);
      if (!pending.length && !armed.size) stopObserving();
    } catch {
      // ignore
    }
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(check);
  };
  const startObserving = (): void => {
    if (observer) return;
    const MO = doc.defaultView?.MutationObserver;
    if (!MO) return;
    observer = new MO(schedule);
    observer.observe(doc.body ?? doc.documentElement, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['style', 'class', 'hidden', 'aria-hidden'],
    });
  };
  function stopObserving(): void {
    observer?.disconnect();
    observer = undefined;
  }

  /** The rep took the newest send back (Undo link, or `z` while it is offered). */
  const undoNewest = (): void => {
    const newest = pending[pending.length - 1];
    if (newest?.sawUndo) drop(newest);
  };
  const onClick = (ev: Event): void => {
    try {
      const t = ev.target as Element | null;
      if (t?.nodeType !== 1) return;
      if (closest(t, SEL.toastUndo)) {
        undoNewest();
        return;
      }
      const options = closest(t, SEL.sendOptions);
      const root = options ? composeRootOf(options) : null;
      const snap = root?.hasAttribute(ATTR.draft) ? snapshot(doc, root) : null;
      if (root && snap && snap.to.length + snap.cc.length + snap.bcc.length > 0) {
        armed.set(snap.token, { root, snap });
        startObserving();
      }
    } catch {
      // ignore
    }
  };
  const onKey = (ev: Event): void => {
    try {
      const k = ev as KeyboardEvent;
      const t = k.target as Element | null;
      if (t?.nodeType !== 1 || k.ctrlKey || k.metaKey || k.altKey) return;
      if ((k.key === 'Enter' || k.key === ' ') && closest(t, SEL.toastUndo)) {
        undoNewest();
        return;
      }
      // Gmail's keyboard shortcut for Undo; typing a "z" into a field is not one.
      const editable = (t as HTMLElement).isContentEditable || /^(input|textarea|select)$/i.test(t.tagName);
      if ((k.key === 'z' || k.key === 'Z') && !editable && readSendToast(doc, now())?.undo) undoNewest();
    } catch {
      // ignore
    }
  };

  const track = (snap: SendEvent): void => {
    if (reported.has(snap.token)) return;
    reported.add(snap.token);
    armed.delete(snap.token);
    const p: Pending = { snap, sawUndo: false, timer: undefined };
    p.timer = setTimer(() => {
      if (!pending.includes(p) || p.sawUndo) return;
      // No toast seen at all (Gmail changed it, or undo is unavailable): a compose Gmail closed was
      // sent; one still open was refused (a bad address), so it is not a send.
      const open = Array.from(doc.querySelectorAll(`[${ATTR.draft}]`)).some(
        (r) => r.getAttribute(ATTR.draft) === snap.token && r.isConnected,
      );
      if (open) drop(p);
      else emit(p);
    }, settleMs);
    pending.push(p);
    startObserving();
    schedule();
  };
  const stopPresses = watchSendPresses(doc, track);
  const capture = { capture: true } as const;
  doc.addEventListener('click', onClick, capture);
  doc.addEventListener('keydown', onKey, capture);
  return () => {
    stopPresses();
    stopObserving();
    for (const p of pending.splice(0)) clearTimer(p.timer);
    armed.clear();
    doc.removeEventListener('click', onClick, capture);
    doc.removeEventListener('keydown', onKey, capture);
  };
}
