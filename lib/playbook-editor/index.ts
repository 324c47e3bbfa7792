/**
 * Pure helpers behind the playbook editor: step list edits, the copy's name, and the preview of
 * the schedule a sample enrolment would get.
 */
import {
  adjustForSource,
  type CadenceStep,
  type ContactWindow,
  type LeadSource,
  type PlannedTouch,
  planTouches,
} from '@/lib/cadence';

/** Moves step `index` one place up (-1) or down (+1); out-of-range moves change nothing. */
export function moveStep<T>(steps: readonly T[], index: number, dir: -1 | 1): T[] {
  const to = index + dir;
  const out = [...steps];
  if (index < 0 || index >= out.length || to < 0 || to >= out.length) return out;
  [out[index], out[to]] = [out[to]!, out[index]!];
  return out;
}

export function removeStep<T>(steps: readonly T[], index: number): T[] {
  return steps.filter((_, i) => i !== index);
}

/** A sensible next step: an email two days after the last one (keeps the 48 h email spacing). */
export function newStepAfter(steps: readonly CadenceStep[]): CadenceStep {
  const last = steps[steps.length - 1];
  return { channel: 'email', day: last ? last.day + 2 : 0, purpose: 'follow-up' };
}

/**
 * "Name (copy)", or "Name (copy 2)" … when that is taken (case-insensitive). `word(n)` writes the
 * n-th copy's name (1 for the first) in the rep's language; English by default.
 */
export function copyName(
  name: string,
  taken: readonly string[],
  word: (n: number) => string = (n) => `${name.trim()} (copy${n === 1 ? '' : ` ${n}`})`,
): string {
  const lower = new Set(taken.map((t) => t.trim().toLowerCase()));
  for (let n = 1; ; n++) {
    const candidate = word(n);
    if (!lower.has(candidate.toLowerCase())) return candidate;
    // A wording that ignores n would loop forever: number it ourselves past any real list.
    const numbered = `${candidate} ${n}`;
    if (n > taken.length + 1 && !lower.has(numbered.toLowerCase())) return numbered;
  }
}

/** `now` rounded up to the next quarter hour, so the preview starts at a tidy time. */
export function roundUpToQuarterHour(now: number): number {
  const q = 15 * 60_000;
  return Math.ceil(now / q) * q;
}

export type SchedulePreview =
  | { ok: true; steps: CadenceStep[]; touches: PlannedTouch[] }
  | { ok: false; message: string };

/**
 * The touches a contact from `source` enrolled at `enrolledAt` would get: the lead-source
 * adjustment first, then the planner with the rep's zone and contact window. Never throws.
 */
export function previewSchedule(input: {
  steps: readonly CadenceStep[];
  source: LeadSource;
  enrolledAt: number;
  timeZone: string;
  window: ContactWindow;
}): SchedulePreview {
  try {
    const steps = adjustForSource(input.steps, input.source);
    const touches = planTouches({
      steps,
      enrolledAt: new Date(input.enrolledAt),
      timeZone: input.timeZone,
      window: input.window,
    });
    return { ok: true, steps, touches };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}
