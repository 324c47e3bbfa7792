/**
 * Checks a settings change before it is saved, in words a rep can act on. Pure: the settings
 * form shows the same problems the background refuses with.
 */
import { isLeadSource, isValidTimeZone } from '@/lib/cadence';
import type { ContactWindow } from '@/lib/cadence/types';
import type { RepSettings } from '@/lib/db/schema';
import { validateScoring } from '@/lib/scoring';

/** One problem with a settings field. `field` names the RepSettings key. */
export interface SettingsProblem {
  field: keyof RepSettings;
  message: string;
}

const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

function windowProblems(
  field: 'window' | 'workingHours',
  w: ContactWindow,
  label: string,
): SettingsProblem[] {
  const out: SettingsProblem[] = [];
  if (!Array.isArray(w?.days) || w.days.some((d) => !Number.isInteger(d) || d < 0 || d > 6)) {
    out.push({ field, message: `${label}: the days are not valid.` });
  } else if (w.days.length === 0) {
    out.push({ field, message: `${label}: pick at least one day.` });
  }
  if (!TIME_RE.test(w?.start ?? '') || !TIME_RE.test(w?.end ?? '')) {
    out.push({ field, message: `${label}: times must look like 08:00.` });
  } else if (w.start >= w.end) {
    out.push({ field, message: `${label}: the end (${w.end}) must be after the start (${w.start}).` });
  }
  return out;
}

function isLink(value: string): boolean {
  if (value === '') return true;
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Every problem in `patch` (only the fields present are checked). Empty when it can be saved. */
export function validateSettings(patch: Partial<RepSettings>): SettingsProblem[] {
  const out: SettingsProblem[] = [];
  if (patch.timeZone !== undefined && !isValidTimeZone(patch.timeZone.trim())) {
    out.push({
      field: 'timeZone',
      message: `"${patch.timeZone}" is not a time zone we know. Use a name like America/New_York or Europe/Paris.`,
    });
  }
  if (patch.window) out.push(...windowProblems('window', patch.window, 'Contact window'));
  if (patch.workingHours) out.push(...windowProblems('workingHours', patch.workingHours, 'Working hours'));
  if (patch.reengageDays !== undefined) {
    const d = patch.reengageDays;
    if (!Number.isInteger(d) || d < 60 || d > 90)
      out.push({
        field: 'reengageDays',
        message: 'The re-engage delay must be a whole number from 60 to 90 days.',
      });
  }
  if (patch.defaultSource !== undefined && !isLeadSource(patch.defaultSource))
    out.push({ field: 'defaultSource', message: 'Pick a default lead source from the list.' });
  if (patch.defaultPlaybookBySource) {
    for (const key of Object.keys(patch.defaultPlaybookBySource)) {
      if (!isLeadSource(key))
        out.push({ field: 'defaultPlaybookBySource', message: `Unknown lead source "${key}".` });
    }
  }
  if (patch.setupDone !== undefined && typeof patch.setupDone !== 'boolean')
    out.push({ field: 'setupDone', message: 'Say whether the setup is done.' });
  if (patch.scoring !== undefined)
    for (const issue of validateScoring(patch.scoring))
      out.push({ field: 'scoring', message: issue.message });
  for (const field of ['reconnectLink', 'bookingLink'] as const) {
    const v = patch[field];
    if (v !== undefined && !isLink(v.trim()))
      out.push({ field, message: 'Links must start with https:// (or http://).' });
  }
  return out;
}
