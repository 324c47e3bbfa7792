/**
 * The suppression list: who must never be enrolled again, whatever happens to their contact row.
 * Matching is by lower-cased email, digits-only phone, normalised LinkedIn URL or external id.
 */
import { WITHDRAW_OPT_OUT_HINT } from '@/lib/cadence/states';
import { isMsg, type Msg, msg } from '@/lib/i18n/msg';
import {
  type ContactRow,
  normaliseLinkedIn,
  normalisePhone,
  type SuppressionRow,
  type TouchbaseDb,
} from './schema';

/** What can identify a person: a contact row, an import draft, an enrol request. */
export interface PersonKeys {
  email?: string;
  phone?: string;
  linkedinUrl?: string;
  externalIds?: readonly string[];
}

/**
 * Every suppression in memory, for batches (imports, bulk enrols): the list is short next to the
 * contacts, so one read beats a lookup per row.
 */
export class SuppressionIndex {
  private readonly byEmail = new Map<string, SuppressionRow>();
  private readonly byPhone = new Map<string, SuppressionRow>();
  private readonly byLinkedIn = new Map<string, SuppressionRow>();
  private readonly byExternal = new Map<string, SuppressionRow>();

  constructor(rows: readonly SuppressionRow[]) {
    for (const r of rows) {
      if (r.emailLower) this.byEmail.set(r.emailLower, r);
      if (r.phone) this.byPhone.set(r.phone, r);
      if (r.linkedin) this.byLinkedIn.set(r.linkedin, r);
      for (const x of r.externalIds ?? []) this.byExternal.set(x, r);
    }
    this.size = rows.length;
  }

  readonly size: number;

  match(p: PersonKeys): SuppressionRow | undefined {
    const email = (p.email ?? '').trim().toLowerCase();
    const byEmail = email ? this.byEmail.get(email) : undefined;
    if (byEmail) return byEmail;
    const phone = normalisePhone(p.phone);
    if (phone && this.byPhone.has(phone)) return this.byPhone.get(phone);
    const linkedin = normaliseLinkedIn(p.linkedinUrl);
    if (linkedin && this.byLinkedIn.has(linkedin)) return this.byLinkedIn.get(linkedin);
    for (const x of p.externalIds ?? []) if (this.byExternal.has(x)) return this.byExternal.get(x);
    return undefined;
  }
}

export async function loadSuppressions(db: TouchbaseDb): Promise<SuppressionIndex> {
  return new SuppressionIndex(await db.suppressions.toArray());
}

/** Every suppression entry that matches the person (by email, phone, LinkedIn URL or external id). */
export async function suppressionsOf(db: TouchbaseDb, p: PersonKeys): Promise<SuppressionRow[]> {
  const found = new Map<string, SuppressionRow>();
  const add = (rows: SuppressionRow[]) => {
    for (const r of rows) found.set(r.key, r);
  };
  const email = (p.email ?? '').trim().toLowerCase();
  if (email) add(await db.suppressions.where('emailLower').equals(email).toArray());
  const phone = normalisePhone(p.phone);
  if (phone) add(await db.suppressions.where('phone').equals(phone).toArray());
  const linkedin = normaliseLinkedIn(p.linkedinUrl);
  if (linkedin) add(await db.suppressions.where('linkedin').equals(linkedin).toArray());
  if (p.externalIds?.length)
    add(
      await db.suppressions
        .where('externalIds')
        .anyOf([...p.externalIds])
        .toArray(),
    );
  return [...found.values()];
}

/** The refusal a rep reads when enrolling someone who opted out. */
export function suppressedMessage(s: SuppressionRow, email: string | undefined = s.emailLower): Msg {
  const day = new Date(s.at).toISOString().slice(0, 10);
  const who = email || msg('err_this_person');
  return s.reason
    ? msg('err_suppressed_reason', {
        who,
        day,
        reason: isMsg(s.reasonMsg) ? s.reasonMsg : s.reason,
        hint: WITHDRAW_OPT_OUT_HINT,
      })
    : msg('err_suppressed', { who, day, hint: WITHDRAW_OPT_OUT_HINT });
}

/** True when the contact row itself carries an opt-out on any channel. */
export function contactOptedOut(c: Pick<ContactRow, 'optOut'>): boolean {
  return Object.values(c.optOut ?? {}).some(Boolean);
}
