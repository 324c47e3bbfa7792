import { type Msg, MsgError } from '@/lib/i18n/msg';
import type { EnrolmentState } from './types';

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
 * schedule: a touch sent at 3 a.m. or on a forbidden day costs the rep the lead. The message is
 * data (`msg`), rendered in the rep's language where it is shown.
 */
export class CadenceError extends MsgError {
  readonly code: CadenceErrorCode;

  constructor(code: CadenceErrorCode, m: Msg) {
    super(m);
    this.name = 'CadenceError';
    this.code = code;
  }
}

const STATE_KEYS = {
  active: 'state_active',
  paused: 'state_paused',
  booked: 'state_booked',
  'opted-out': 'state_opted_out',
  completed: 'state_completed',
  removed: 'state_removed',
} as const satisfies Record<EnrolmentState, string>;

/** A sequence state as a message parameter ("Active", "Pausada"…). */
export function stateMsg(state: EnrolmentState): Msg {
  return { key: STATE_KEYS[state] ?? 'state_active' };
}
