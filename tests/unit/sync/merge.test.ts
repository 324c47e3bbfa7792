import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActivityDoc, ContactDoc, EnrolmentDoc, SuppressionDoc, SyncDoc } from '@/lib/sync/docs';
import { formatStamp } from '@/lib/sync/hlc';
import {
  canonical,
  isSuppressed,
  mergeActivity,
  mergeContact,
  mergeDocs,
  mergeEnrolment,
  mergeSuppression,
  resolveVersions,
} from '@/lib/sync/merge';

const st = (wall: number, replica = 'ana', counter = 0) => formatStamp({ wall, counter, replica });

function contact(fields: Record<string, [unknown, string]>): ContactDoc {
  return {
    _id: 'contact:c1',
    kind: 'contact',
    fields: Object.fromEntries(Object.entries(fields).map(([k, [v, t]]) => [k, { v, t }])),
  };
}

function enrolment(row: Record<string, unknown>, t: string): EnrolmentDoc {
  return {
    _id: 'enrolment:e1',
    kind: 'enrolment',
    contact: 'c1',
    t,
    row: { playbookId: 'p', steps: [], state: 'active', stateChangedAt: 0, done: [], ...row },
  };
}

function suppression(at: number, t: string, extra: Partial<SuppressionDoc> = {}): SuppressionDoc {
  return {
    _id: 'suppression:ada@example.com',
    kind: 'suppression',
    t,
    at,
    row: { key: 'ada@example.com', channels: ['email'], reason: '', at, via: 'sidebar' },
    ...extra,
  };
}

describe('contact merge: field by field, latest edit wins', () => {
  it.each([
    {
      name: 'two reps edit different fields offline: both edits kept',
      a: contact({ phone: ['+1 555 0100', st(10, 'ana')], title: ['CTO', st(1, 'ana')] }),
      b: contact({ phone: ['+1 555 0000', st(1, 'ben')], title: ['VP Sales', st(12, 'ben')] }),
      want: { phone: '+1 555 0100', title: 'VP Sales' },
    },
    {
      name: 'the same field: the later stamp wins',
      a: contact({ company: ['Acme', st(10, 'ana')] }),
      b: contact({ company: ['Acme Inc', st(11, 'ben')] }),
      want: { company: 'Acme Inc' },
    },
    {
      name: 'same wall time: counter, then replica id decide, the same way everywhere',
      a: contact({ company: ['A', st(10, 'zed', 0)] }),
      b: contact({ company: ['B', st(10, 'ana', 1)] }),
      want: { company: 'B' },
    },
    {
      name: 'a field only one side has is kept',
      a: contact({ notes: ['met at expo', st(3, 'ana')] }),
      b: contact({ owner: [{ id: 'ben', name: 'Ben', since: 5 }, st(5, 'ben')] }),
      want: { notes: 'met at expo', owner: { id: 'ben', name: 'Ben', since: 5 } },
    },
  ])('$name', ({ a, b, want }) => {
    for (const m of [mergeContact(a, b), mergeContact(b, a)]) {
      expect(Object.fromEntries(Object.entries(m.fields).map(([k, v]) => [k, v.v]))).toEqual(want);
    }
  });
});

describe('enrolment merge: the stronger state, everything done united', () => {
  it.each([
    {
      name: 'A did step 1 while B opted the contact out: opted out, step 1 still done',
      a: enrolment(
        { state: 'active', stateChangedAt: 1, done: [{ step: 1, channel: 'email', at: 100 }] },
        st(100),
      ),
      b: enrolment({ state: 'opted-out', stateChangedAt: 90 }, st(90, 'ben')),
      state: 'opted-out',
      steps: [1],
    },
    {
      name: 'a reply pause wins over a plan that went on elsewhere',
      a: enrolment(
        {
          state: 'active',
          stateChangedAt: 1,
          done: [
            { step: 1, channel: 'email', at: 100 },
            { step: 2, channel: 'sms', at: 200 },
          ],
          lastTouchAt: 200,
        },
        st(200),
      ),
      b: enrolment(
        {
          state: 'paused',
          pauseReason: 'replied',
          stateChangedAt: 150,
          lastReplyAt: 150,
          done: [{ step: 1, channel: 'email', at: 100 }],
        },
        st(150, 'ben'),
      ),
      state: 'paused',
      steps: [1, 2],
    },
    {
      name: 'a sent touch beats the same step skipped elsewhere',
      a: enrolment({ done: [{ step: 1, channel: 'call', at: 100, skipped: true }] }, st(100)),
      b: enrolment({ done: [{ step: 1, channel: 'call', at: 120, outcome: 'voicemail' }] }, st(120, 'ben')),
      state: 'active',
      steps: [1],
    },
    {
      name: 'a plain pause loses to a booking, a booking to a stop',
      a: enrolment({ state: 'paused', pauseReason: 'manual', stateChangedAt: 300 }, st(300)),
      b: enrolment({ state: 'booked', stateChangedAt: 200 }, st(200, 'ben')),
      state: 'booked',
      steps: [],
    },
  ])('$name', ({ a, b, state, steps }) => {
    for (const m of [mergeEnrolment(a, b), mergeEnrolment(b, a)]) {
      expect(m.row.state).toBe(state);
      expect((m.row.done as { step: number }[]).map((d) => d.step)).toEqual(steps);
    }
  });

  it('keeps the latest reply and touch times, and unites extra sends and rule touches', () => {
    const a = enrolment(
      {
        lastReplyAt: 5,
        lastTouchAt: 50,
        extraTouches: [{ channel: 'email', purpose: 'value', at: 40 }],
        extras: [{ key: 1, channel: 'call', purpose: 'call', dueAt: 1, deadlineAt: 2, rule: 'r', doneAt: 3 }],
      },
      st(10),
    );
    const b = enrolment(
      {
        lastReplyAt: 9,
        lastTouchAt: 20,
        extraTouches: [{ channel: 'email', purpose: 'breakup', at: 45 }],
        extras: [{ key: 1, channel: 'call', purpose: 'call', dueAt: 1, deadlineAt: 2, rule: 'r' }],
      },
      st(11, 'ben'),
    );
    const m = mergeEnrolment(a, b);
    expect(m.row.lastReplyAt).toBe(9);
    expect(m.row.lastTouchAt).toBe(50);
    expect((m.row.extraTouches as unknown[]).length).toBe(2);
    expect((m.row.extras as { doneAt?: number }[])[0]?.doneAt).toBe(3);
  });
});

describe('suppression merge: never lifted by a merge', () => {
  it('an opt-out and an older withdrawal: still suppressed', () => {
    const m = mergeSuppression(
      suppression(200, st(200, 'ben')),
      suppression(100, st(150), { withdrawnAt: 150 }),
    );
    expect(isSuppressed(m)).toBe(true);
  });
  it('a withdrawal after every opt-out lifts it', () => {
    const m = mergeSuppression(
      suppression(100, st(100)),
      suppression(100, st(300, 'ben'), { withdrawnAt: 300 }),
    );
    expect(isSuppressed(m)).toBe(false);
  });
  it('channels asked for are united', () => {
    const b = suppression(100, st(101, 'ben'));
    b.row.channels = ['sms'];
    expect(mergeSuppression(suppression(100, st(100)), b).row.channels).toEqual(['email', 'sms']);
  });
});

describe('activity merge: append-only', () => {
  it('an undone activity stays undone; the same activity twice is once', () => {
    const a: ActivityDoc = { _id: 'activity:x', kind: 'activity', t: st(1), row: { kind: 'note', at: 1 } };
    expect(mergeActivity(a, { ...a, deleted: true }).deleted).toBe(true);
    expect(mergeActivity(a, { ...a, _rev: '2-x' })).toEqual(a);
  });
  it('refuses to merge two different documents', () => {
    const a: ActivityDoc = { _id: 'activity:x', kind: 'activity', t: st(1), row: {} };
    expect(() => mergeDocs(a, { ...a, _id: 'activity:y' })).toThrow(/Cannot merge/);
  });
});

// ---- Convergence: any order and grouping of the same versions gives the same document. ----

/** Merges the versions in the order and grouping `picks` chooses (a random merge tree). */
function mergeRandomly(versions: SyncDoc[], picks: number[]): SyncDoc {
  // A lone version is written as its replica wrote it; merges return the normal form.
  const pool = versions.map((v) => mergeDocs(v, v));
  let i = 0;
  while (pool.length > 1) {
    const a = pool.splice((picks[i++] ?? 0) % pool.length, 1)[0] as SyncDoc;
    const b = pool.splice((picks[i++] ?? 0) % pool.length, 1)[0] as SyncDoc;
    pool.push(mergeDocs(a, b));
  }
  return pool[0] as SyncDoc;
}

const replica = fc.constantFrom('ana', 'ben', 'cho');
/** Distinct stamps for distinct versions: one edit, one stamp. */
const stamps = (n: number) =>
  fc
    .uniqueArray(fc.tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 3 }), replica), {
      minLength: n,
      maxLength: n,
      selector: ([w, c, r]) => `${w}.${c}.${r}`,
    })
    .map((xs) => xs.map(([w, c, r]) => st(w, r, c)));

const contactVersions = fc.integer({ min: 1, max: 5 }).chain((n) =>
  fc.tuple(
    stamps(n * 4),
    fc.array(
      fc.dictionary(fc.constantFrom('firstName', 'phone', 'title', 'owner', 'deleted'), fc.jsonValue(), {
        maxKeys: 4,
      }),
      { minLength: n, maxLength: n },
    ),
  ),
);

const STATES = ['active', 'paused', 'booked', 'opted-out', 'completed', 'removed'] as const;
const doneTouch = fc.record(
  {
    step: fc.integer({ min: 1, max: 6 }),
    channel: fc.constantFrom('email', 'sms', 'call'),
    at: fc.integer({ min: 0, max: 100 }),
    skipped: fc.boolean(),
  },
  { requiredKeys: ['step', 'channel', 'at'] },
);
const enrolmentRow = fc.record(
  {
    state: fc.constantFrom(...STATES),
    pauseReason: fc.constantFrom('replied', 'manual'),
    stateChangedAt: fc.integer({ min: 0, max: 10 }),
    done: fc.array(doneTouch, { maxLength: 6 }),
    lastReplyAt: fc.integer({ min: 0, max: 100 }),
    lastTouchAt: fc.integer({ min: 0, max: 100 }),
    extraTouches: fc.array(
      fc.record({
        channel: fc.constantFrom('email'),
        purpose: fc.constantFrom('value', 'breakup'),
        at: fc.nat(50),
      }),
      { maxLength: 3 },
    ),
    extras: fc.array(
      fc.record(
        {
          key: fc.integer({ min: 1, max: 3 }),
          channel: fc.constantFrom('call', 'sms'),
          purpose: fc.constantFrom('call'),
          dueAt: fc.nat(9),
          deadlineAt: fc.nat(9),
          rule: fc.constantFrom('r1', 'r2'),
          doneAt: fc.nat(9),
        },
        { requiredKeys: ['key', 'channel', 'purpose', 'dueAt', 'deadlineAt', 'rule'] },
      ),
      { maxLength: 3 },
    ),
    followUp: fc.record(
      {
        channel: fc.constantFrom('email'),
        purpose: fc.constantFrom('re-engage'),
        dueAt: fc.nat(9),
        deadlineAt: fc.nat(9),
        doneAt: fc.nat(9),
      },
      { requiredKeys: ['channel', 'purpose', 'dueAt', 'deadlineAt'] },
    ),
  },
  { requiredKeys: ['state', 'stateChangedAt', 'done'] },
);

const enrolmentVersions = fc
  .integer({ min: 1, max: 5 })
  .chain((n) => fc.tuple(stamps(n), fc.array(enrolmentRow, { minLength: n, maxLength: n })))
  .map(([ts, rows]) => rows.map((r, i) => enrolment(r as Record<string, unknown>, ts[i] as string)));

const suppressionVersions = fc
  .integer({ min: 1, max: 5 })
  .chain((n) =>
    fc.tuple(
      stamps(n),
      fc.array(
        fc.record(
          {
            at: fc.nat(100),
            withdrawnAt: fc.nat(100),
            channels: fc.subarray(['email', 'sms', 'call', 'linkedin']),
          },
          { requiredKeys: ['at', 'channels'] },
        ),
        { minLength: n, maxLength: n },
      ),
    ),
  )
  .map(([ts, rows]) =>
    rows.map((r, i) => {
      const d = suppression(
        r.at,
        ts[i] as string,
        r.withdrawnAt === undefined ? {} : { withdrawnAt: r.withdrawnAt },
      );
      d.row.channels = r.channels;
      return d;
    }),
  );

const picks = fc.array(fc.nat(20), { minLength: 20, maxLength: 20 });

function sameEverywhere(versions: SyncDoc[], p1: number[], p2: number[]): void {
  const x = mergeRandomly(versions, p1);
  const y = mergeRandomly(versions, p2);
  expect(canonical(x)).toBe(canonical(y));
  // Idempotent: merging a version already folded in changes nothing.
  for (const v of versions) expect(canonical(mergeDocs(x, v))).toBe(canonical(x));
}

describe('convergence (fast-check): any order of the same changes, the same result', () => {
  it('contacts', () => {
    fc.assert(
      fc.property(contactVersions, picks, picks, ([ts, edits], p1, p2) => {
        let k = 0;
        const versions = edits.map((fields) =>
          contact(Object.fromEntries(Object.entries(fields).map(([f, v]) => [f, [v, ts[k++] as string]]))),
        );
        sameEverywhere(versions, p1, p2);
        // Every field takes the value of its latest edit, wherever that edit was made.
        const merged = mergeRandomly(versions, p1) as ContactDoc;
        for (const v of versions)
          for (const [f, sv] of Object.entries(v.fields))
            expect((merged.fields[f]?.t ?? '') >= sv.t).toBe(true);
      }),
    );
  });

  it('enrolments: and no done step is ever lost, an opt-out anywhere holds', () => {
    fc.assert(
      fc.property(enrolmentVersions, picks, picks, (versions, p1, p2) => {
        sameEverywhere(versions, p1, p2);
        const merged = mergeRandomly(versions, p1) as EnrolmentDoc;
        const steps = new Set((merged.row.done as { step: number }[]).map((d) => d.step));
        for (const v of versions)
          for (const d of v.row.done as { step: number }[]) expect(steps.has(d.step)).toBe(true);
        if (versions.some((v) => v.row.state === 'opted-out')) expect(merged.row.state).toBe('opted-out');
      }),
    );
  });

  it('suppressions: suppressed unless a withdrawal came after every opt-out', () => {
    fc.assert(
      fc.property(suppressionVersions, picks, picks, (versions, p1, p2) => {
        sameEverywhere(versions, p1, p2);
        const merged = mergeRandomly(versions, p1) as SuppressionDoc;
        const lastOptOut = Math.max(...versions.map((v) => v.at));
        const lastWithdrawal = Math.max(-1, ...versions.map((v) => v.withdrawnAt ?? -1));
        expect(isSuppressed(merged)).toBe(lastWithdrawal < lastOptOut);
      }),
    );
  });

  it('activities', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ deleted: fc.boolean(), note: fc.constantFrom('a', 'b') }), {
          minLength: 1,
          maxLength: 4,
        }),
        picks,
        picks,
        (vs, p1, p2) => {
          const versions: ActivityDoc[] = vs.map((v) => ({
            _id: 'activity:x',
            kind: 'activity',
            t: st(1),
            row: { kind: 'note', text: v.note },
            ...(v.deleted ? { deleted: true } : {}),
          }));
          sameEverywhere(versions, p1, p2);
          expect(!!(mergeRandomly(versions, p1) as ActivityDoc).deleted).toBe(vs.some((v) => v.deleted));
        },
      ),
    );
  });

  it('resolveVersions is a merge of all of them', () => {
    const a = contact({ phone: ['1', st(1)] });
    const b = contact({ phone: ['2', st(2, 'ben')] });
    const c = contact({ title: ['x', st(1, 'cho')] });
    expect(resolveVersions([{ ...a, _rev: '1-a', _conflicts: ['1-b'] }, b, c])).toEqual({
      _id: 'contact:c1',
      kind: 'contact',
      fields: { phone: { v: '2', t: st(2, 'ben') }, title: { v: 'x', t: st(1, 'cho') } },
    });
  });
});
