import { nextLocalMidnight } from '@/lib/cadence/zoned';
import { getDb, getSettings, type RepSettings, saveSettings, type TouchbaseDb } from '@/lib/db';
import { initI18n } from '@/lib/i18n';
import {
  claimDailyNudge,
  claimNewLeads,
  claimSpeedToLeadDue,
  lastNudgeDay,
  nudgeCounts,
} from '@/lib/db/notify';
import {
  isNudgeTime,
  leadsWorthANotice,
  newLeadNotices,
  nudgeMessage,
  type SpeedToLeadItem,
  speedToLeadNotices,
} from '@/lib/notify';
import { scoringOf } from '@/lib/scoring';
import { contactLabel } from '@/lib/touches/labels';

/** Our notification ids all start with this, so a click on anything else is not ours. */
const ID_PREFIX = 'tb-';

/**
 * The permission is optional and can be revoked at any time from chrome://extensions, so it is
 * checked on every tick rather than trusted from settings.
 */
async function canNotify(): Promise<boolean> {
  try {
    if (!browser.notifications) return false;
    return await browser.permissions.contains({ permissions: ['notifications'] });
  } catch {
    return false;
  }
}

async function show(id: string, title: string, message: string): Promise<void> {
  await browser.notifications.create(id, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title,
    message,
    priority: 2,
  });
}

/**
 * New leads at or above the rep's threshold: one notice with the score, its reasons and the next
 * touch. Answers the enrolments those notices cover, so the speed-to-lead notices of their
 * touches falling due in the same tick (a call and an email within 5 minutes) are not shown too.
 */
async function announceNewLeads(db: TouchbaseDb, settings: RepSettings, now: number): Promise<Set<number>> {
  const claimed = await claimNewLeads(db, now);
  const leads = leadsWorthANotice(
    claimed.map((c) => ({
      enrolmentId: c.enrolment.id,
      contact: c.contact,
      enrolment: c.enrolment,
      ...(c.next
        ? {
            next: {
              touchId: c.next.id,
              step: c.next.step,
              channel: c.next.channel,
              dueAt: c.next.dueAt,
              ...(c.next.withinMinutes !== undefined ? { withinMinutes: c.next.withinMinutes } : {}),
            },
          }
        : {}),
    })),
    scoringOf(settings),
    now,
  );
  for (const n of newLeadNotices(leads, now, settings.timeZone)) await show(n.id, n.title, n.message);
  return new Set(leads.map((l) => l.enrolmentId));
}

async function announceSpeedToLead(db: TouchbaseDb, now: number, covered: Set<number>): Promise<void> {
  const touches = (await claimSpeedToLeadDue(db, now)).filter((t) => !covered.has(t.enrolmentId));
  if (touches.length === 0) return;
  const contacts = await db.contacts.bulkGet([...new Set(touches.map((t) => t.contactId))]);
  const byId = new Map(contacts.filter((c) => c !== undefined).map((c) => [c.id, c]));
  const items: SpeedToLeadItem[] = touches.map((t) => ({
    touchId: t.id,
    enrolmentId: t.enrolmentId,
    step: t.step,
    channel: t.channel,
    purpose: t.purpose,
    deadlineAt: t.deadlineAt,
    withinMinutes: t.withinMinutes ?? 0,
    contact: byId.get(t.contactId),
  }));
  for (const n of speedToLeadNotices(items, now)) await show(n.id, n.title, n.message);
}

async function maybeDailyNudge(db: TouchbaseDb, settings: RepSettings, now: number): Promise<void> {
  const when = isNudgeTime({
    now,
    timeZone: settings.timeZone,
    window: settings.window,
    lastNudgeDay: await lastNudgeDay(db),
  });
  if (!when.due) return;
  // Claim the day first: a crash after this loses one nudge rather than sending two.
  if (!(await claimDailyNudge(db, when.day))) return;
  const counts = await nudgeCounts(db, now, nextLocalMidnight(settings.timeZone, now));
  const text = nudgeMessage({
    dueToday: counts.dueToday,
    overdue: counts.overdue,
    replies: counts.replies.map((c) => contactLabel(c)),
  });
  if (text) await show(`tb-nudge-${when.day}`, text.title, text.message);
}

/** Runs on every alarm tick, after the badge: speed-to-lead alerts and the daily nudge. */
export async function notifyTick(now: number): Promise<void> {
  const db = getDb();
  const settings = await getSettings(db);
  if (!settings.notifications || !(await canNotify())) return;
  await initI18n();
  const covered = await announceNewLeads(db, settings, now);
  await announceSpeedToLead(db, now, covered);
  if (settings.dailyNudge) await maybeDailyNudge(db, settings, now);
}

function onClicked(id: string): void {
  if (!id.startsWith(ID_PREFIX)) return;
  // The popup cannot be opened from here, so its list opens in a tab instead.
  void browser.tabs.create({ url: browser.runtime.getURL('/popup.html') });
  void browser.notifications.clear(id);
}

/**
 * Listens for clicks on our notifications. The API only exists once the optional permission is
 * granted, so the listener is added at start when it is there, and again when it is granted.
 */
export function registerNotifications(): void {
  let added = false;
  const add = () => {
    if (added || !browser.notifications) return;
    browser.notifications.onClicked.addListener(onClicked);
    added = true;
  };
  add();
  // The popup may close while Chrome shows the permission prompt, before it can save the
  // setting; the grant itself is the rep's "yes", so it is recorded here too (and a revoke
  // from chrome://extensions turns the setting off).
  browser.permissions.onAdded.addListener((p) => {
    add();
    if (p.permissions?.includes('notifications')) void saveSettings(getDb(), { notifications: true });
  });
  browser.permissions.onRemoved.addListener((p) => {
    if (p.permissions?.includes('notifications')) void saveSettings(getDb(), { notifications: false });
  });
}
