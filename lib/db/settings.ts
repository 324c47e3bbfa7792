import { assertWindow, isValidTimeZone, MAX_REENGAGE_DAYS, MIN_REENGAGE_DAYS } from '@/lib/cadence';
import { type Msg, MsgError, msg, msgOf } from '@/lib/i18n/msg';
import { DEFAULT_WINDOW } from '@/lib/cadence/types';
import { validateScoring } from '@/lib/scoring';
import type { RepSettings, TouchbaseDb } from './schema';

/** What a new rep starts with; every field can be changed in the dashboard's settings. */
export function defaultSettings(timeZone: string): RepSettings {
  return {
    name: '',
    company: '',
    phone: '',
    signature: '',
    reconnectLink: '',
    bookingLink: '',
    timeZone,
    window: { ...DEFAULT_WINDOW, days: [...DEFAULT_WINDOW.days] },
    workingHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
    defaultPlaybookBySource: {
      'google-lsa': 'seven-touch-14-day',
      'facebook-lead-ad': 'seven-touch-14-day',
      referral: 'seven-touch-14-day',
      'web-form': 'speed-to-lead-90',
      'cold-outbound': 'linkedin-14-day',
      other: 'seven-touch-14-day',
    },
    defaultSource: 'web-form',
    reengageDays: 60,
    notifications: false,
    dailyNudge: true,
  };
}

/** The system's zone, for the very first run (the rep can change it). */
export function systemTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

function windowProblem(window: RepSettings['window']): Msg | undefined {
  try {
    assertWindow(window);
    return undefined;
  } catch (err) {
    return msgOf(err) ?? msg('err_plain', { text: err instanceof Error ? err.message : String(err) });
  }
}

/**
 * The rep's settings over the defaults. A stored value the planner cannot use (an unknown zone,
 * a broken window, e.g. from a hand-edited backup) is replaced by its default here, so enrolling,
 * importing and drafting keep working instead of failing on every contact.
 */
export async function getSettings(db: TouchbaseDb): Promise<RepSettings> {
  const row = await db.settings.get('rep');
  const base = defaultSettings(systemTimeZone());
  if (!row) return base;
  const merged = { ...base, ...row.value };
  if (!isValidTimeZone(merged.timeZone)) merged.timeZone = base.timeZone;
  if (windowProblem(merged.window)) merged.window = base.window;
  const days = merged.reengageDays;
  if (!Number.isInteger(days) || days < MIN_REENGAGE_DAYS || days > MAX_REENGAGE_DAYS)
    merged.reengageDays = base.reengageDays;
  // Scoring a hand-edited backup broke goes back to the defaults rather than breaking every score.
  if (merged.scoring !== undefined && validateScoring(merged.scoring).length) delete merged.scoring;
  return merged;
}

export async function saveSettings(db: TouchbaseDb, patch: Partial<RepSettings>): Promise<RepSettings> {
  return db.transaction('rw', db.settings, async () => {
    const next = { ...(await getSettings(db)), ...patch };
    if (next.reengageDays < 60 || next.reengageDays > 90) {
      throw new MsgError(msg('err_reengage_range'));
    }
    if (!isValidTimeZone(next.timeZone)) {
      throw new MsgError(msg('err_time_zone_pick', { zone: String(next.timeZone) }));
    }
    const problem = windowProblem(next.window);
    if (problem) throw new MsgError(msg('err_window_unusable', { problem }));
    await db.settings.put({ key: 'rep', value: next });
    return next;
  });
}
