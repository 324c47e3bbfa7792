/**
 * Every Gmail DOM hook in one place (sources: /work/shared/fixtures/gmail/SELECTORS.md, distilled from
 * InboxSDK, gmail.js and Briskine). Each entry is an ordered list: attribute/role hooks first,
 * Gmail's obfuscated Closure classes (`.M9`, `.hP`, `.aoO`…) as fallbacks, because the classes drift
 * while `[email]`, `data-*`, `name=` and `g_editable` have held for a decade. aria-label text is
 * localised, so it is never the only hook for anything.
 */

/** An ordered list of CSS selectors; the first that matches wins. */
export type SelectorList = readonly string[];

export const SEL = {
  /** Main content area (thread or list). */
  main: ['[role="main"]', 'div.nH.bkK'],

  // Conversation view.
  threadSubject: ['h2[data-thread-perm-id]', 'h2[data-legacy-thread-id]', 'h2.hP', '.ha h2'],
  threadIdHolder: ['[data-thread-perm-id]', '[data-legacy-thread-id]'],
  /** The conversation's own container, so messages are not collected from elsewhere on the page. */
  threadContainer: ['.a98.iY', '.g.id', '[role="main"]'],
  /** Elements inside a conversation that are compose UI, not messages. */
  notMessage: ['[role="dialog"]', 'form'],
  message: ['[data-message-id]', '[data-legacy-message-id]', 'div.adn', 'div.adf', '[role="listitem"]'],
  messageSender: [
    'span.gD[email]',
    'td.gF span[email]',
    'h3 [email]',
    '[email][data-hovercard-id]:not(.g2)',
    '[email]:not(.g2)',
  ],
  /** Sender fallback when only the avatar is rendered: `jid` carries the email. */
  messageAvatar: ['img[jid]'],
  messageRecipients: ['.hb [email]', 'span.g2[email]'],
  /** Elements whose `title` holds the full date. */
  messageDate: ['span.g3[title]', '.gK [title]', '.gH [title]'],
  messageBody: ['div.a3s', 'div.ii.gt', 'div.iA'],
  /** Parts of a body that are not the message itself. */
  quoted: '.gmail_quote, .gmail_signature, [data-smartmail="gmail_signature"], blockquote, style, script',

  // Message list.
  listRow: [
    '[gh="tl"] tr.zA',
    '[gh="tl"] tr[role="row"]',
    '[role="main"] tr.zA',
    '[role="main"] table[role="grid"] tr[role="row"]',
  ],
  rowSender: ['[email][name]', '[email]'],
  rowThreadId: ['[data-thread-id]', '[data-legacy-thread-id]'],
  rowSubject: ['[data-thread-id]', '.bog', '.bqe', '.y6', '[role="link"]'],
  /** Parts of a row's subject cell that are not the subject (the snippet). */
  rowSubjectSkip: '.y2, style, script',
  /** The row's preview of the newest message (" - Thanks, call me tomorrow…"). */
  rowSnippet: ['.y2'],
  rowDate: ['td.xW [title]', '.xW [title]', 'td:last-child [title]', '[title]'],
  /** Unread markers: row class and unread-sender class. */
  rowUnread: ['tr.zE', '.zF'],

  // Compose.
  composeBody: ['[g_editable="true"][contenteditable="true"]', '[contenteditable="true"][role="textbox"]'],
  /** Ancestors of the body that delimit one compose window, tried in order with `closest`. */
  composeRoot: ['div.M9', '.aoI[role="region"]', '[role="region"]', '[role="dialog"]', 'div.AD'],
  /** Something only a compose window has; validates a candidate root. */
  composeMarker: ['input[name="subjectbox"]', 'input[name="composeid"]', 'input[name="draft"]', 'form'],
  /** Marks inline replies. */
  inlineReplyAncestor: ['.AO', '.ip'],
  dialog: ['[role="dialog"]'],
  subjectInput: ['input[name="subjectbox"]'],
  subjectHidden: ['input[name="subject"]'],
  composeIdInput: ['input[name="composeid"]'],
  draftIdInput: ['input[name="draft"]'],
  /** Committed recipients, new "peoplekit" chips; `%` is replaced by to / cc / bcc. */
  recipientChip: ['[name="%"] [role="option"][data-hovercard-id]', '[name="%"] [data-hovercard-id]'],
  /** Committed recipients, classic UI: hidden inputs holding `Name <email>`. */
  recipientHidden: ['input[type="hidden"][name="%"]'],
  /** Where recipients are typed. */
  recipientTyping: [
    '[name="%"] input[peoplekit-id]',
    '[name="%"] input[role="combobox"]',
    'textarea[name="%"]',
    'input[name="%"]:not([type="hidden"])',
  ],
  /** Send button of one compose; `.hG` is "more send options" and is not a send. */
  sendButton: [
    '[role="button"].T-I.J-J5-Ji.aoO',
    '[role="button"].aoO',
    '[role="button"][jslog^="32601;"]',
    '[role="button"][data-tooltip^="Send"]',
    '[role="button"][aria-label^="Send"]',
  ],
  /**
   * The toast Gmail shows after Send ("Message sent", "Send scheduled for …") and its links. The
   * link ids have been stable for a decade (Selenium suites and extensions key on them); the
   * toast's classes are fallbacks. Text is localised, so it decides nothing but the scheduled time.
   */
  sendToast: ['[role="alert"] .vh', '.b8.UC .vh', 'div.vh', '[role="alert"]'],
  toastUndo: ['#link_undo', '[role="alert"] [role="link"][id*="undo"]', '.vh [role="link"][id*="undo"]'],
  toastViewMessage: ['#link_vsm', '[role="alert"] [role="link"][id*="vsm"]', '.vh [role="link"][id*="vsm"]'],

  /** "More send options" beside Send (it opens Schedule send). */
  sendOptions: ['[role="button"].hG', '[role="button"][aria-haspopup="true"][jslog^="32602;"]'],

  /** Gmail's Compose button. */
  composeButton: ['[gh="cm"]', 'div[role="button"].T-I.T-I-KE'],

  /** Elements whose attribute carries the signed-in address, with the attribute to read. */
  accountHolders: [
    ['[email][name="me"]', 'email'],
    ['a[href*="SignOutOptions"][aria-label*="@"]', 'aria-label'],
    ['header a[aria-label*="@"]', 'aria-label'],
  ] as readonly (readonly [string, string])[],
} as const;

/** Data attributes we stamp on Gmail's compose elements. */
export const ATTR = {
  composeId: 'data-touchbase-compose-id',
  draft: 'data-touchbase-draft',
  focusSeq: 'data-touchbase-focus-seq',
} as const;

/** Fills the `%` placeholder of a recipient selector list with a field name. */
export function forField(list: SelectorList, field: 'to' | 'cc' | 'bcc'): string[] {
  return list.map((s) => s.replaceAll('%', field));
}
