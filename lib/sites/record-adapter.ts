/**
 * Turns a site's record reader (detect the record from the URL, extract its person) into a
 * SiteAdapter the content-script shell runs. Site-agnostic: the reader holds all site knowledge.
 * Record pages have no compose window and no mail to watch, so those capabilities are off and
 * the sidebar offers links instead.
 */
import { msg } from '@/lib/i18n/msg';
import type { CrmSiteId, PageView, RecordRef, SiteAdapter, WatchOptions } from './types';

/** What t11-sites' `lib/sites/<site>` exports for the shell: identify the record, read its person. */
export interface RecordReader {
  site: CrmSiteId;
  detect(url: string): RecordRef | null;
  extract(doc: Document, url: string): PageView;
}

/** How often the URL is compared: SPA moves (pushState from the page's world) fire no event we see. */
export const URL_POLL_MS = 100;
/** Trailing throttle of DOM-driven re-reads; lazy property panels fill in over a second or two. */
export const RECORD_DEBOUNCE_MS = 120;

const NO_COMPOSE = msg('page_record_no_compose');

/**
 * Emits the page's view now (asynchronously) and whenever it changes. Off a record page it
 * watches nothing but the URL (one string compare per poll) and emits a single "not here" view
 * when it leaves a record.
 */
export function watchRecordPage(
  win: Window,
  reader: RecordReader,
  onView: (view: PageView) => void,
  opts: WatchOptions = {},
): () => void {
  const doc = win.document;
  const debounceMs = opts.debounceMs ?? RECORD_DEBOUNCE_MS;
  let timer: number | undefined;
  let last = '';
  let url = '';
  let observing = false;
  let stopped = false;
  const Observer = (win as Window & typeof globalThis).MutationObserver;

  const run = (): void => {
    timer = undefined;
    if (stopped) return;
    try {
      const t0 = opts.now?.();
      const view = reader.extract(doc, win.location.href);
      if (t0 !== undefined && opts.now) opts.onTiming?.(opts.now() - t0);
      const sig = JSON.stringify(view);
      if (sig === last) return;
      last = sig;
      onView(view);
    } catch {
      // a failing read must never reach the host page
    }
  };
  const schedule = (delay = debounceMs): void => {
    if (timer === undefined && !stopped) timer = win.setTimeout(run, delay);
  };
  const onMutation = () => schedule();
  const mo = Observer ? new Observer(onMutation) : undefined;

  const checkUrl = (): void => {
    if (stopped) return;
    const href = win.location.href;
    if (href === url) return;
    url = href;
    const isRecord = reader.detect(href) !== null;
    if (isRecord && !observing && doc.body) {
      mo?.observe(doc.body, { childList: true, subtree: true, characterData: true });
      observing = true;
    } else if (!isRecord && observing) {
      mo?.disconnect();
      observing = false;
    }
    // A new record: read it at once rather than after the throttle, so the sidebar follows fast.
    if (timer !== undefined) win.clearTimeout(timer);
    timer = undefined;
    if (isRecord || last !== '') schedule(0);
  };

  const poll = win.setInterval(checkUrl, URL_POLL_MS);
  win.addEventListener('popstate', checkUrl);
  win.addEventListener('hashchange', checkUrl);
  try {
    checkUrl();
  } catch {
    // the next poll tries again
  }
  return () => {
    stopped = true;
    win.clearInterval(poll);
    mo?.disconnect();
    if (timer !== undefined) win.clearTimeout(timer);
    win.removeEventListener('popstate', checkUrl);
    win.removeEventListener('hashchange', checkUrl);
  };
}

/** The SiteAdapter for a record site. Every method answers "not here" rather than throw. */
export function recordAdapter(reader: RecordReader): SiteAdapter {
  return {
    site: reader.site,
    capabilities: { insert: false, sends: false, replies: false },
    matches: (url) => {
      try {
        return reader.detect(url) !== null;
      } catch {
        return false;
      }
    },
    isRelevant: (url) => {
      try {
        return reader.detect(url) !== null;
      } catch {
        return false;
      }
    },
    extract: (doc, url) => reader.extract(doc, url ?? doc.location?.href ?? ''),
    watch: (win, onView, opts) => watchRecordPage(win, reader, onView, opts),
    insert: () => ({ ok: false, reason: NO_COMPOSE }),
    openCompose: async () => ({ ok: false, reason: NO_COMPOSE }),
    // Email from a record page is written in the rep's mailbox; the sidebar builds that link.
    composeUrl: () => '',
    watchSends: () => () => undefined,
    findReplies: () => [],
  };
}
