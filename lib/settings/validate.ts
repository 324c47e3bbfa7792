/**
 * Checks a settings change before it is saved, in words a rep can act on. Pure: the settings
 * form shows the same problems the background refuses with.
 */
import { type Msg, msg } from '@/lib/i18n/msg';
import { isLeadSource, isValidTimeZone } from '@/lib/cadence';
import type { ContactWindow } from '@/lib/cadence/types';
import type { RepSettings } from '@/lib/db/schema';
import { validateScoring } from '@/lib/scoring';

/** One problem with a settings field. `field` names the RepSettings key. */
export interface SettingsProblem {
  field: keyof RepSettings;
  /** What to fix, rendered in the rep's language where it is shown. */
  msg: Msg;
}

const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

function windowProblems(field: 'window' | 'workingHours', w: ContactWindow, label: Msg): SettingsProblem[] {
  const out: SettingsProblem[] = [];
  if (!Array.isArray(w?.days) || w.days.some((d) => !Number.isInteger(d) || d < 0 || d > 6)) {
    out.push({ field, msg: msg('problem_window_days_invalid', { label }) });
  } else if (w.days.length === 0) {
    out.push({ field, msg: msg('problem_window_no_day', { label }) });
  }
  if (!TIME_RE.test(w?.start ?? '') || !TIME_RE.test(w?.end ?? '')) {
    out.push({ field, msg: msg('problem_window_times', { label }) });
  } else if (w.start >= w.end) {
    out.push({ field, msg: msg('problem_window_end', { label, end: w.end, start: w.start }) });
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
    out.push({ field: 'timeZone', msg: msg('problem_zone_name', { zone: patch.timeZone }) });
  }
  if (patch.window) out.push(...windowProblems('window', patch.window, msg('field_contact_window')));
  if (patch.workingHours)
    out.push(...windowProblems('workingHours', patch.workingHours, msg('problem_working_hours')));
  if (patch.reengageDays !== undefined) {
    const d = patch.reengageDays;
    if (!Number.isInteger(d) || d < 60 || d > 90)
      out.push({ field: 'reengageDays', msg: msg('problem_reengage_days') });
  }
  if (patch.defaultSource !== undefined && !isLeadSource(patch.defaultSource))
    out.push({ field: 'defaultSource', msg: msg('problem_default_source') });
  if (patch.defaultPlaybookBySource) {
    for (const key of Object.keys(patch.defaultPlaybookBySource)) {
      if (!isLeadSource(key))
        out.push({ field: 'defaultPlaybookBySource', msg: msg('err_lead_source_unknown', { source: key }) });
    }
  }
  if (patch.setupDone !== undefined && typeof patch.setupDone !== 'boolean')
    out.push({ field: 'setupDone', msg: msg('problem_setup_done') });
  if (patch.scoring !== undefined)
    for (const issue of validateScoring(patch.scoring)) out.push({ field: 'scoring', msg: issue.msg });
  for (const field of ['reconnectLink', 'bookingLink'] as const) {
    const v = patch[field];
    if (v !== undefined && !isLink(v.trim())) out.push({ field, msg: msg('problem_link') });
  }
  return out;
}
