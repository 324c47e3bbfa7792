/**
 * Watching Gmail for view changes with one MutationObserver. Gmail mutates its DOM constantly, so
 * the observer callback only arms a timer: at most one extraction per `debounceMs`, and a view is
 * emitted only when its signature differs from the last one emitted.
 */
import type { PageView, WatchOptions } from '../types';
import { composeRootOf } from './compose';
import { extractGmail } from './extract';
import { ATTR } from './selectors';

let focusSeq = 0;

/** Cheap equality key for a view. */
export function viewSignature(view: PageView): string {
  return JSON.stringify(view);
}

/**
 * Remembers which compose the user worked in last (a data attribute with a rising number), so an
 * insertion triggered from our sidebar, which takes focus away from Gmail, still finds it.
 */
export function trackComposeFocus(doc: Document): () => void {
  const stamp = (t: Element | null): void => {
    try {
      if (t?.nodeType !== 1) return;
      const root = composeRootOf(t);
      if (root) {
        focusSeq += 1;
        root.setAttribute(ATTR.focusSeq, String(focusSeq));
      }
    } catch {
      // ignore
    }
  };
  const onFocus = (ev: Event): void => stamp(ev.target as Element | null);
  // A compose can hold focus before we start (Gmail's autofocus on a new compose, a reload):
  // no focusin will come for it, so stamp it now.
  stamp(doc.activeElement);
  doc.addEventListener('focusin', onFocus, true);
  return () => doc.removeEventListener('focusin', onFocus, true);
}

/** Emits the Gmail view now (asynchronously) and whenever it changes. Returns a stop function. */
export function watchGmail(
  win: Window,
  onView: (view: PageView) => void,
  opts: WatchOptions = {},
): () => void {
  const debounceMs = opts.debounceMs ?? 150;
  const doc = win.document;
  let timer: number | undefined;
  let last = '';
  let stopped = false;

  const run = (): void => {
    timer = undefined;
    if (stopped) return;
    try {
      const t0 = opts.now?.();
      const view = extractGmail(doc, { url: win.location.href });
      if (t0 !== undefined && opts.now) opts.onTiming?.(opts.now() - t0);
      const sig = viewSignature(view);
      if (sig === last) return;
      last = sig;
      onView(view);
    } catch {
      // a failing listener or extraction must not break Gmail
    }
  };
  // Trailing throttle, not a reset-on-every-mutation debounce: Gmail never stops mutating, and a
  // resetting timer could starve forever.
  const schedule = (): void => {
    if (timer === undefined && !stopped) timer = win.setTimeout(run, debounceMs);
  };

  const Observer = (win as Window & typeof globalThis).MutationObserver;
  const mo = Observer ? new Observer(schedule) : undefined;
  const untrack = trackComposeFocus(doc);
  try {
    if (doc.body) mo?.observe(doc.body, { childList: true, subtree: true });
    win.addEventListener('hashchange', schedule);
    win.addEventListener('popstate', schedule);
    // Typing into an existing text node changes characterData only; `input` covers it cheaply.
    doc.addEventListener('input', schedule, true);
    // Which compose is focused is part of the view, and focus moves without DOM mutations.
    doc.addEventListener('focusin', schedule, true);
    schedule();
  } catch {
    // partial setup still works as far as it got
  }
  return () => {
    stopped = true;
    mo?.disconnect();
    untrack();
    if (timer !== undefined) win.clearTimeout(timer);
    win.removeEventListener('hashchange', schedule);
    win.removeEventListener('popstate', schedule);
    doc.removeEventListener('input', schedule, true);
    doc.removeEventListener('focusin', schedule, true);
  };
}
