/** Machine-readable reasons a cadence input is rejected. */
export type CadenceErrorCode =
  | 'unknown-time-zone'
  | 'bad-window'
  | 'bad-time'
  | 'unknown-lead-source'
  | 'bad-step'
  | 'bad-date'
  | 'bad-completed'
  | 'bad-reengage-days';

/**
 * Thrown for input the engine refuses to plan with. A clear refusal beats a silently wrong
 * schedule: a touch sent at 3 a.m. or on a forbidden day costs the rep the lead.
 */
export class CadenceError extends Error {
  readonly code: CadenceErrorCode;

  constructor(code: CadenceErrorCode, message: string) {
    super(message);
    this.name = 'CadenceError';
    this.code = code;
  }
}
