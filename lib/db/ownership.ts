/**
 * Lead ownership on a team (team sync on): every contact belongs to the rep who brought it in,
 * and another rep takes it over deliberately, logged, before enrolling it. With sync off there is
 * no "me" and nothing here applies.
 */
import { type Msg, msg, storedMsg } from '@/lib/i18n/msg';
import { SYNC_ON_KEY } from './outbox';
import { RepoError, writeTables } from './repo';
import type { ActivityRow, ContactOwner, ContactRow, TouchbaseDb } from './schema';

/** `meta` key holding this rep as the team knows them (`{id, name}` as JSON), set at connect. */
export const SYNC_ME_KEY = 'sync.me';

export interface TeamMe {
  id: string;
  name: string;
}

/** This rep on the team, or `undefined` while team sync has never been set up. */
export async function syncMe(db: TouchbaseDb): Promise<TeamMe | undefined> {
  const row = await db.meta.get(SYNC_ME_KEY);
  if (typeof row?.value !== 'string') return undefined;
  try {
    const v = JSON.parse(row.value) as Partial<TeamMe>;
    return typeof v.id === 'string' && typeof v.name === 'string' ? { id: v.id, name: v.name } : undefined;
  } catch {
    return undefined;
  }
}

/** This rep's id while team sync is on, else `undefined` (ownership then changes nothing). */
export async function teamMeId(db: TouchbaseDb): Promise<string | undefined> {
  const [on, me] = await Promise.all([db.meta.get(SYNC_ON_KEY), syncMe(db)]);
  return on?.value ? me?.id : undefined;
}

/** Records who this rep is and makes them the owner of every contact that has none yet. */
export async function claimUnowned(db: TouchbaseDb, me: TeamMe, now: number): Promise<number> {
  return db.transaction('rw', db.contacts, db.meta, async () => {
    await db.meta.put({ key: SYNC_ME_KEY, value: JSON.stringify(me) });
    const owner: ContactOwner = { id: me.id, name: me.name, since: now };
    return db.contacts.filter((c) => !c.owner).modify({ owner });
  });
}

/** Someone else's lead: the refusal a rep reads, naming the way out. */
export function notMine(contact: Pick<ContactRow, 'owner'>, me: TeamMe | undefined): Msg | undefined {
  if (!me || !contact.owner || contact.owner.id === me.id) return undefined;
  return msg('err_not_your_lead', { owner: contact.owner.name });
}

/**
 * Refuses a rep's action on a touch of another rep's lead (team sync on): marking it done,
 * logging a call, texting, skipping or snoozing it, inserting its draft. Replies and opt-outs are
 * not refused: they are news from the contact, and they pause or stop it for everyone.
 */
export async function refuseTheirs(db: TouchbaseDb, contactId: number | undefined): Promise<void> {
  const message = await theirsMessage(db, contactId);
  if (message) throw new RepoError(message);
}

/** Why this rep may not work the contact (another rep's lead, sync on), or `undefined`. */
export async function theirsMessage(
  db: TouchbaseDb,
  contactId: number | undefined,
): Promise<Msg | undefined> {
  if (contactId === undefined) return undefined;
  const meId = await teamMeId(db);
  if (!meId) return undefined;
  const c = await db.contacts.get(contactId);
  return c ? notMine(c, { id: meId, name: '' }) : undefined;
}

/**
 * Whether a draft may go into the page's compose: its token names a touch or a contact, and
 * another rep's lead is refused (the message says why). One-off drafts carry no token.
 */
export async function insertRefusal(
  db: TouchbaseDb,
  target: { kind: 'touch'; touchId: number } | { kind: 'quick'; contactId: number } | undefined,
): Promise<Msg | undefined> {
  if (!target) return undefined;
  const contactId =
    target.kind === 'touch' ? (await db.touches.get(target.touchId))?.contactId : target.contactId;
  return theirsMessage(db, contactId);
}

/** This rep takes the contact over: owner changed and logged in the history the team shares. */
export async function takeOver(
  db: TouchbaseDb,
  contactId: number,
  opts: { now: number; via: string },
): Promise<ContactRow> {
  return db.transaction('rw', [...writeTables(db), db.meta], async () => {
    const me = await syncMe(db);
    if (!me) throw new RepoError(msg('err_take_over_sync_off'));
    const c = await db.contacts.get(contactId);
    if (!c) throw new RepoError(msg('err_contact_gone'));
    if (c.owner?.id === me.id) return c;
    const owner: ContactOwner = { id: me.id, name: me.name, since: opts.now };
    await db.contacts.update(contactId, { owner, updatedAt: opts.now });
    await db.activities.add({
      kind: 'note',
      at: opts.now,
      contactId,
      ...storedMsg(
        c.owner
          ? msg('activity_took_over', { name: me.name, previous: c.owner.name })
          : msg('activity_took_lead', { name: me.name }),
      ),
      source: opts.via,
    } as ActivityRow);
    return { ...c, owner, updatedAt: opts.now };
  });
}
