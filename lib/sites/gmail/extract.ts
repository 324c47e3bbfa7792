/**
 * Builds a PageView from a Gmail document with a handful of querySelector calls (no full-tree walks),
 * so it can run after every navigation. Each part is read on its own: a part that fails becomes a
 * line in `problems` and the rest of the view is still returned.
 */
import { type Msg, msg } from '@/lib/i18n/msg';
import type { InboxRow, MessageView, PageView, Person, ThreadView } from '../types';
import { isAutoReply } from './auto-reply';
import { activeCompose, findComposes, readCompose } from './compose';
import { parseEpochAttr, parseGmailDate } from './date';
import { decideKind, parseRoute } from './detect';
import { addPeople, all, cleanEmail, closest, first, matches, oneLine, textOf } from './dom';
import { SEL } from './selectors';

const SNIPPET_MAX = 280;

/** Options for one extraction. */
export interface ExtractOptions {
  /** Page URL; defaults to the document's own location. */
  url?: string;
}

/** A view that says "not here", for when even the guard rails failed. */
export function emptyView(url: string, problem: Msg): PageView {
  return { site: 'gmail', kind: 'unknown', url, composes: [], inboxRows: [], problems: [problem] };
}

/** Reads the Gmail page once. Never throws. */
export function extractGmail(doc: Document, opts: ExtractOptions = {}): PageView {
  let url = opts.url ?? '';
  try {
    url = opts.url ?? doc.location?.href ?? '';
    const problems: Msg[] = [];
    const view: PageView = { site: 'gmail', kind: 'unknown', url, composes: [], inboxRows: [], problems };
    const attempt = (what: Msg, fn: () => void): void => {
      try {
        fn();
      } catch {
        problems.push(msg('page_read_failed', { what }));
      }
    };
    attempt(msg('page_part_account'), () => {
      const email = readAccountEmail(doc);
      if (email) view.accountEmail = email;
    });
    attempt(msg('page_part_conversation'), () => {
      const thread = readThread(doc, view.accountEmail, problems);
      if (thread) view.thread = thread;
    });
    attempt(msg('page_part_composes'), () => {
      const handles = findComposes(doc);
      const active = activeCompose(doc, handles);
      view.composes = handles.map((c) => readCompose(c, active?.root ?? null));
    });
    attempt(msg('page_part_message_list'), () => {
      view.inboxRows = readRows(doc);
    });
    const route = parseRoute(url);
    view.kind = decideKind(route, {
      hasThread: !!view.thread,
      rowCount: view.inboxRows.length,
      composeCount: view.composes.length,
    });
    if (view.kind === 'unknown') {
      problems.push(
        route.kind === 'thread' ? msg('page_gmail_thread_not_shown') : msg('page_gmail_nothing_found'),
      );
    }
    if (!view.accountEmail && view.kind !== 'unknown') problems.push(msg('page_gmail_account_missing'));
    return view;
  } catch {
    return emptyView(url, msg('page_read_page_failed'));
  }
}

/**
 * Extraction with its duration measured by an injected clock (e.g. `performance.now`), for
 * benchmarks and the watcher's timing hook.
 */
export function measureExtract(
  doc: Document,
  now: () => number,
  opts: ExtractOptions = {},
): { view: PageView; ms: number } {
  const t0 = now();
  const view = extractGmail(doc, opts);
  return { view, ms: now() - t0 };
}

function readAccountEmail(doc: Document): string | undefined {
  // Gmail's tab title is "Subject - user@example.com - Gmail" in every UI language.
  const fromTitle = cleanEmail(doc.title, true);
  if (fromTitle) return fromTitle;
  for (const [sel, attr] of SEL.accountHolders) {
    const el = first(doc, [sel]);
    const email = cleanEmail(el?.getAttribute(attr), true);
    if (email) return email;
  }
  return undefined;
}

function personFrom(el: Element | null): Person | null {
  if (!el) return null;
  const email = cleanEmail(
    el.getAttribute('email') ?? el.getAttribute('data-hovercard-id') ?? el.getAttribute('jid'),
  );
  if (!email) return null;
  const name = el.getAttribute('name') ?? el.getAttribute('data-name') ?? oneLine(el.textContent ?? '');
  return { email, name: name.trim() };
}

/** Subject text; emoji are images whose alt carries the character. */
function subjectText(h: Element): string {
  let s = '';
  const walk = (n: Node): void => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) s += (c as Text).data;
      else if (c.nodeType === 1) {
        if ((c as Element).tagName === 'IMG') s += (c as Element).getAttribute('alt') ?? '';
        else walk(c);
      }
    }
  };
  walk(h);
  return oneLine(s);
}

function dateOf(scope: Element, list: readonly string[]): number | undefined {
  for (const el of all(scope, list)) {
    const at = parseGmailDate(el.getAttribute('title')) ?? parseGmailDate(el.getAttribute('aria-label'));
    if (at !== undefined) return at;
  }
  return parseEpochAttr(scope);
}

function readThread(doc: Document, account: string | undefined, problems: Msg[]): ThreadView | undefined {
  const main = first(doc, SEL.main) ?? doc.body;
  if (!main) return undefined;
  const h = first(main, SEL.threadSubject) ?? first(doc, SEL.threadSubject);
  if (!h) return undefined;
  const holder = SEL.threadIdHolder.some((sel) => matches(h, sel)) ? h : first(main, SEL.threadIdHolder);
  const perm = holder?.getAttribute('data-thread-perm-id')?.replace(/^#/, '');
  const legacy = holder?.getAttribute('data-legacy-thread-id') ?? undefined;
  const subject = subjectText(h);
  const thread: ThreadView = { subject, messages: [], participants: [] };
  if (perm || legacy) thread.id = perm || legacy;
  if (legacy) thread.legacyId = legacy;
  if (!subject) problems.push(msg('page_gmail_subject_missing'));
  if (!thread.id) problems.push(msg('page_gmail_thread_id_missing'));

  // Messages live next to the subject; stay inside the conversation's own container when we can.
  const scope = closest(h, SEL.threadContainer) ?? main;
  const els = all(scope, SEL.message).filter((el) => !closest(el, SEL.notMessage));
  const messages = els.filter((el) => !els.some((o) => o !== el && o.contains(el)));
  const everyone: Person[] = [];
  messages.forEach((el, i) => {
    const from = personFrom(first(el, SEL.messageSender)) ?? personFrom(first(el, SEL.messageAvatar));
    if (!from) {
      problems.push(msg('page_gmail_sender_missing', { n: i + 1 }));
      return;
    }
    const message: MessageView = { from, isAutoReply: false };
    const id = (el.getAttribute('data-message-id') ?? el.getAttribute('data-legacy-message-id'))?.replace(
      /^#/,
      '',
    );
    if (id) message.id = id;
    const at = dateOf(el, SEL.messageDate);
    if (at !== undefined) message.at = at;
    const body = first(el, SEL.messageBody);
    const snippet = body ? oneLine(textOf(body, SEL.quoted, SNIPPET_MAX * 2)).slice(0, SNIPPET_MAX) : '';
    if (snippet) message.snippet = snippet;
    message.isAutoReply =
      from.email !== account && isAutoReply({ subject: i === 0 ? subject : '', body: snippet });
    thread.messages.push(message);
    addPeople(everyone, [from]);
    addPeople(
      everyone,
      all(el, SEL.messageRecipients)
        .map(personFrom)
        .filter((p): p is Person => !!p),
    );
  });
  if (!messages.length) problems.push(msg('page_gmail_no_messages'));
  thread.participants = everyone.filter((p) => p.email !== account);
  return thread;
}

function readRows(doc: Document): InboxRow[] {
  const rows: InboxRow[] = [];
  for (const tr of all(doc, SEL.listRow)) {
    const senders = all(tr, SEL.rowSender);
    const from = personFrom(senders[senders.length - 1] ?? null);
    if (!from) continue;
    const idEl = first(tr, SEL.rowThreadId);
    const threadId = (
      idEl?.getAttribute('data-thread-id') ?? idEl?.getAttribute('data-legacy-thread-id')
    )?.replace(/^#/, '');
    const subjEl = first(tr, SEL.rowSubject);
    const row: InboxRow = {
      from,
      subject: subjEl ? oneLine(textOf(subjEl, SEL.rowSubjectSkip, 400)) : '',
      unread: SEL.rowUnread.some((s) => matches(tr, s) || !!first(tr, [s])),
    };
    if (threadId) row.threadId = threadId;
    const at = dateOf(tr, SEL.rowDate);
    if (at !== undefined) row.at = at;
    const preview = first(tr, SEL.rowSnippet);
    // Gmail separates the preview from the subject with " - "; only the words after it are the message.
    const snippet = preview
      ? oneLine(textOf(preview, 'style, script', SNIPPET_MAX * 2))
          .replace(/^[\s\u00a0]*[-–—][\s\u00a0]*/, '')
          .slice(0, SNIPPET_MAX)
      : '';
    if (snippet) row.snippet = snippet;
    rows.push(row);
  }
  return rows;
}
