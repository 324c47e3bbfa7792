/**
 * Stored rows the count tests seed straight into the tables (no sequence behind them): the due
 * lists and their counts read only these fields.
 */
import type { ContactRow, EnrolmentRow, TouchRow } from '@/lib/db';

/** A one-step follow-up email of enrolment `enrolmentId`, planned unless `state` says otherwise. */
export function touchRow(t: {
  enrolmentId: number;
  contactId: number;
  dueAt: number;
  deadlineAt: number;
  state?: string;
}): TouchRow {
  return {
    enrolmentId: t.enrolmentId,
    contactId: t.contactId,
    step: 1,
    totalSteps: 1,
    channel: 'email',
    purpose: 'follow-up',
    dueAt: t.dueAt,
    deadlineAt: t.deadlineAt,
    state: t.state ?? 'planned',
  } as TouchRow;
}

/**
 * Contact `id` in `timeZone`, created at `at`, owned (team sync) by `owner` since then if given,
 * with any other field from `more`.
 */
export function contactRow(
  id: number,
  {
    timeZone,
    at,
    owner,
    ...more
  }: { timeZone: string; at: number; owner?: string | undefined } & Partial<Omit<ContactRow, 'owner'>>,
): ContactRow {
  return {
    id,
    email: `c${id}@example.com`,
    emailLower: `c${id}@example.com`,
    externalIds: [],
    firstName: `C${id}`,
    lastName: '',
    company: '',
    phone: '',
    title: '',
    timeZone,
    leadSource: 'referral',
    notes: '',
    optOut: {},
    custom: {},
    createdAt: at,
    updatedAt: at,
    ...(owner ? { owner: { id: owner, name: owner, since: at } } : {}),
    ...more,
  };
}

/**
 * A speed-to-lead sequence of contact `contactId` in UTC, enrolled five hours before `at` and in
 * `state` since two hours before it (no steps: the tests seed its touches themselves).
 */
export function enrolmentRow(id: number, contactId: number, at: number, state = 'active'): EnrolmentRow {
  return {
    id,
    contactId,
    playbookId: 'speed-to-lead-90',
    playbookName: 'Speed to lead',
    source: 'web-form',
    steps: [],
    enrolledAt: at - 5 * 3_600_000,
    timeZone: 'UTC',
    state,
    stateChangedAt: at - 2 * 3_600_000,
    done: [],
  } as unknown as EnrolmentRow;
}
