import { type Msg, msg } from '@/lib/i18n/msg';
import { CHANNELS, type CadenceStep, PURPOSES } from './types';

/** One finding about a custom playbook. `step` is 1-based when the finding is about one step. */
export interface PlaybookIssue {
  code:
    | 'empty'
    | 'bad-name'
    | 'bad-day'
    | 'decreasing-day'
    | 'unknown-channel'
    | 'unknown-purpose'
    | 'bad-within-minutes'
    | 'two-sms-one-day'
    | 'emails-too-close'
    | 'no-breakup';
  /** What to fix, rendered in the rep's language where it is shown. */
  msg: Msg;
  step?: number;
}

export interface PlaybookValidation {
  /** The playbook cannot be saved. */
  errors: PlaybookIssue[];
  /** It can be saved, but breaks a rule of thumb from the seeds; the planner will shift touches. */
  warnings: PlaybookIssue[];
}

/** Longest a sequence should run without a closing message. */
export const MAX_DAYS_WITHOUT_BREAKUP = 21;

/**
 * Checks a custom playbook. Errors: no steps, blank name, negative, fractional or decreasing
 * days, unknown channels or purposes, a withinMinutes that is not a positive number. Warnings:
 * two texts on one day, emails under 48 h apart, more than 21 days without a breakup step.
 */
export function validatePlaybook(playbook: {
  name?: string;
  steps: readonly CadenceStep[];
}): PlaybookValidation {
  const errors: PlaybookIssue[] = [];
  const warnings: PlaybookIssue[] = [];
  const steps = Array.isArray(playbook?.steps) ? playbook.steps : [];
  if (playbook?.name !== undefined && playbook.name.trim() === '') {
    errors.push({ code: 'bad-name', msg: msg('err_playbook_name') });
  }
  if (steps.length === 0) {
    errors.push({ code: 'empty', msg: msg('err_playbook_needs_step') });
    return { errors, warnings };
  }

  let prevDay: number | undefined;
  let lastEmailDay: number | undefined;
  const smsDays = new Set<number>();
  let hasBreakup = false;
  let lastDay = 0;
  steps.forEach((s, i) => {
    const step = i + 1;
    if (!CHANNELS.includes(s?.channel)) {
      errors.push({
        code: 'unknown-channel',
        step,
        msg: msg('err_step_unknown_channel', { step, value: String(s?.channel) }),
      });
    }
    if (!PURPOSES.includes(s?.purpose)) {
      errors.push({
        code: 'unknown-purpose',
        step,
        msg: msg('err_step_unknown_purpose', { step, value: String(s?.purpose) }),
      });
    }
    const dayOk = Number.isInteger(s?.day) && s.day >= 0;
    if (!dayOk) {
      errors.push({
        code: 'bad-day',
        step,
        msg: msg('err_step_day_whole', { step }),
      });
    } else if (prevDay !== undefined && s.day < prevDay) {
      errors.push({
        code: 'decreasing-day',
        step,
        msg: msg('err_step_day_order', { step, day: s.day, previous: prevDay }),
      });
    }
    if (s?.withinMinutes !== undefined && !(Number.isFinite(s.withinMinutes) && s.withinMinutes > 0)) {
      errors.push({
        code: 'bad-within-minutes',
        step,
        msg: msg('err_step_within_positive', { step }),
      });
    }
    if (!dayOk) return;
    prevDay = Math.max(prevDay ?? s.day, s.day);
    lastDay = Math.max(lastDay, s.day);
    if (s.purpose === 'breakup' || s.purpose === 'final-check-in') hasBreakup = true;
    if (s.channel === 'sms') {
      if (smsDays.has(s.day)) {
        warnings.push({
          code: 'two-sms-one-day',
          step,
          msg: msg('warn_step_second_text', { step, day: s.day }),
        });
      }
      smsDays.add(s.day);
    }
    if (s.channel === 'email') {
      if (lastEmailDay !== undefined && Math.abs(s.day - lastEmailDay) < 2) {
        warnings.push({
          code: 'emails-too-close',
          step,
          msg: msg('warn_step_emails_close', { step }),
        });
      }
      lastEmailDay = s.day;
    }
  });
  if (lastDay > MAX_DAYS_WITHOUT_BREAKUP && !hasBreakup) {
    warnings.push({
      code: 'no-breakup',
      msg: msg('warn_no_breakup', { days: lastDay }),
    });
  }
  return { errors, warnings };
}
