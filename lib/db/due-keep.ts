/**
 * Keeps the popup's stored counts and rows (lib/db/due-summary.ts) exact through a team sync's
 * apply, instead of dropping them. A page that moves leads into or out of this rep's own work (an
 * assignment, a take-over, a round-robin) or changes their sequences would otherwise drop them,
 * and a popup opened before the background counted again read every due row and its owner itself
 * (seconds at 20,000 due under load).
 *
 * The counts are a sum over contacts: each contact's planned touches up to the horizon, grouped,
 * when the lead is this rep's (their own or unowned). So the apply tells the keeper which contacts
 * it is about to change (`before`), before it writes their touches, sequences, owner or deletion;
 * the keeper reads what those contacts added to the counts then, reads it again once the page is
 * written (`finish`), and moves the stored counts by the difference, all inside the page's own
 * transaction. Everything is taken at the stored counts' own `at` and horizon, so the popup brings
 * them forward to its `now` as before. A page that changes more contacts than {@link KEEP_LIMIT}
 * (a new rep's first sync) drops them as before: the background counts once after the run.
 */
import { factsOf } from '@/lib/scoring';
import type { Transaction } from 'dexie';
import { DUE_COUNTS_KEY, markCountsWriter, POPUP_ROWS_KEY } from './due-counts-guard';
import {
  lastKey,
  parseRows,
  parseStored,
  type StoredDueCounts,
  type StoredPopupRows,
  tallyDue,
} from './due-summary';
import { laterTouches } from './horizon';
import { teamMeId } from './ownership';
import { rowsPerKey } from './per-key';
import { isOthersLead } from './queries';
import type { ContactRow, EnrolmentRow, TouchbaseDb, TouchRow } from './schema';

/**
 * Contacts a page, or a whole sync run, may change and still keep the counts (each costs three
 * reads, twice). Past it one recount after the run is cheaper: a new rep's first sync of a team of
 * 10,000 comes in pages of 170-500 contacts, and keeping the counts through every page read each
 * of the 10,000 contacts' rows three times (25 s of a 100 s first sync at load 8).
 */
export const KEEP_LIMIT = 1_000;

/** Contacts a sync run's keepers may still read before dropping the counts (one per run). */
export interface KeepBudget {
  left: number;
}

/** What one contact adds to the stored counts, at their `at` and horizon. */
interface Share {
  overdue: number;
  today: number;
  upcoming: number;
  /** Deadlines of its counted touches still to pass today. */
  deadlines: number[];
}

/** Told by the apply which contacts it is about to change; adjusts the stored counts at the end. */
export interface DueCountsKeeper {
  /**
   * Call before writing any of these contacts' touches, sequences, owner, or deleting them (ids
   * not stored yet are fine: they added nothing).
   */
  before(contactIds: Iterable<number>): Promise<void>;
  /** Contacts rewritten in ways the counts do not see (a name, an opt-out flag): rows refreshed. */
  rewritten(contactIds: Iterable<number>): void;
  /** Once the page is written, inside its transaction: stores the moved counts (or drops them). */
  finish(): Promise<void>;
}

/**
 * A keeper for this read-write transaction (which must cover contacts, enrolments, touches and
 * meta), or `undefined` when there are no counts to keep: none stored, taken with sync off or
 * for another rep, or already out of date (rows added since, which the popup would refuse). The
 * transaction then writes as before and the guard drops whatever is there.
 */
export async function keepDueCounts(
  db: TouchbaseDb,
  tx: Transaction,
  budget?: KeepBudget,
): Promise<DueCountsKeeper | undefined> {
  const [countsRow, rowsRow, me, touchKey, enrolmentKey, contactKey] = await Promise.all([
    db.meta.get(DUE_COUNTS_KEY),
    db.meta.get(POPUP_ROWS_KEY),
    teamMeId(db),
    lastKey(db, 'touches'),
    lastKey(db, 'enrolments'),
    db.contacts.orderBy(':id').lastKey() as Promise<number | undefined>,
  ]);
  const stored = parseStored(countsRow);
  if (!stored || !me || stored.me !== me) return undefined;
  if (stored.touchKey !== touchKey || stored.enrolmentKey !== enrolmentKey) return undefined;
  const rows = parseRows(rowsRow);
  // From here this transaction writes the counts itself: the guard no longer drops them.
  markCountsWriter(tx);
  return new Keeper(db, me, stored, rows?.at === stored.at ? rows : undefined, contactKey ?? 0, budget);
}

class Keeper implements DueCountsKeeper {
  /** Each changed contact's share before the page touched it. */
  private readonly shares = new Map<number, Share>();
  private readonly touched = new Set<number>();
  private over = false;

  constructor(
    private readonly db: TouchbaseDb,
    private readonly me: string,
    private readonly stored: StoredDueCounts,
    private readonly rows: StoredPopupRows | undefined,
    /** The highest contact id when the page began: any above it is new, and added nothing. */
    private readonly lastContact: number,
    private readonly budget?: KeepBudget,
  ) {}

  async before(contactIds: Iterable<number>): Promise<void> {
    if (this.over) return;
    const read: number[] = [];
    for (const id of new Set(contactIds)) {
      if (this.shares.has(id)) continue;
      if (id > this.lastContact) this.shares.set(id, emptyShare());
      else read.push(id);
    }
    const limit = Math.min(KEEP_LIMIT, this.budget?.left ?? KEEP_LIMIT);
    if (this.shares.size + read.length > limit) {
      this.over = true;
      return;
    }
    if (!read.length) return;
    const { shares } = await this.read(read);
    for (const [i, id] of read.entries()) this.shares.set(id, shares[i]!);
  }

  rewritten(contactIds: Iterable<number>): void {
    for (const id of contactIds) this.touched.add(id);
  }

  async finish(): Promise<void> {
    const drop = () => this.db.meta.bulkDelete([DUE_COUNTS_KEY, POPUP_ROWS_KEY]);
    if (this.over) return drop();
    const ids = [...this.shares.keys()];
    if (this.budget) this.budget.left -= ids.length;
    const rowIds = this.rows ? this.rows.rows.contacts.map((c) => c.id) : [];
    const inRows = new Set(rowIds);
    const refresh = [...new Set([...ids, ...this.touched])].filter((id) => inRows.has(id));
    const [after, extra, touchKey, enrolmentKey] = await Promise.all([
      this.read(ids),
      this.readRowsOf(refresh.filter((id) => !this.shares.has(id))),
      lastKey(this.db, 'touches'),
      lastKey(this.db, 'enrolments'),
    ]);
    const s = this.stored;
    const counts = { ...s.counts };
    const deadlines = [...s.deadlines];
    let nextEntering = Math.min(s.nextEntering, after.next);
    ids.forEach((id, i) => {
      const was = this.shares.get(id)!;
      const now = after.shares[i]!;
      counts.overdue += now.overdue - was.overdue;
      counts.today += now.today - was.today;
      counts.upcoming += now.upcoming - was.upcoming;
      // The list holds every deadline before `deadlinesUntil` (see `takeCounts`).
      for (const d of was.deadlines) {
        if (d >= s.deadlinesUntil) continue;
        const at = deadlines.indexOf(d);
        if (at < 0) nextEntering = Number.NaN;
        else deadlines.splice(at, 1);
      }
      for (const d of now.deadlines) if (d < s.deadlinesUntil) deadlines.push(d);
    });
    // Counts that would go wrong (a row written around Dexie meanwhile): dropped, counted again.
    if (Number.isNaN(nextEntering) || counts.overdue < 0 || counts.today < 0 || counts.upcoming < 0)
      return drop();
    deadlines.sort((a, b) => a - b);
    const kept: StoredDueCounts = { ...s, counts, deadlines, nextEntering, touchKey, enrolmentKey };
    const out = [{ key: DUE_COUNTS_KEY, value: JSON.stringify(kept) }];
    const rows = this.rows && this.keptRows(this.rows, new Map([...after.state, ...extra]));
    if (rows) out.push({ key: POPUP_ROWS_KEY, value: JSON.stringify(rows) });
    else await this.db.meta.delete(POPUP_ROWS_KEY);
    await this.db.meta.bulkPut(out);
  }

  /**
   * The stored popup rows with these contacts as they are now (gone ones left out), or
   * `undefined` when they cannot be kept: with no touch in the week, the row "next after this
   * week" may have moved.
   */
  private keptRows(
    kept: StoredPopupRows,
    now: Map<number, { contact: ContactRow | undefined; enrolments: EnrolmentRow[] }>,
  ): StoredPopupRows | undefined {
    if (!kept.rows.touches.length) return undefined;
    if (!now.size) return kept;
    const contacts: ContactRow[] = [];
    const facts: typeof kept.rows.facts = [];
    kept.rows.contacts.forEach((c, i) => {
      const fresh = now.get(c.id);
      if (!fresh) {
        contacts.push(c);
        facts.push(kept.rows.facts[i]!);
      } else if (fresh.contact) {
        contacts.push(fresh.contact);
        facts.push(factsOf(fresh.contact, fresh.enrolments));
      }
    });
    return { ...kept, rows: { ...kept.rows, contacts, facts } };
  }

  /** Contacts and their sequences, for the popup rows' copy of contacts the counts did not read. */
  private async readRowsOf(ids: number[]) {
    const [contacts, enrolments] = await Promise.all([
      this.db.contacts.bulkGet(ids),
      rowsPerKey(this.db.enrolments, 'contactId', ids),
    ]);
    return new Map(ids.map((id, i) => [id, { contact: contacts[i], enrolments: enrolments[i] ?? [] }]));
  }

  /**
   * What each of these contacts adds to the counts now, from the same rows the recount reads
   * (planned touches up to the horizon, stored and computed, of the rep's own or unowned leads),
   * and the first due time at or past the horizon among all their touches (anyone's lead, as the
   * recount takes it). One request per key, all asked at once.
   */
  private async read(ids: number[]) {
    const { db, me, stored: s } = this;
    const [state, touches] = await Promise.all([
      this.readRowsOf(ids),
      rowsPerKey(db.touches, 'contactId', ids),
    ]);
    let next = Number.POSITIVE_INFINITY;
    const shares = ids.map((id, i) => {
      const { contact, enrolments } = state.get(id)!;
      const planned: TouchRow[] = (touches[i] ?? []).filter((t) => t.state === 'planned');
      for (const e of enrolments) planned.push(...laterTouches(e));
      // `ownWork`'s rule: another rep's lead is theirs; unowned (or no row) counts for everyone.
      const mine = !isOthersLead(contact, me);
      const share = emptyShare();
      for (const t of planned) {
        if (t.dueAt >= s.horizon) {
          next = Math.min(next, t.dueAt);
          continue;
        }
        if (mine) tallyDue(t, s.at, s.endOfToday, s.horizon, share, share.deadlines);
      }
      return share;
    });
    return { shares, next, state };
  }
}

function emptyShare(): Share {
  return { overdue: 0, today: 0, upcoming: 0, deadlines: [] };
}
