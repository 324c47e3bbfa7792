import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILT_IN_PLAYBOOKS, type CadenceStep, getBuiltInPlaybook } from '@/lib/cadence';
import { enrolContact, findPlaybook, getSettings, RepoError, saveSettings, TouchbaseDb } from '@/lib/db';
import { deletePlaybook, playbookSlug, savePlaybook } from '@/lib/db/playbooks';

const NOW = Date.parse('2026-03-03T15:00:00Z');
let db: TouchbaseDb;
let n = 0;

beforeEach(async () => {
  db = new TouchbaseDb(`test-playbooks-${n++}`);
  await db.open();
  await saveSettings(db, { timeZone: 'America/New_York' });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

function copyOf(id: string) {
  const pb = getBuiltInPlaybook(id)!;
  return { name: `${pb.name} (copy)`, description: pb.description, steps: pb.steps };
}

describe('savePlaybook', () => {
  it('stores a copy of a built-in under a new custom id and finds it for enrolment', async () => {
    const { id, warnings } = await savePlaybook(db, copyOf('seven-touch-14-day'), NOW);
    expect(id).toBe('custom-7-touches-in-14-days-copy');
    expect(warnings).toEqual([]);
    const row = await db.playbooks.get(id);
    expect(row).toMatchObject({ name: '7 touches in 14 days (copy)', builtIn: false, updatedAt: NOW });
    expect(row?.steps).toHaveLength(7);
    expect((await findPlaybook(db, id))?.id).toBe(id);
    const res = await enrolContact(db, {
      contact: { email: 'ada@example.com', firstName: 'Ada' },
      playbookId: id,
      source: 'web-form',
      via: 'test',
      now: NOW,
    });
    expect((await db.enrolments.get(res.enrolmentId))?.playbookName).toBe('7 touches in 14 days (copy)');
  });

  it('returns warnings but saves (two texts on one day)', async () => {
    const steps: CadenceStep[] = [
      { channel: 'sms', day: 0, purpose: 'acknowledge' },
      { channel: 'sms', day: 0, purpose: 'question' },
    ];
    const { id, warnings } = await savePlaybook(db, { name: 'Two texts', steps }, NOW);
    expect(warnings.map((w) => w.code)).toEqual(['two-sms-one-day']);
    expect(await db.playbooks.get(id)).toBeDefined();
  });

  it('refuses errors from validatePlaybook and writes nothing', async () => {
    await expect(savePlaybook(db, { name: '  ', steps: [] }, NOW)).rejects.toThrow(RepoError);
    await expect(
      savePlaybook(
        db,
        {
          name: 'Backwards',
          steps: [
            { channel: 'email', day: 3, purpose: 'value' },
            { channel: 'email', day: 1, purpose: 'value' },
          ],
        },
        NOW,
      ),
    ).rejects.toThrow(/keep steps in day order/);
    await expect(
      savePlaybook(db, { name: 'Bad', steps: [{ channel: 'fax' as never, day: 0, purpose: 'value' }] }, NOW),
    ).rejects.toThrow(/unknown channel/);
    await expect(
      savePlaybook(
        db,
        { name: 'Bad minutes', steps: [{ channel: 'sms', day: 0, purpose: 'value', withinMinutes: -4 }] },
        NOW,
      ),
    ).rejects.toThrow(/positive/);
    expect(await db.playbooks.count()).toBe(0);
  });

  it('refuses to overwrite a built-in or reuse a name', async () => {
    await expect(
      savePlaybook(db, { id: 'seven-touch-14-day', ...copyOf('seven-touch-14-day') }, NOW),
    ).rejects.toThrow(/Built-in/);
    await expect(
      savePlaybook(db, { ...copyOf('ten-touchpoints'), name: '10 TOUCHPOINTS' }, NOW),
    ).rejects.toThrow(/already a playbook/);
    await savePlaybook(db, { ...copyOf('ten-touchpoints'), name: 'Mine' }, NOW);
    await expect(savePlaybook(db, { ...copyOf('ten-touchpoints'), name: 'mine' }, NOW)).rejects.toThrow(
      /already a playbook/,
    );
  });

  it('updates in place when given its id, and renaming keeps the id', async () => {
    const { id } = await savePlaybook(db, { ...copyOf('linkedin-14-day'), name: 'Mine' }, NOW);
    const steps = [
      ...copyOf('linkedin-14-day').steps,
      { channel: 'email', day: 20, purpose: 'breakup' } as const,
    ];
    await savePlaybook(db, { id, name: 'Mine, renamed', steps }, NOW + 1);
    const row = await db.playbooks.get(id);
    expect(row).toMatchObject({ name: 'Mine, renamed', updatedAt: NOW + 1 });
    expect(row?.steps).toHaveLength(7);
    expect(await db.playbooks.count()).toBe(1);
    await expect(savePlaybook(db, { id: 'custom-gone', name: 'X', steps }, NOW)).rejects.toThrow(
      /no longer exists/,
    );
  });

  it('keeps only the fields a step has and gives clashing slugs a suffix', async () => {
    const step = {
      channel: 'email',
      day: 1,
      purpose: 'value',
      note: '  hi  ',
      extra: 'x',
      withinMinutes: '30',
    };
    const { id } = await savePlaybook(db, { name: 'A!', steps: [step as unknown as CadenceStep] }, NOW);
    const { id: id2 } = await savePlaybook(db, { name: 'a?', steps: [step as unknown as CadenceStep] }, NOW);
    await expect(
      savePlaybook(db, { name: 'A!', steps: [step as unknown as CadenceStep] }, NOW),
    ).rejects.toThrow(/already/);
    expect(id).toBe('custom-a');
    expect(id2).toBe('custom-a-2');
    expect((await db.playbooks.get(id))?.steps[0]).toEqual({
      channel: 'email',
      day: 1,
      purpose: 'value',
      withinMinutes: 30,
      note: 'hi',
    });
  });

  it('slugs odd names safely', () => {
    expect(playbookSlug('Émile’s <script> plan')).toBe('custom-emile-s-script-plan');
    expect(playbookSlug('🔥🔥')).toBe('custom-playbook');
  });
});

describe('deletePlaybook', () => {
  it('deletes while enrolments run on their snapshot, and resets defaults that named it', async () => {
    const { id } = await savePlaybook(db, copyOf('seven-touch-14-day'), NOW);
    const settings = await getSettings(db);
    await saveSettings(db, {
      defaultPlaybookBySource: { ...settings.defaultPlaybookBySource, referral: id },
    });
    const { enrolmentId } = await enrolContact(db, {
      contact: { email: 'ada@example.com' },
      playbookId: id,
      source: 'web-form',
      via: 'test',
      now: NOW,
    });
    const res = await deletePlaybook(db, id);
    expect(res).toEqual({ runningEnrolments: 1, defaultsReset: ['referral'] });
    expect(await db.playbooks.get(id)).toBeUndefined();
    expect((await getSettings(db)).defaultPlaybookBySource.referral).toBe('seven-touch-14-day');
    const e = await db.enrolments.get(enrolmentId);
    expect(e?.state).toBe('active');
    expect(e?.steps).toHaveLength(7);
    expect(await db.touches.where('enrolmentId').equals(enrolmentId).count()).toBeGreaterThan(0);
  });

  it('refuses built-ins and ignores unknown ids', async () => {
    for (const pb of BUILT_IN_PLAYBOOKS) await expect(deletePlaybook(db, pb.id)).rejects.toThrow(RepoError);
    expect(await deletePlaybook(db, 'custom-nope')).toEqual({ runningEnrolments: 0, defaultsReset: [] });
  });
});

describe('hostile input from a message', () => {
  it('refuses malformed payloads with a RepoError', async () => {
    for (const bad of [
      null,
      {},
      { name: 'x' },
      { name: 'x', steps: 'no' },
      { id: 5, name: 'x', steps: [] },
    ]) {
      await expect(savePlaybook(db, bad as never, NOW)).rejects.toThrow(RepoError);
    }
    await expect(deletePlaybook(db, undefined as never)).rejects.toThrow(RepoError);
  });
});
