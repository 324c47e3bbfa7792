import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isValidEmail as csvCheck, mapRows, parseCsvText, suggestMapping } from '@/lib/csv/import';
import { RepoError, saveSettings, TouchbaseDb, upsertContact } from '@/lib/db';
import { isValidEmail, normaliseEmail } from '@/lib/email';

const CASES: [string, boolean][] = [
  ['ada@example.com', true],
  ['Ada.Lovelace+crm@Example.co.uk', true],
  ['josé@exämple.com', true],
  ['a@b.c', false],
  ['ann@example.c0m', false],
  ['.ann@example.com', false],
  ['ann..lee@example.com', false],
  ['ann@-example.com', false],
  ['ann@example', false],
  ['ann example@example.com', false],
  ['"ann"@example.com', false],
  [`${'a'.repeat(250)}@example.com`, false],
];

let db: TouchbaseDb;
let n = 0;
beforeEach(async () => {
  db = new TouchbaseDb(`test-email-${n++}`);
  await db.open();
  await saveSettings(db, { timeZone: 'UTC' });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('one e-mail rule for the importer and the database', () => {
  it.each(CASES)('%s -> %s, the same for both', async (email, valid) => {
    expect(isValidEmail(email)).toBe(valid);
    expect(csvCheck(email)).toBe(valid);
    const parsed = parseCsvText(`Email,First Name\n${email.includes(',') ? `"${email}"` : email},Ann\n`);
    const { drafts } = mapRows(parsed, suggestMapping(parsed.headers));
    expect(drafts.length).toBe(valid ? 1 : 0);
    const stored = upsertContact(db, { email, firstName: 'Ann' }, 0);
    if (valid) await expect(stored).resolves.toMatchObject({ emailLower: normaliseEmail(email) });
    else await expect(stored).rejects.toBeInstanceOf(RepoError);
  });

  it('normalises the way contacts are keyed', () => {
    expect(normaliseEmail('  Ann Lee <Ann@Example.COM> ')).toBe('ann@example.com');
    expect(normaliseEmail('mailto:Ann@Example.com?subject=hi')).toBe('ann@example.com');
  });
});
