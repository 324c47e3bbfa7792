import { assertWindow, isValidTimeZone, MAX_REENGAGE_DAYS, MIN_REENGAGE_DAYS } from '@/lib/cadence';
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

function windowProblem(window: RepSettings['window']): string | undefined {
  try {
    assertWindow(window);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
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
      throw new Error('The re-engage delay must be between 60 and 90 days.');
    }
    if (!isValidTimeZone(next.timeZone)) {
      throw new Error(`Unknown time zone "${String(next.timeZone)}": pick one such as "America/New_York".`);
    }
    const problem = windowProblem(next.window);
    if (problem) throw new Error(`The contact window is not usable: ${problem}`);
    await db.settings.put({ key: 'rep', value: next });
    return next;
  });
}
