/**
 * The write half of a CSV import: drafts already parsed and mapped in the page land here, in the
 * background, as ONE transaction. A failure anywhere (a bad row slipping through, a quota error,
 * an enrolment the planner refuses to build) rolls back every contact and enrolment of the run.
 */
import {
  CHANNELS,
  enrol as engineEnrol,
  isLeadSource,
  isValidTimeZone,
  type LeadSource,
} from '@/lib/cadence';
import { type ContactDraft, planDedupe } from '@/lib/csv/import';
import { enrolContact, findPlaybook, isPlausibleEmail, normaliseEmail, RepoError } from './repo';
import type { ContactRow, EnrolmentRow, TouchbaseDb } from './schema';
import { getSettings } from './settings';

/** What the import screen sends to the background. */
export interface ImportRequest {
  drafts: ContactDraft[];
  /** Contacts already stored (same email, any case): leave them, or overwrite their fields. */
  mode: 'skip' | 'update';
  /** Enrol every created or updated contact in this playbook. */
  enrol?: { playbookId: string; source: LeadSource };
  via: string;
  now: number;
}

/** The summary shown after an import. */
export interface ImportSummary {
  created: number;
  updated: number;
  skipped: number;
  enrolled: number;
  /** Imported but not enrolled (already in a running sequence, opted out). */
  notEnrolled: number;
}

const TEXT_FIELDS = ['firstName', 'lastName', 'company', 'title', 'phone'] as const;

/**
 * Creates and updates contacts from import drafts and optionally enrols them, all or nothing.
 * Refuses up front (nothing written) when a draft has no valid email or the playbook is unknown.
 */
export async function importContacts(db: TouchbaseDb, req: ImportRequest): Promise<ImportSummary> {
  if (!Array.isArray(req.drafts)) throw new RepoError('Nothing to import.');
  if (req.mode !== 'skip' && req.mode !== 'update')
    throw new RepoError(`Unknown import mode "${String(req.mode)}".`);
  req.drafts.forEach((d, i) => {
    if (typeof d?.email !== 'string' || !isPlausibleEmail(d.email)) {
      throw new RepoError(`Contact ${i + 1} of the import has no valid email address; nothing was imported.`);
    }
  });
  if (req.enrol && !isLeadSource(req.enrol.source))
    throw new RepoError(`Unknown lead source "${String(req.enrol.source)}".`);

  return db.transaction(
    'rw',
    [db.contacts, db.enrolments, db.touches, db.activities, db.playbooks, db.settings],
    async () => {
      const playbook = req.enrol ? await findPlaybook(db, req.enrol.playbookId) : undefined;
      if (req.enrol && !playbook) throw new RepoError(`There is no playbook "${req.enrol.playbookId}".`);
      const settings = await getSettings(db);

      const keys = req.drafts.map((d) => normaliseEmail(d.email));
      const existingRows = await db.contacts.where('emailLower').anyOf(keys).toArray();
      const existingByEmail = new Map(existingRows.map((c) => [c.emailLower, c]));
      const plan = planDedupe(req.drafts, new Set(existingByEmail.keys()), req.mode);

      const fallbackSource = req.enrol?.source ?? settings.defaultSource;
      const newRows: Omit<ContactRow, 'id'>[] = plan.toCreate.map((d) => {
        const row: Omit<ContactRow, 'id'> = {
          email: d.email.trim(),
          emailLower: normaliseEmail(d.email),
          firstName: d.firstName ?? '',
          lastName: d.lastName ?? '',
          company: d.company ?? '',
          phone: d.phone ?? '',
          title: d.title ?? '',
          timeZone: d.timeZone && isValidTimeZone(d.timeZone) ? d.timeZone : settings.timeZone,
          leadSource: d.leadSource && isLeadSource(d.leadSource) ? d.leadSource : fallbackSource,
          notes: d.notes ?? '',
          optOut: {},
          custom: { ...(d.custom ?? {}) },
          createdAt: req.now,
          updatedAt: req.now,
        };
        if (d.linkedinUrl) row.linkedinUrl = d.linkedinUrl;
        return row;
      });
      const createdIds = (await db.contacts.bulkAdd(newRows as ContactRow[], { allKeys: true })) as number[];

      const updatedIds: number[] = [];
      for (const d of plan.toUpdate) {
        const cur = existingByEmail.get(normaliseEmail(d.email));
        if (!cur) continue;
        // Import values win over stored ones, but an empty cell never erases what the rep has.
        const patch: Partial<ContactRow> = {
          updatedAt: req.now,
          custom: { ...cur.custom, ...(d.custom ?? {}) },
        };
        for (const k of TEXT_FIELDS) if (d[k]) patch[k] = d[k];
        if (d.linkedinUrl) patch.linkedinUrl = d.linkedinUrl;
        if (d.timeZone && isValidTimeZone(d.timeZone)) patch.timeZone = d.timeZone;
        if (d.leadSource && isLeadSource(d.leadSource)) patch.leadSource = d.leadSource;
        if (d.notes) patch.notes = cur.notes ? `${cur.notes}\n\n${d.notes}` : d.notes;
        await db.contacts.update(cur.id, patch);
        updatedIds.push(cur.id);
      }

      let enrolled = 0;
      let notEnrolled = 0;
      if (req.enrol && playbook) {
        const source = req.enrol.source;
        // Refusals are found before writing, since a refusal thrown inside would abort the run.
        const running = new Map<number, EnrolmentRow[]>();
        if (updatedIds.length) {
          for (const e of await db.enrolments.where('contactId').anyOf(updatedIds).toArray()) {
            running.set(e.contactId, [...(running.get(e.contactId) ?? []), e]);
          }
        }
        const targets = [
          ...newRows.map((r) => r.email),
          ...plan.toUpdate.map((d) => existingByEmail.get(normaliseEmail(d.email))?.email ?? d.email),
        ];
        const idsByIndex = [...createdIds, ...updatedIds];
        for (let i = 0; i < targets.length; i++) {
          const id = idsByIndex[i];
          if (id === undefined) continue;
          const cur = i < createdIds.length ? undefined : existingByEmail.get(normaliseEmail(targets[i]!));
          const check = engineEnrol(
            {
              contactId: id,
              playbook,
              source,
              timeZone: settings.timeZone,
              contactOptedOut: cur ? CHANNELS.some((c) => cur.optOut[c]) : false,
              existing: running.get(id) ?? [],
            },
            req.now,
          );
          if (!check.ok) {
            notEnrolled++;
            continue;
          }
          await enrolContact(db, {
            contact: { email: targets[i]! },
            playbookId: playbook.id,
            source,
            via: req.via,
            now: req.now,
          });
          enrolled++;
        }
      }
      return {
        created: createdIds.length,
        updated: updatedIds.length,
        skipped: plan.skipped.length,
        enrolled,
        notEnrolled,
      };
    },
  );
}
