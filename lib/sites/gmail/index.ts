/** Public surface of the Gmail adapter. */
export { gmailAdapter } from './adapter';
export { type AutoReplyInput, isAutoReply } from './auto-reply';
export { parseGmailDate, parseScheduledTime } from './date';
export { decideKind, type GmailRoute, isGmailUrl, parseRoute } from './detect';
export { emptyView, type ExtractOptions, extractGmail, measureExtract } from './extract';
export { composeUrl, insertIntoCompose, openCompose } from './insert';
export { findReplies } from './replies';
export { baseSubject, isReplySubject, parseSubjectPrefixes, type SubjectPrefixes } from './subject';
export { readSendToast, type SendToast, type SendWatchOptions, watchSendPresses, watchSends } from './send';
export { trackComposeFocus, viewSignature, watchGmail } from './watch';
export { ATTR as GMAIL_ATTR } from './selectors';
