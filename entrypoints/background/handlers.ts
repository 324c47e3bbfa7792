import {
  addNote,
  completeTouch,
  enrolContact,
  enrolmentAction,
  getDb,
  logCallOutcome,
  logReply,
  skipTouch,
  snoozeTouch,
} from '@/lib/db';
import type { RuntimeMessage } from '@/lib/messaging/protocol';
import { refreshBadge } from './badge';

/** Routes each runtime message to the repository that does the work. Time is read here, once. */
export async function handleMessage(msg: RuntimeMessage): Promise<unknown> {
  const db = getDb();
  const now = Date.now();
  switch (msg.type) {
    case 'badge.refresh':
      return refreshBadge(now);
    case 'enrol':
      return enrolContact(db, { ...msg.payload, now });
    case 'touch.complete':
      return completeTouch(db, msg.payload.touchId, { now, via: msg.payload.via, text: msg.payload.text });
    case 'touch.skip':
      await skipTouch(db, msg.payload.touchId, { now, via: msg.payload.via });
      return { ok: true };
    case 'touch.snooze':
      return snoozeTouch(db, msg.payload.touchId, msg.payload.minutes, { now, via: msg.payload.via });
    case 'call.outcome':
      await logCallOutcome(db, msg.payload.touchId, msg.payload.outcome, { now, via: msg.payload.via });
      return { ok: true };
    case 'reply.log':
      return logReply(db, msg.payload.contactId, { now, at: msg.payload.at, via: msg.payload.via });
    case 'enrolment.action':
      return enrolmentAction(db, msg.payload.enrolmentId, msg.payload.action, { now, via: msg.payload.via });
    case 'note.add':
      await addNote(db, msg.payload.contactId, msg.payload.text, {
        now,
        via: msg.payload.via,
        enrolmentId: msg.payload.enrolmentId,
      });
      return { ok: true };
    case 'gmail.sent': {
      // The rep sent a compose holding our draft: that is the touch done, with what was sent.
      const text = [msg.payload.subject, msg.payload.bodyText].filter(Boolean).join('\n\n');
      const res = await completeTouch(db, msg.payload.touchId, { now, via: 'gmail', text });
      return { recorded: !res.alreadyDone };
    }
    default: {
      const never: never = msg;
      throw new Error(`Unknown message ${JSON.stringify(never)}`);
    }
  }
}
