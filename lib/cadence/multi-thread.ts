import type { DoneTouch } from './types';

/** Whether a gated step (`requiresTwoUnanswered`) should go out. */
export type MultiThreadDecision = 'due' | 'skip' | 'not-gated';

/**
 * Contact-facing touches in a row, most recent last, that got no answer: touches done after
 * the latest reply, counting back from the newest, stopping at a call someone picked up.
 * Skipped steps and internal tasks never reached the contact, so they neither count nor break
 * the run.
 */
export function unansweredStreak(
  done: readonly DoneTouch[],
  replies: readonly number[],
  beforeStep = Infinity,
): number {
  let lastReply = Number.NEGATIVE_INFINITY;
  for (const r of replies) if (r > lastReply) lastReply = r;
  let streak = 0;
  for (let i = done.length - 1; i >= 0; i--) {
    const t = done[i]!;
    if (t.step >= beforeStep || t.skipped || t.channel === 'task') continue;
    if (t.at <= lastReply || t.outcome === 'answered') break;
    streak++;
  }
  return streak;
}

/**
 * Multi-threading (seed 003): a step marked `requiresTwoUnanswered` reaches a second contact
 * at the same company, and only once the primary has left two touches in a row unanswered.
 * Given the plan (or the steps), the step number (1-based) and the history, says whether that
 * step is due or should be skipped; ungated steps are 'not-gated'.
 */
export function multiThreadDecision(input: {
  plan: readonly { requiresTwoUnanswered?: boolean }[];
  step: number;
  done: readonly DoneTouch[];
  replies: readonly number[];
}): MultiThreadDecision {
  const target = input.plan[input.step - 1];
  if (!target?.requiresTwoUnanswered) return 'not-gated';
  return unansweredStreak(input.done, input.replies, input.step) >= 2 ? 'due' : 'skip';
}
