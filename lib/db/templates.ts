/**
 * The rep's template library: built-ins (code) overlaid by rows in `db.templates` with the same
 * id (edited built-ins), plus the rep's own copies. Every edit is a new version (`editTemplate`)
 * and overwrites only the template: what already went out lives on in touches and activities,
 * which are never rewritten from here.
 */
import { msg, msgN } from '@/lib/i18n/msg';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '@/lib/templates/language';
import { localizedId, templateLanguage } from '@/lib/templates/library';
import {
  duplicateTemplate,
  editTemplate,
  getBuiltIn,
  getTemplates,
  MERGE_FIELDS,
  resetToDefault,
  type Template,
  type TemplateChanges,
} from '@/lib/templates';
import { assertMayRemove } from './library-share';
import { RepoError } from './repo';
import type { LibraryShare, TemplateRow, TouchbaseDb } from './schema';

export const TEMPLATE_NAME_MAX = 120;
export const TEMPLATE_SUBJECT_MAX = 300;
export const TEMPLATE_BODY_MAX = 10_000;

/** Where a template in the merged library comes from. */
export type TemplateOrigin = 'built-in' | 'edited' | 'custom';

export interface LibraryEntry {
  template: Template;
  origin: TemplateOrigin;
  /** Last change, for stored rows. */
  updatedAt?: number;
  /** Team sync: shared with the team (by this rep or a teammate). */
  team?: LibraryShare;
}

/** A template as stored. */
export function toRow(t: Template, updatedAt: number): TemplateRow {
  const row: TemplateRow = {
    id: t.id,
    purpose: t.purpose,
    channel: t.channel,
    variant: t.variant,
    name: t.name,
    body: t.body,
    version: t.version,
    builtIn: t.builtIn,
    updatedAt,
  };
  if (t.subject !== undefined) row.subject = t.subject;
  if (t.language !== undefined && t.language !== 'en') row.language = t.language;
  return row;
}

function fromRow(row: TemplateRow): Template {
  const { updatedAt: _updatedAt, team: _team, ...t } = row;
  // Rows saved before the language was kept: an edited localized built-in is still in its language.
  if (t.language === undefined) {
    const shipped = getBuiltIn(t.id)?.language;
    if (shipped) t.language = shipped;
  }
  return t;
}

/**
 * Built-ins in library order, each replaced by its stored row when there is one, then the
 * rep's own templates by name. Pure.
 */
export function mergeLibrary(builtIns: readonly Template[], rows: readonly TemplateRow[]): LibraryEntry[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: LibraryEntry[] = builtIns.map((b) => {
    const row = byId.get(b.id);
    if (!row) return { template: { ...b }, origin: 'built-in' };
    byId.delete(b.id);
    return {
      template: fromRow(row),
      origin: row.builtIn ? 'built-in' : 'edited',
      updatedAt: row.updatedAt,
    };
  });
  const own = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const row of own) {
    const entry: LibraryEntry = { template: fromRow(row), origin: 'custom', updatedAt: row.updatedAt };
    if (row.team) entry.team = row.team;
    out.push(entry);
  }
  return out;
}

/** The merged library in one language (English by default), read from the database. */
export async function listTemplates(
  db: TouchbaseDb,
  language: Language = DEFAULT_LANGUAGE,
): Promise<LibraryEntry[]> {
  const rows = (await db.templates.toArray()).filter((r) => templateLanguage(fromRow(r)) === language);
  return mergeLibrary(getTemplates(language), rows);
}

/**
 * The rep's own template written in another language: a copy of `fromId` (the English, or any,
 * version) as `<id>.<language>`, same purpose, channel and variant, so a step that names it drafts
 * in the contact's language. Refused when that version exists already.
 */
export async function translateStoredTemplate(
  db: TouchbaseDb,
  fromId: string,
  language: Language,
  now: number,
): Promise<Template> {
  if (!isLanguage(language)) throw new RepoError(msg('err_template_language'));
  return db.transaction('rw', db.templates, async () => {
    const src = await current(db, fromId);
    if (!src) throw new RepoError(msg('err_template_gone'));
    const base = src.id.replace(/\.(es|de|fr|pt-BR)$/, '');
    const id = localizedId(base, language);
    if ((await db.templates.get(id)) || getBuiltIn(id)) throw new RepoError(msg('err_template_has_language'));
    const copy: Template = { ...src, id, language, version: 1, builtIn: false };
    if (language === DEFAULT_LANGUAGE) delete copy.language;
    assertStorable(copy);
    await db.templates.put(toRow(copy, now));
    return copy;
  });
}

const TOKEN = /\{\{([^{}]*)\}\}/g;

/**
 * Merge fields the renderer would not know, in order of appearance (same parsing as the
 * renderer: `{{name}}` or `{{name|fallback}}`, `custom.<key>` always allowed). Pure.
 */
export function unknownMergeFields(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const inner = m[1] ?? '';
    const bar = inner.indexOf('|');
    const name = (bar === -1 ? inner : inner.slice(0, bar)).trim();
    const known = MERGE_FIELDS.includes(name) || (name.startsWith('custom.') && name.length > 7);
    if (!known && !out.includes(name)) out.push(name);
  }
  return out;
}

/** Throws a {@link RepoError} for a template that cannot be stored as it is. */
function assertStorable(t: Template): void {
  if (!t.name.trim()) throw new RepoError(msg('err_template_name'));
  if (t.name.length > TEMPLATE_NAME_MAX)
    throw new RepoError(msg('err_name_too_long', { max: TEMPLATE_NAME_MAX }));
  if (!t.body.trim()) throw new RepoError(msg('err_template_empty'));
  if (t.body.length > TEMPLATE_BODY_MAX)
    throw new RepoError(msg('err_template_body_too_long', { max: TEMPLATE_BODY_MAX }));
  if (t.channel === 'email') {
    if (!t.subject?.trim()) throw new RepoError(msg('err_template_subject'));
    if (t.subject.length > TEMPLATE_SUBJECT_MAX)
      throw new RepoError(msg('err_template_subject_too_long', { max: TEMPLATE_SUBJECT_MAX }));
  }
  const unknown = unknownMergeFields(`${t.subject ?? ''}\n${t.body}`);
  if (unknown.length) {
    const list = unknown.map((f) => `{{${f}}}`).join(', ');
    throw new RepoError(msgN('err_template_unknown_fields', unknown.length, { fields: list }));
  }
}

/** Only the fields a rep may change, as strings; anything else in a message is dropped. */
function cleanChanges(changes: TemplateChanges | undefined, channel: Template['channel']): TemplateChanges {
  const out: TemplateChanges = {};
  if (!changes || typeof changes !== 'object') return out;
  if (typeof changes.name === 'string') out.name = changes.name.trim();
  if (typeof changes.body === 'string') out.body = changes.body.replace(/\r\n?/g, '\n');
  // A subject only means something on email; header line breaks are never kept.
  if (channel === 'email' && typeof changes.subject === 'string')
    out.subject = changes.subject.replace(/[\r\n]+/g, ' ').trim();
  return out;
}

/** The stored row of a template (or the built-in), with its team share if it has one. */
async function currentWithShare(
  db: TouchbaseDb,
  id: string,
): Promise<{ template: Template; team?: LibraryShare } | undefined> {
  if (typeof id !== 'string' || id === '') return undefined;
  const row = await db.templates.get(id);
  if (row) return row.team ? { template: fromRow(row), team: row.team } : { template: fromRow(row) };
  const shipped = getBuiltIn(id);
  return shipped ? { template: shipped } : undefined;
}

async function current(db: TouchbaseDb, id: string): Promise<Template | undefined> {
  // Ids come from messages: anything but a non-empty string is simply not a template.
  if (typeof id !== 'string' || id === '') return undefined;
  const row = await db.templates.get(id);
  return row ? fromRow(row) : getBuiltIn(id);
}

/**
 * Saves an edit of a built-in or own template as a new version. Saving without a change keeps
 * the version as it is.
 */
export async function saveTemplate(
  db: TouchbaseDb,
  id: string,
  changes: TemplateChanges,
  now: number,
): Promise<Template> {
  return db.transaction('rw', db.templates, async () => {
    const found = await currentWithShare(db, id);
    if (!found) throw new RepoError(msg('err_template_gone'));
    const cur = found.template;
    const clean = cleanChanges(changes, cur.channel);
    const changed = (Object.keys(clean) as (keyof TemplateChanges)[]).some((k) => clean[k] !== cur[k]);
    if (!changed) return cur;
    const next = editTemplate(cur, clean);
    assertStorable(next);
    const row = toRow(next, now);
    // Shared with the team: it stays shared, and the edit goes to every teammate.
    if (found.team) row.team = found.team;
    await db.templates.put(row);
    return next;
  });
}

/** A new own template copied from `fromId`, optionally with changes applied to the copy. */
export async function duplicateStoredTemplate(
  db: TouchbaseDb,
  fromId: string,
  now: number,
  changes?: TemplateChanges,
): Promise<Template> {
  return db.transaction('rw', db.templates, async () => {
    const src = await current(db, fromId);
    if (!src) throw new RepoError(msg('err_template_gone'));
    // Ids are `<purpose>.<channel>.<variant>` like the built-ins, with a time-based variant.
    const stamp = now.toString(36);
    let variant = `own-${stamp}`;
    for (
      let n = 2;
      (await db.templates.get(`${src.purpose}.${src.channel}.${variant}`)) ||
      getBuiltIn(`${src.purpose}.${src.channel}.${variant}`);
      n++
    ) {
      variant = `own-${stamp}-${n}`;
    }
    let copy = duplicateTemplate(src, `${src.purpose}.${src.channel}.${variant}`);
    copy.variant = variant;
    const clean = cleanChanges(changes, copy.channel);
    if (Object.keys(clean).length) copy = { ...copy, ...clean };
    assertStorable(copy);
    await db.templates.put(toRow(copy, now));
    return copy;
  });
}

/**
 * Puts a built-in back to its shipped text, as a new version (so drafts made from the edit can
 * be told apart). Own templates have no default and are refused.
 */
export async function resetTemplate(db: TouchbaseDb, id: string, now: number): Promise<Template> {
  if (typeof id !== 'string' || id === '') throw new RepoError(msg('err_template_pick_reset'));
  return db.transaction('rw', db.templates, async () => {
    const row = await db.templates.get(id);
    const shipped = getBuiltIn(id);
    if (!shipped) throw new RepoError(msg('err_template_no_default'));
    if (!row || row.builtIn) return row ? fromRow(row) : shipped;
    const next = resetToDefault(id, fromRow(row));
    if (!next) throw new RepoError(msg('err_template_no_default'));
    await db.templates.put(toRow(next, now));
    return next;
  });
}

/** Deletes one of the rep's own templates; built-ins can only be reset. */
export async function deleteTemplate(db: TouchbaseDb, id: string): Promise<void> {
  if (typeof id !== 'string' || id === '') throw new RepoError(msg('err_template_pick_delete'));
  if (getBuiltIn(id)) throw new RepoError(msg('err_template_builtin_delete'));
  await db.transaction('rw', db.templates, db.meta, async () => {
    const row = await db.templates.get(id);
    if (row) await assertMayRemove(db, row);
    await db.templates.delete(id);
  });
}
