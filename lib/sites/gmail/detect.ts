/**
 * Where in Gmail we are. Gmail is hash-routed (`#inbox`, `#inbox/<threadToken>`, `#label/X/<token>`,
 * `#search/q`, `?compose=new`); the route only hints, the DOM decides, because the hash changes
 * before the view renders and a preview pane shows a thread under a list route.
 */
import type { PageView } from '../types';

/** What the URL says. */
export interface GmailRoute {
  kind: 'thread' | 'list' | 'compose' | 'other' | 'none';
  /** First hash segment, e.g. `inbox`, `label`, `search`. */
  section?: string;
  /** Trailing token of a conversation route. */
  threadToken?: string;
  /** A compose window is named in the URL (`?compose=`). */
  composeParam: boolean;
}

const LISTS = new Set([
  'inbox',
  'starred',
  'snoozed',
  'sent',
  'drafts',
  'imp',
  'scheduled',
  'all',
  'spam',
  'trash',
  'label',
  'category',
  'search',
  'advanced-search',
  'chats',
]);

/** Whether a URL is Gmail's web app. */
export function isGmailUrl(url: string): boolean {
  return /^https:\/\/mail\.google\.com\/mail\//.test(url);
}

/** Parses a Gmail URL (or just its hash) into a route. Never throws. */
export function parseRoute(url: string): GmailRoute {
  const hashAt = url.indexOf('#');
  const hash = hashAt >= 0 ? url.slice(hashAt + 1) : url.startsWith('#') ? url.slice(1) : '';
  const pre = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const [path = '', query = ''] = hash.split('?');
  const composeParam = /(^|&)compose=/.test(query);
  if (/[?&]view=cm(&|$)/.test(pre)) return { kind: 'compose', composeParam: true };
  if (!path) return { kind: 'none', composeParam };
  const segs = path.split('/');
  const section = decodeSafe(segs[0] ?? '');
  const last = segs[segs.length - 1] ?? '';
  if (segs.length >= 2 && /^[A-Za-z0-9]{16,}$/.test(last)) {
    return { kind: 'thread', section, threadToken: last, composeParam };
  }
  return { kind: LISTS.has(section) ? 'list' : 'other', section, composeParam };
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** What the DOM shows, as found by extraction. */
export interface DomFacts {
  hasThread: boolean;
  rowCount: number;
  composeCount: number;
}

/** Decides the page kind from the route and the DOM. */
export function decideKind(route: GmailRoute, dom: DomFacts): PageView['kind'] {
  if (dom.hasThread && (route.kind !== 'list' || dom.rowCount === 0)) return 'thread';
  if (dom.rowCount > 0) return 'inbox';
  if (dom.composeCount > 0) return 'compose';
  return 'unknown';
}
