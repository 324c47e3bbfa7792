/**
 * What scoring a handful of contacts needs (the weekly review's new leads): the contacts and all
 * their enrolments, by primary key and the `contactId` index. The scores themselves are pure
 * (`lib/scoring`).
 */
import type { ContactRow, EnrolmentRow, TouchbaseDb } from './schema';

export async function loadLeadsForScoring(
  db: TouchbaseDb,
  contactIds: readonly number[],
): Promise<{ contacts: ContactRow[]; enrolments: EnrolmentRow[] }> {
  const ids = [...new Set(contactIds)];
  if (!ids.length) return { contacts: [], enrolments: [] };
  const [rows, enrolments] = await Promise.all([
    db.contacts.bulkGet(ids),
    db.enrolments.where('contactId').anyOf(ids).toArray(),
  ]);
  return { contacts: rows.filter((c) => c !== undefined), enrolments };
}
