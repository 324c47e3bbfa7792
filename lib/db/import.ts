/**
 * The write half of a CSV import: drafts already parsed and mapped in the page land here, in the
 * background, as ONE transaction. A failure anywhere (a bad row slipping through, a quota error)
 * rolls back every contact and enrolment of the run; a contact that cannot be enrolled (opted out,
 * unknown time zone) is reported in `problems` and the rest still land.
 */
import Dexie from 'dexie';
import { type Msg, msg } from '@/lib/i18n/msg';
import { emailKeysOf } from '@/lib/contacts/record';
import { isLeadSource, isValidTimeZone, type LeadSource } from '@/lib/cadence';
import { type ContactDraft, planDedupe } from '@/lib/csv/import';
import { UNKNOWN_LANGUAGE_FIELD } from '@/lib/csv/import/map';
import { languageFromPhone } from '@/lib/contacts/language';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from '@/lib/templates/language';
import {
  contactsByEmails,
  contactsByOtherEmails,
  enrolContactsBatch,
  enrolmentsOfContacts,
  findPlaybook,
  isPlausibleEmail,
  normaliseEmail,
  RepoError,
  reserveEnrolmentId,
  writeTables,
} from './repo';
import { allOptedOut } from './optout';
import type { ContactRow, TouchbaseDb } from './schema';
import { ownersForNewLeads } from './assignment';
import { getSettings } from './settings';
import { SYNC_ON_KEY } from './outbox';
import { loadSuppressions } from './suppressions';

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
  /** Imported but not enrolled (already in a running sequence, opted out, unknown time zone). */
  notEnrolled: number;
  /**
   * Rows that match an earlier opt-out (by email, phone or LinkedIn URL): kept opted out and
   * never enrolled. `suppressedEmails` lists them (capped like `problems`).
   */
  suppressed: number;
  suppressedEmails?: string[];
  /**
   * One message per contact that needs the rep's attention, e.g. `a@x.com: unknown time zone
   * "Mars/Phobos"; used your own zone (America/New_York).` or why it was not enrolled, rendered
   * in the rep's language by the Import tab. Absent when every row went through cleanly.
   */
  problems?: Msg[];
  /** Problems past the cap: counted, not listed. */
  problemsMore?: number;
}

const TEXT_FIELDS = ['firstName', 'lastName', 'company', 'title', 'phone'] as const;

/** Custom field that keeps a time zone the runtime does not know (same name as the CSV mapper's). */
const UNKNOWN_ZONE_FIELD = 'Time zone (not recognised)';
/** The summary lists this many problems at most; the rest are counted. */
const MAX_PROBLEMS = 100;

/** "English, Español, Deutsch, Français or Português (Brasil)", the "or" in the rep's language. */
const LANGUAGE_CHOICES: Msg = msg('import_language_choices', {
  list: LANGUAGES.slice(0, -1)
    .map((l) => LANGUAGE_NAMES[l])
    .join(', '),
  last: LANGUAGE_NAMES[LANGUAGES[LANGUAGES.length - 1]!],
});

/**
 * Creates and updates contacts from import drafts and optionally enrols them, all or nothing.
 * Refuses up front (nothing written) when a draft has no valid email or the playbook is unknown.
 */
export async function importContacts(db: TouchbaseDb, req: ImportRequest): Promise<ImportSummary> {
  if (!Array.isArray(req.drafts)) throw new RepoError(msg('err_nothing_to_import'));
  if (req.mode !== 'skip' && req.mode !== 'update')
    throw new RepoError(msg('err_import_mode', { mode: String(req.mode) }));
  req.drafts.forEach((d, i) => {
    if (typeof d?.email !== 'string' || !isPlausibleEmail(d.email)) {
      throw new RepoError(msg('err_import_bad_email', { n: i + 1 }));
    }
  });
  if (req.enrol && !isLeadSource(req.enrol.source))
    throw new RepoError(msg('err_lead_source_unknown', { source: String(req.enrol.source) }));

  return db.transaction('rw', writeTables(db), async () => {
    const keys = req.drafts.map((d) => normaliseEmail(d.email));
    // Every read a batch needs, issued at once: each separate wait is a round trip to the
    // database, and an import is dozens of batches. With team sync off, which addresses are
    // stored is learnt from the writes themselves (below), not read first.
    const syncRead = db.meta.get(SYNC_ON_KEY).then((r) => !!r?.value);
    // Enrolment ids, reserved with the reads (sync off only: with it on, every write is queued
    // for the team, a placeholder too). Nothing waits for them until the enrolments are written:
    // the placeholder's add first waits on the sync outbox's own look-up of whether sync is on,
    // and the contacts' add goes out meanwhile instead of after it.
    const reserving = req.enrol
      ? syncRead.then((on) => (on ? undefined : reserveEnrolmentId(db)))
      : undefined;
    // Awaited before the enrolments; a batch refused before then fails with its own error.
    reserving?.catch(() => undefined);
    const [playbook, settings, syncOn, suppressions, otherRows] = await Promise.all([
      req.enrol ? findPlaybook(db, req.enrol.playbookId) : undefined,
      getSettings(db),
      syncRead,
      loadSuppressions(db),
      // Sync is almost always off: its lookup goes out with the reads instead of after them.
      contactsByOtherEmails(db, keys),
    ]);
    const existingRows = syncOn ? await contactsByEmails(db, keys) : otherRows;
    if (req.enrol && !playbook) throw new RepoError(msg('err_no_playbook', { id: req.enrol.playbookId }));
    // A contact's other addresses are that contact too: a row for one updates it, never duplicates it.
    const existingByEmail = new Map(existingRows.flatMap((c) => emailKeysOf(c).map((e) => [e, c] as const)));
    const plan = planDedupe(req.drafts, new Set(existingByEmail.keys()), req.mode);

    const fallbackSource = req.enrol?.source ?? settings.defaultSource;
    // An opt-out outlives the contact (`suppressions`): a re-imported person comes back opted
    // out, never enrolled.
    const suppressedEmails: string[] = [];
    const problems: Msg[] = [];
    // An unknown zone is reported and kept as a custom field, so the rep can fix it by hand.
    const badZone = (d: ContactDraft, custom: Record<string, string>, used: Msg, out: Msg[]): void => {
      if (d.timeZone === undefined || d.timeZone === '' || isValidTimeZone(d.timeZone)) return;
      custom[UNKNOWN_ZONE_FIELD] = d.timeZone;
      out.push(msg('import_problem_zone', { email: d.email.trim(), zone: d.timeZone, used }));
    };
    // A language cell naming none of ours is said once per contact, with what was used instead.
    const badLanguage = (d: ContactDraft, used: Msg, out: Msg[]): void => {
      const cell = d.custom?.[UNKNOWN_LANGUAGE_FIELD];
      if (cell === undefined) return;
      out.push(
        msg('import_problem_language', { email: d.email.trim(), value: cell, list: LANGUAGE_CHOICES, used }),
      );
    };
    /** A new contact's row, with what its summary would say if it is created. */
    const newContact = (d: ContactDraft) => {
      const said: Msg[] = [];
      const custom = { ...(d.custom ?? {}) };
      badZone(d, custom, msg('import_used_own_zone', { zone: settings.timeZone }), said);
      // No language in the file: the phone's country code guesses one (Touchbase writes English otherwise).
      const language: Language | undefined = isLanguage(d.language) ? d.language : languageFromPhone(d.phone);
      if (!isLanguage(d.language))
        badLanguage(
          d,
          language
            ? msg('import_used_phone_language', { language: LANGUAGE_NAMES[language] })
            : msg('import_used_english'),
          said,
        );
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
        custom,
        externalIds: [],
        createdAt: req.now,
        updatedAt: req.now,
      };
      if (d.linkedinUrl) row.linkedinUrl = d.linkedinUrl;
      if (language) row.language = language;
      const suppressed = suppressions.size > 0 && suppressions.match(d) !== undefined;
      if (suppressed) row.optOut = allOptedOut();
      return { draft: d, row, said, suppressed };
    };
    let candidates = plan.toCreate.map(newContact);
    if (syncOn) {
      // Team sync on: each new lead goes to the rep the team's assignment rules pick (which
      // counts them, so only rows known to be new are offered).
      const owners = await ownersForNewLeads(
        db,
        candidates.map((c) => c.row),
        settings,
        req.now,
      );
      if (owners)
        candidates.forEach((c, i) => {
          c.row.owner = owners[i];
        });
    }
    const rows = candidates.map((c) => c.row as ContactRow);
    const refused = new Set<number>();
    let ids: number[] = [];
    try {
      ids = (await db.contacts.bulkAdd(rows, { allKeys: true })) as number[];
    } catch (err) {
      // The unique email index refuses a contact already stored (a re-import): that is how a
      // batch learns which addresses exist without reading them first. Anything else is a failure.
      if (!(err instanceof Dexie.BulkError)) throw err;
      for (const [pos, e] of Object.entries(err.failuresByPos)) {
        if ((e as Error | undefined)?.name !== 'ConstraintError') throw err;
        refused.add(Number(pos));
      }
      // A refused row loses the others their keys: found again by address, one lookup each.
      ids = await Promise.all(
        rows.map((r, pos) =>
          refused.has(pos)
            ? -1
            : (db.contacts.where('emailLower').equals(r.emailLower!).primaryKeys() as Promise<number[]>).then(
                (k) => k[0]!,
              ),
        ),
      );
    }
    rows.forEach((r, pos) => {
      r.id = ids[pos]!;
    });
    if (refused.size) {
      const found = await Promise.all(
        [...refused].map((pos) => db.contacts.where('emailLower').equals(rows[pos]!.emailLower!).first()),
      );
      for (const c of found) if (c) for (const e of emailKeysOf(c)) existingByEmail.set(e, c);
      const known = [...refused].map((pos) => candidates[pos]!.draft);
      if (req.mode === 'update') plan.toUpdate.push(...known);
      else plan.skipped.push(...known);
      candidates = candidates.filter((_, pos) => !refused.has(pos));
    }
    const createdRows = rows.filter((_, pos) => !refused.has(pos));
    for (const c of candidates) {
      problems.push(...c.said);
      if (c.suppressed) suppressedEmails.push(c.row.email);
    }

    // The rows as stored, kept for the enrolment below instead of reading them back.
    const stored = new Map<number, ContactRow>(createdRows.map((r) => [r.id, r]));
    const createdIds = createdRows.map((r) => r.id);
    const updatedIds: number[] = [];
    for (const d of plan.toUpdate) {
      const cur = existingByEmail.get(normaliseEmail(d.email));
      if (!cur) continue;
      // Import values win over stored ones, but an empty cell never erases what the rep has.
      const custom = { ...cur.custom, ...(d.custom ?? {}) };
      badZone(d, custom, msg('import_used_stored_zone', { zone: cur.timeZone }), problems);
      const patch: Partial<ContactRow> = { updatedAt: req.now, custom };
      for (const k of TEXT_FIELDS) if (d[k]) patch[k] = d[k];
      if (d.linkedinUrl) patch.linkedinUrl = d.linkedinUrl;
      if (d.timeZone && isValidTimeZone(d.timeZone)) patch.timeZone = d.timeZone;
      if (d.leadSource && isLeadSource(d.leadSource)) patch.leadSource = d.leadSource;
      if (isLanguage(d.language)) patch.language = d.language;
      else
        badLanguage(
          d,
          cur.language
            ? msg('import_kept_language', { language: LANGUAGE_NAMES[cur.language] })
            : msg('import_used_english'),
          problems,
        );
      if (d.notes) patch.notes = cur.notes ? `${cur.notes}\n\n${d.notes}` : d.notes;
      if (suppressions.size && suppressions.match({ ...cur, ...patch })) {
        patch.optOut = allOptedOut();
        suppressedEmails.push(cur.email);
      }
      await db.contacts.update(cur.id, patch);
      updatedIds.push(cur.id);
      stored.set(cur.id, { ...(stored.get(cur.id) ?? cur), ...patch });
    }

    let enrolled = 0;
    let notEnrolled = 0;
    if (req.enrol && playbook) {
      const existing = await enrolmentsOfContacts(db, updatedIds);
      const reserved = await reserving;
      const res = await enrolContactsBatch(
        db,
        [...stored.values()],
        existing,
        playbook,
        req.enrol.source,
        settings,
        { now: req.now, via: req.via, suppressions, reserved },
      );
      enrolled = res.enrolled.length;
      notEnrolled = res.refused.length;
      // Opted out and already running are the expected refusals the counts already explain.
      for (const r of res.refused) {
        if (r.code === 'unknown-time-zone' || r.code === 'bad-input')
          problems.push(msg('import_problem_not_enrolled', { email: r.email, reason: r.msg }));
      }
    }
    return {
      created: createdIds.length,
      updated: updatedIds.length,
      skipped: plan.skipped.length,
      enrolled,
      notEnrolled,
      suppressed: suppressedEmails.length,
      // The count says how many were suppressed; the list names the first ones.
      ...(suppressedEmails.length ? { suppressedEmails: suppressedEmails.slice(0, MAX_PROBLEMS) } : {}),
      ...(problems.length ? { problems: problems.slice(0, MAX_PROBLEMS) } : {}),
      ...(problems.length > MAX_PROBLEMS ? { problemsMore: problems.length - MAX_PROBLEMS } : {}),
    };
  });
}
