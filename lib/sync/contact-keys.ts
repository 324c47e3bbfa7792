/**
 * Which stored contacts hold an email or an external id, kept in memory for one sync run, so the
 * apply finds the contacts a page may land on without asking IndexedDB once per key.
 *
 * Why: a new rep's first sync of a team of 10,000 brings 10,000 contact documents, and the apply
 * looked each one's email and external ids up in the indexes (about 20,000 index reads, 9.4 s of
 * a 62 s sync on a quiet machine), almost all of them answered "none".
 *
 * The index answers only while it knows every contact the database holds:
 * - it starts from the table as the run's first page finds it, and only when the table is small
 *   (a new rep has none), else the run reads as before;
 * - the apply tells it each contact it writes or deletes, and it takes them in only once their
 *   page's transaction committed (a page that fails turns it off);
 * - any other write to contacts while the run goes on (the rep importing meanwhile, another tab)
 *   leaves an outbox entry in its own transaction while sync is on (lib/db/outbox.ts), and the
 *   push that would remove entries runs before the pull, under the run's lock. So each page
 *   compares the contacts' outbox entries (ids and write tokens) with what it saw before, and
 *   sync still being on since the same moment (turned off, writes are not recorded; turned on
 *   again, it is seeded anew): any difference turns the index off for the rest of the run.
 * Off, every lookup goes to IndexedDB as it did before; a key the index answers is always
 * confirmed by reading the rows it names by primary key.
 */
import { SYNC_ON_KEY, SYNC_SEEDED_KEY, type TouchbaseDb } from '@/lib/db';

/** Up to this many stored contacts are read into the index at the run's first page. */
export const CONTACT_KEYS_LOAD_LIMIT = 1_000;
/** More pending contact entries than this in the outbox: not worth comparing page after page. */
const MAX_PENDING = 1_000;

interface Keys {
  email?: string;
  ext: string[];
}

/** The keys a stored contact row is found by: its `emailLower` and its `externalIds` entries. */
function keysOf(row: { emailLower?: unknown; externalIds?: unknown }): Keys {
  const email = typeof row.emailLower === 'string' && row.emailLower ? row.emailLower : undefined;
  const ext = Array.isArray(row.externalIds)
    ? [...new Set(row.externalIds.filter((x): x is string => typeof x === 'string'))]
    : [];
  return email === undefined ? { ext } : { email, ext };
}

export class ContactKeys {
  private state: 'unknown' | 'on' | 'off' = 'unknown';
  private readonly byEmail = new Map<string, Set<number>>();
  private readonly byExt = new Map<string, Set<number>>();
  private readonly keys = new Map<number, Keys>();
  /** The contacts' outbox entries (`id n`) as the last page saw them. */
  private seen = '';
  /** Writes of the page going on, taken in once it commits. */
  private staged: [number, Keys | undefined][] = [];

  /**
   * Whether the index answers for this page: call inside the page's read-write transaction
   * (which holds `contacts`, `outbox` and `meta`), before its first contact read.
   */
  async ready(db: TouchbaseDb): Promise<boolean> {
    if (this.state === 'off') return false;
    const [on, seeded, pending] = await Promise.all([
      db.meta.get(SYNC_ON_KEY),
      db.meta.get(SYNC_SEEDED_KEY),
      db.outbox.where('id').between('contacts:', 'contacts;').toArray(),
    ]);
    // Sync turned off meanwhile (writes no longer recorded), or off and on again (a new seed).
    const seen =
      on?.value && pending.length <= MAX_PENDING
        ? [String(seeded?.value), ...pending.map((e) => `${e.id} ${e.n}`)].join('\n')
        : undefined;
    if (seen === undefined) return this.off();
    if (this.state === 'on') return seen === this.seen || this.off();
    if ((await db.contacts.count()) > CONTACT_KEYS_LOAD_LIMIT) return this.off();
    for (const row of await db.contacts.toArray()) this.put(row.id, keysOf(row));
    this.seen = seen;
    this.state = 'on';
    return true;
  }

  /** The ids of the stored contacts holding any of these emails or external ids. */
  find(emails: readonly string[], externalIds: readonly string[]): number[] {
    const out = new Set<number>();
    for (const e of emails) for (const id of this.byEmail.get(e) ?? []) out.add(id);
    for (const x of externalIds) for (const id of this.byExt.get(x) ?? []) out.add(id);
    return [...out];
  }

  /** The apply wrote this contact row (`undefined`: deleted it) in the page going on. */
  wrote(id: number, row: { emailLower?: unknown; externalIds?: unknown } | undefined): void {
    if (this.state === 'on') this.staged.push([id, row && keysOf(row)]);
  }

  /** The page committed: its writes are what the table holds now. */
  committed(): void {
    for (const [id, keys] of this.staged.splice(0)) {
      this.drop(id);
      if (keys) this.put(id, keys);
    }
  }

  /** The page failed: what it wrote is unknown, so the index no longer answers this run. */
  failed(): void {
    this.staged = [];
    this.off();
  }

  get answering(): boolean {
    return this.state === 'on';
  }

  /** Off for the rest of the run: lookups go to IndexedDB. */
  get dropped(): boolean {
    return this.state === 'off';
  }

  private off(): false {
    this.state = 'off';
    this.byEmail.clear();
    this.byExt.clear();
    this.keys.clear();
    this.staged = [];
    return false;
  }

  private put(id: number, keys: Keys): void {
    this.keys.set(id, keys);
    const add = (m: Map<string, Set<number>>, k: string) => {
      const ids = m.get(k);
      if (ids) ids.add(id);
      else m.set(k, new Set([id]));
    };
    if (keys.email !== undefined) add(this.byEmail, keys.email);
    for (const x of keys.ext) add(this.byExt, x);
  }

  private drop(id: number): void {
    const keys = this.keys.get(id);
    if (!keys) return;
    this.keys.delete(id);
    const remove = (m: Map<string, Set<number>>, k: string) => {
      const ids = m.get(k);
      ids?.delete(id);
      if (ids && !ids.size) m.delete(k);
    };
    if (keys.email !== undefined) remove(this.byEmail, keys.email);
    for (const x of keys.ext) remove(this.byExt, x);
  }
}
