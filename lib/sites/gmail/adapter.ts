/**
 * The Gmail SiteAdapter: one object bundling the pieces for the content script.
 */
import type { SiteAdapter } from '../types';
import { isGmailUrl } from './detect';
import { extractGmail } from './extract';
import { composeUrl, insertIntoCompose, openCompose } from './insert';
import { findReplies } from './replies';
import { watchSends } from './send';
import { watchGmail } from './watch';

/** Gmail adapter. Every method is safe to call on any page: it answers "not here" rather than throw. */
export const gmailAdapter: SiteAdapter = {
  site: 'gmail',
  capabilities: { insert: true, sends: true, replies: true },
  matches: (url) => isGmailUrl(url),
  extract: (doc, url) => extractGmail(doc, { url }),
  watch: watchGmail,
  insert: insertIntoCompose,
  openCompose,
  composeUrl,
  watchSends,
  findReplies,
};
