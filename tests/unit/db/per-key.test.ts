import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ContactRow, TouchbaseDb } from '@/lib/db';
import { distinctById, rowsPerKey } from '@/lib/db/per-key';

let db: TouchbaseDb;
let n = 0;

beforeEach(async () => {
  db = new TouchbaseDb(`test-per-key-${n++}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const contact = (id: number, emailLower: string, externalIds: string[] = []) =>
  ({
    id,
    email: emailLower,
    emailLower,
    externalIds,
    firstName: `C${id}`,
    lastName: '',
    company: '',
    createdAt: 0,
    updatedAt: 0,
  }) as unknown as ContactRow;

describe('rowsPerKey', () => {
  it('answers one list per key, in the order of the keys, empty for a key no row holds', async () => {
    await db.contacts.bulkAdd([
      contact(1, 'a@x.test', ['crm:1', 'crm:shared']),
      contact(2, 'b@x.test', ['crm:shared']),
      contact(3, 'c@x.test'),
    ]);
    const lists = await rowsPerKey(db.contacts, 'externalIds', ['crm:shared', 'crm:none', 'crm:1']);
    expect(lists.map((l) => l.map((c) => c.id).sort())).toEqual([[1, 2], [], [1]]);
    expect(await rowsPerKey(db.contacts, 'emailLower', [])).toEqual([]);
  });
});

describe('distinctById', () => {
  it('keeps each id once, in the order first seen', () => {
    const [a, b, c] = [contact(1, 'a'), contact(2, 'b'), contact(3, 'c')];
    expect(distinctById([[b, a], [], [a, c, b]])).toEqual([b, a, c]);
    expect(distinctById([])).toEqual([]);
  });
});
