import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  completeTouch,
  enrolContact,
  enrolmentAction,
  logCallOutcome,
  logReply,
  nextTouchFor,
  optOutContact,
  recordUndo,
  saveSettings,
  skipTouch,
  snoozeTouch,
  TouchbaseDb,
  UNDO_WINDOW_MS,
  undo,
  withdrawOptOut,
} from '@/lib/db';
import { bulkContacts } from '@/lib/db/contacts';
import { applyChoice, resetI18n } from '@/lib/i18n';
import { errorText, msg, renderMsg } from '@/lib/i18n/message';

const T0 = Date.parse('2026-03-03T15:00:00Z');
let db: TouchbaseDb;
let n = 0;

beforeEach(async () => {
  db = new TouchbaseDb(`test-undo-${n++}`);
  await db.open();
  await saveSettings(db, { timeZone: 'America/New_York' });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

/** Every row of every table but the undo journal itself. */
async function snapshot(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) if (t.name !== 'undo') out[t.name] = await t.toArray();
  return out;
}

async function enrol(email: string, playbookId = 'seven-touch-14-day') {
  return enrolContact(db, {
    contact: { email, firstName: email.split('@')[0], phone: '+15550100000' },
    playbookId,
    source: 'web-form',
    via: 'test',
    now: T0,
  });
}

/** Runs the action as the background does, undoes it, and checks nothing is left of it. */
async function roundTrip(label: string, action: () => Promise<unknown>) {
  const before = await snapshot();
  const { undo: ticket } = await recordUndo(db, { label, via: 'test', now: T0 + 60_000 }, action);
  expect(ticket, label).toBeDefined();
  expect(await snapshot(), `${label} changed something`).not.toEqual(before);
  await expect(undo(db, ticket!.id, T0 + 61_000)).resolves.toEqual({ label });
  expect(await snapshot(), label).toEqual(before);
  expect(await db.undo.count()).toBe(0);
}

describe('undo restores exactly what the action changed', () => {
  it('done, skip, snooze, call outcome, reply', async () => {
    const { contactId } = await enrol('ada@x.com');
    const first = (await nextTouchFor(db, contactId))!;
    await roundTrip('done', () => completeTouch(db, first.id, { now: T0 + 60_000, via: 't', text: 'Hi' }));
    await roundTrip('skip', () => skipTouch(db, first.id, { now: T0 + 60_000, via: 't' }));
    await roundTrip('snooze', () => snoozeTouch(db, first.id, 60, { now: T0 + 60_000, via: 't' }));
    await roundTrip('reply', () => logReply(db, contactId, { now: T0 + 60_000, via: 't' }));
    // Reach the call step, then log its outcome (answered also stops the sequence).
    await completeTouch(db, first.id, { now: T0 + 60_000, via: 't' });
    await completeTouch(db, (await nextTouchFor(db, contactId))!.id, { now: T0 + 60_000, via: 't' });
    const call = (await nextTouchFor(db, contactId))!;
    expect(call.channel).toBe('call');
    await roundTrip('answered', () =>
      logCallOutcome(db, call.id, 'answered', { now: T0 + 60_000, via: 't' }),
    );
  });

  it('opt-out (suppression entry included), withdraw, remove, pause, booked', async () => {
    const { contactId, enrolmentId } = await enrol('ada@x.com');
    await roundTrip('opt-out', () =>
      optOutContact(db, contactId, { now: T0 + 60_000, via: 't', reason: 'r' }),
    );
    for (const kind of ['remove', 'pause', 'booked'] as const) {
      await roundTrip(kind, () => enrolmentAction(db, enrolmentId, { kind }, { now: T0 + 60_000, via: 't' }));
    }
    await optOutContact(db, contactId, { now: T0, via: 't' });
    await roundTrip('withdraw', () =>
      withdrawOptOut(db, contactId, { now: T0 + 60_000, via: 't', reason: 'back' }),
    );
  });

  it('bulk pause, stop, opt-out, enrol and delete', async () => {
    const ids: number[] = [];
    for (const e of ['a@x.com', 'b@x.com', 'c@x.com']) ids.push((await enrol(e)).contactId);
    const opts = { now: T0 + 60_000, via: 'dashboard' };
    for (const kind of ['pause', 'remove', 'opt-out', 'delete'] as const) {
      await roundTrip(`bulk ${kind}`, () => bulkContacts(db, ids, { kind }, opts));
    }
    await bulkContacts(db, ids, { kind: 'remove' }, opts);
    await roundTrip('bulk enrol', () =>
      bulkContacts(db, ids, { kind: 'enrol', playbookId: 'speed-to-lead-90', source: 'web-form' }, opts),
    );
  });

  it('bulk actions on many contacts (neighbouring rows deleted by key range), and on every other one', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 40; i++) ids.push((await enrol(`p${i}@x.com`, 'speed-to-lead-90')).contactId);
    const opts = { now: T0 + 60_000, via: 'dashboard' };
    const every = ids.filter((_, i) => i % 2 === 0);
    for (const selection of [ids, every]) {
      for (const kind of ['pause', 'remove', 'delete'] as const) {
        await roundTrip(`bulk ${kind} of ${selection.length}`, () =>
          bulkContacts(db, selection, { kind }, opts),
        );
      }
    }
    // Resume writes new touches, then pause, stop and delete take rows written by two actions.
    await bulkContacts(db, ids, { kind: 'pause' }, opts);
    await roundTrip('bulk resume', () => bulkContacts(db, ids, { kind: 'resume' }, opts));
    await bulkContacts(db, ids, { kind: 'resume' }, opts);
    for (const kind of ['pause', 'remove', 'delete'] as const) {
      await roundTrip(`bulk ${kind} after resume`, () => bulkContacts(db, ids, { kind }, opts));
    }
    await bulkContacts(db, every, { kind: 'delete' }, opts);
    expect(await db.contacts.count()).toBe(20);
    expect(await db.activities.where('contactId').anyOf(every).count()).toBe(0);
  });
});

describe('undo entries', () => {
  it('are written with the action, all or nothing: a failing action leaves no entry and no change', async () => {
    const { contactId } = await enrol('ada@x.com');
    const before = await snapshot();
    await expect(
      recordUndo(db, { label: 'x', via: 't', now: T0 }, async () => {
        await optOutContact(db, contactId, { now: T0, via: 't' });
        throw new Error('worker stopped');
      }),
    ).rejects.toThrow('worker stopped');
    expect(await snapshot()).toEqual(before);
    expect(await db.undo.count()).toBe(0);
  });

  it('expire, and an expired undo changes nothing', async () => {
    const { contactId } = await enrol('ada@x.com');
    const t = (await nextTouchFor(db, contactId))!;
    const { undo: ticket } = await recordUndo(db, { label: 'done', via: 't', now: T0 }, () =>
      completeTouch(db, t.id, { now: T0, via: 't' }),
    );
    const after = await snapshot();
    await expect(undo(db, ticket!.id, T0 + UNDO_WINDOW_MS + 1)).rejects.toThrow(/Too late/);
    expect(await snapshot()).toEqual(after);
    // The next recorded action sweeps it.
    const next = (await nextTouchFor(db, contactId))!;
    await recordUndo(db, { label: 'note', via: 't', now: T0 + UNDO_WINDOW_MS + 2 }, () =>
      skipTouch(db, next.id, { now: T0, via: 't' }),
    );
    expect((await db.undo.toArray()).map((u) => u.label)).toEqual(['note']);
  });

  it('refuse to undo over a later change to the same rows, and change nothing', async () => {
    const { contactId } = await enrol('ada@x.com');
    const t = (await nextTouchFor(db, contactId))!;
    const { undo: ticket } = await recordUndo(db, { label: 'done', via: 't', now: T0 }, () =>
      completeTouch(db, t.id, { now: T0, via: 't' }),
    );
    await skipTouch(db, (await nextTouchFor(db, contactId))!.id, { now: T0 + 1, via: 'gmail' });
    const after = await snapshot();
    await expect(undo(db, ticket!.id, T0 + 2)).rejects.toThrow(/changed again since/);
    expect(await snapshot()).toEqual(after);
  });

  it('keep the label as a message, read in the language it is shown in; old text reads as written', async () => {
    const { contactId } = await enrol('ada@x.com');
    const t = (await nextTouchFor(db, contactId))!;
    const label = msg('undo_marked_done');
    const { undo: ticket } = await recordUndo(db, { label, via: 't', now: T0 }, () =>
      completeTouch(db, t.id, { now: T0, via: 't' }),
    );
    expect((await db.undo.get(ticket!.id))?.label).toEqual({ key: 'undo_marked_done' });
    await skipTouch(db, (await nextTouchFor(db, contactId))!.id, { now: T0 + 1, via: 'gmail' });
    const refusal = await undo(db, ticket!.id, T0 + 2).catch((e: unknown) => e);
    await applyChoice('es');
    try {
      expect(errorText(refusal)).toBe(
        'No se puede deshacer «Marcado como hecho»: ha vuelto a cambiar desde entonces. No se deshizo nada.',
      );
      // An entry an older version wrote holds English text: shown as it is.
      expect(renderMsg(msg('err_undo_changed', { label: 'Marked done' }))).toMatch(
        /^No se puede deshacer «Marked done»/,
      );
    } finally {
      resetI18n();
    }
  });

  it('keep only the changed fields of a modified row; entries that kept whole rows still undo', async () => {
    const { enrolmentId } = await enrol('ada@x.com');
    const before = await snapshot();
    const pause = () => enrolmentAction(db, enrolmentId, { kind: 'pause' }, { now: T0 + 60_000, via: 't' });
    const { undo: ticket } = await recordUndo(db, { label: 'pause', via: 't', now: T0 + 60_000 }, pause);
    const entry = (await db.undo.get(ticket!.id))!;
    const enrolments = entry.changes.find((c) => c.table === 'enrolments')!;
    expect(enrolments.before).toEqual([]);
    const [key, set] = enrolments.patched![0]!;
    expect(key).toBe(enrolmentId);
    expect(Object.keys(set)).not.toContain('steps');
    // As an entry written before patches: the whole row before.
    enrolments.before = before.enrolments!;
    delete enrolments.patched;
    await db.undo.put(entry);
    await undo(db, ticket!.id, T0 + 61_000);
    expect(await snapshot()).toEqual(before);
  });

  it('a no-op action records nothing', async () => {
    const res = await recordUndo(db, { label: 'none', via: 't', now: T0 }, async () => 1);
    expect(res).toEqual({ result: 1 });
    expect(await db.undo.count()).toBe(0);
  });
});

describe('the undo window', () => {
  it('counts from the end of a long action, so the rep still gets the whole window', async () => {
    const { contactId } = await enrol('ada@x.com');
    const t = (await nextTouchFor(db, contactId))!;
    // The action started at T0 and took 30 seconds.
    const { undo: ticket } = await recordUndo(
      db,
      { label: 'done', via: 't', now: T0, clock: () => T0 + 30_000 },
      () => completeTouch(db, t.id, { now: T0, via: 't' }),
    );
    expect(ticket?.expiresAt).toBe(T0 + 30_000 + 20_000);
    await expect(undo(db, ticket!.id, T0 + 45_000)).resolves.toEqual({ label: 'done' });
  });
});
