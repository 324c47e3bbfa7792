/**
 * Reply detection over a PageView (pure): a message or list row from an enrolled contact that is
 * newer than our last touch to them and is not an auto-reply. A message without a parsable date is
 * skipped: we cannot tell it from the old mail we were following up on.
 */
import type { EnrolledContact, PageView, ReplyHit } from '../types';
import { isAutoReply } from './auto-reply';

/** Newest reply per contact and source, newest first. */
export function findReplies(view: PageView, enrolled: EnrolledContact[]): ReplyHit[] {
  try {
    const last = new Map<string, number>();
    for (const c of enrolled) {
      const email = c.email.trim().toLowerCase();
      const prev = last.get(email);
      // Enrolled twice: the later touch is the one a reply must follow.
      if (email && Number.isFinite(c.lastTouchAt) && (prev === undefined || c.lastTouchAt > prev)) {
        last.set(email, c.lastTouchAt);
      }
    }
    const best = new Map<string, ReplyHit>();
    const consider = (hit: ReplyHit): void => {
      const since = last.get(hit.email);
      if (since === undefined || hit.at === undefined || hit.at <= since) return;
      const key = `${hit.source}|${hit.email}`;
      const prev = best.get(key);
      if (!prev || (prev.at ?? 0) < hit.at) best.set(key, hit);
    };
    const threadId = view.thread?.id;
    for (const m of view.thread?.messages ?? []) {
      if (m.isAutoReply) continue;
      consider({ email: m.from.email, at: m.at, threadId, source: 'thread', text: m.snippet });
    }
    for (const r of view.inboxRows) {
      if (isAutoReply({ subject: r.subject, body: r.snippet ?? '' })) continue;
      consider({ email: r.from.email, at: r.at, threadId: r.threadId, source: 'inbox', text: r.snippet });
    }
    const hits = [...best.values()].map((h) => {
      // Keep the result JSON-clean: no keys holding undefined.
      const out: ReplyHit = { email: h.email, source: h.source };
      if (h.at !== undefined) out.at = h.at;
      if (h.threadId !== undefined) out.threadId = h.threadId;
      if (typeof h.text === 'string' && h.text.trim()) out.text = h.text;
      return out;
    });
    return hits.sort((a, b) => (b.at ?? 0) - (a.at ?? 0));
  } catch {
    return [];
  }
}
