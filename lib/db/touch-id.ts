/**
 * Ids of planned touches the engine computes but no row holds yet (lib/db/horizon.ts): negative,
 * so no row has one, and naming their enrolment and step, so an action on one can write its row
 * first. No imports: message validation and send tokens check them too.
 */

/** Steps per enrolment the encoding leaves room for (a playbook has a handful). */
const STEPS = 1024;

/** The id of step `step` (1-based) of enrolment `enrolmentId` while it is computed. */
export function computedTouchId(enrolmentId: number, step: number): number {
  return -(enrolmentId * STEPS + step);
}

/** The enrolment and step a computed touch id names; undefined for anything else. */
export function parseComputedTouchId(id: number): { enrolmentId: number; step: number } | undefined {
  if (!Number.isSafeInteger(id) || id >= 0) return undefined;
  const enrolmentId = Math.floor(-id / STEPS);
  const step = -id % STEPS;
  return enrolmentId > 0 && step > 0 ? { enrolmentId, step } : undefined;
}

/** A stored touch's id (a positive integer) or a computed one. */
export function isTouchId(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && (v > 0 || parseComputedTouchId(v) !== undefined);
}
