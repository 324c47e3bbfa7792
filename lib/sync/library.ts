/**
 * The team library: playbooks and templates a rep shared with the team travel as documents, field
 * by field like a contact, so the latest edit of each field wins on every replica (a name changed
 * on one laptop and the steps on another both stay). Anyone on the team may use and edit a shared
 * one; only the rep who shared it can stop sharing it or delete it, which leaves a tombstone
 * (`deleted`) that takes it out of every teammate's library. Rows without `team` are the rep's
 * private ones: they never become documents. Built-ins are code, never documents.
 */
import { CHANNELS, PURPOSES, validatePlaybook } from '@/lib/cadence';
import type { CadenceStep } from '@/lib/cadence/types';
import {
  defaultSettings,
  getSettings,
  type LibraryShare,
  type OutboxRow,
  outboxId,
  type PlaybookRow,
  type TeamRep,
  type TemplateRow,
  type TouchbaseDb,
} from '@/lib/db';
import { isLanguage } from '@/lib/templates/language';
import { getBuiltIn } from '@/lib/templates/library';
import { BUILT_IN_PLAYBOOKS } from '@/lib/cadence';
import type { LibraryDoc, StampedValue } from './docs';
import type { Stamp } from './hlc';
import { canonical } from './merge';

export type LibraryKind = LibraryDoc['kind'];
export type LibraryTable = 'playbooks' | 'templates';

/** Content fields of each kind's document, each with the row fields it is made of. */
const CONTENT: Record<LibraryKind, Record<string, string[]>> = {
  // Steps and rules travel together: a rule names steps, so half of an edit must not win alone.
  playbook: { id: ['id'], name: ['name'], description: ['description'], plan: ['steps', 'rules'] },
  template: {
    id: ['id'],
    purpose: ['purpose'],
    channel: ['channel'],
    variant: ['variant'],
    language: ['language'],
    name: ['name'],
    subject: ['subject'],
    body: ['body'],
    version: ['version'],
  },
};

export function libraryKind(table: LibraryTable): LibraryKind {
  return table === 'playbooks' ? 'playbook' : 'template';
}

function isRep(v: unknown): v is TeamRep {
  const r = v as TeamRep | null;
  return !!r && typeof r === 'object' && typeof r.id === 'string' && typeof r.name === 'string';
}

/** A row's content as the document's fields hold it. */
function contentOf(kind: LibraryKind, row: PlaybookRow | TemplateRow): Record<string, unknown> {
  if (kind === 'playbook') {
    const p = row as PlaybookRow;
    const plan: Record<string, unknown> = { steps: p.steps };
    if (p.rules !== undefined) plan.rules = p.rules;
    return { id: p.id, name: p.name, description: p.description ?? '', plan };
  }
  const t = row as TemplateRow;
  return {
    id: t.id,
    purpose: t.purpose,
    channel: t.channel,
    variant: t.variant,
    language: t.language,
    name: t.name,
    subject: t.subject,
    body: t.body,
    version: t.version,
  };
}

function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/**
 * The document for one outbox entry of a playbook or template, or `undefined` when there is
 * nothing for the team: a private row never shared, or a version the team already has. A row
 * deleted or unshared after it was shared becomes a tombstone.
 */
export function buildLibraryDoc(
  kind: LibraryKind,
  gid: string,
  entry: Pick<OutboxRow, 'fields'>,
  row: PlaybookRow | TemplateRow | undefined,
  prev: LibraryDoc | undefined,
  stamp: Stamp,
  editor: TeamRep,
  /** This replica's CouchDB username: the author's, named in the document for the server's check. */
  user?: string,
): LibraryDoc | undefined {
  const before: Record<string, StampedValue> = prev?.fields ?? {};
  const fields: Record<string, StampedValue> = { ...before };
  let changed = false;
  let edited = false;
  const set = (k: string, v: unknown) => {
    if (before[k] && same(before[k]?.v, v ?? null)) return;
    if (!before[k] && v === undefined) return;
    fields[k] = { v: v ?? null, t: stamp };
    changed = true;
    return true;
  };
  const wasLive = !!prev && before.deleted?.v !== true;
  if (!row?.team) {
    // Never shared: nothing leaves the browser. Shared before: a tombstone, but only from the rep
    // who shared it; a teammate's copy gone (deleting all data, a restore) leaves the team's alone.
    if (!wasLive) return undefined;
    const author = before.author?.v as TeamRep | undefined;
    if (author?.id !== editor.id) return undefined;
    set('deleted', true);
    return { _id: gid, kind, fields };
  }
  // Shared (again): every field, since edits made while it was private were never sent.
  const pending = new Set(wasLive ? (entry.fields ?? ['*']) : ['*']);
  const content = contentOf(kind, row);
  for (const [k, sources] of Object.entries(CONTENT[kind])) {
    if (!pending.has('*') && !sources.some((f) => pending.has(f))) continue;
    if (set(k, content[k]) && wasLive) edited = true;
  }
  // The author's CouchDB user goes with them (couchdb/validate_doc_update.js lets only that user
  // stop sharing it): written by the author's replica, carried unchanged by everyone else's.
  const prevAuthor = before.author?.v as (TeamRep & { user?: unknown }) | undefined;
  const authorUser =
    row.team.by.id === editor.id && user
      ? user
      : prevAuthor?.id === row.team.by.id && typeof prevAuthor.user === 'string'
        ? prevAuthor.user
        : undefined;
  set('author', {
    id: row.team.by.id,
    name: row.team.by.name,
    ...(authorUser ? { user: authorUser } : {}),
  });
  set('deleted', false);
  if (edited) set('editedBy', { id: editor.id, name: editor.name });
  return changed ? { _id: gid, kind, fields } : undefined;
}

/** The local id for a document arriving for the first time: the author's, unless it is taken. */
async function freeLocalId(db: TouchbaseDb, kind: LibraryKind, wanted: string): Promise<string> {
  const taken = async (id: string) =>
    kind === 'playbook'
      ? BUILT_IN_PLAYBOOKS.some((p) => p.id === id) || !!(await db.playbooks.get(id))
      : !!getBuiltIn(id) || !!(await db.templates.get(id));
  if (!(await taken(wanted))) return wanted;
  // A template's language stays the last part of its id (lib/templates/library.ts localizedId).
  const m = kind === 'template' ? /^(.*?)(\.(?:es|de|fr|pt-BR))?$/.exec(wanted) : null;
  const [head, tail] = m ? [m[1] ?? wanted, m[2] ?? ''] : [wanted, ''];
  for (let n = 1; ; n++) {
    const id = `${head}-team${n > 1 ? `-${n}` : ''}${tail}`;
    if (!(await taken(id))) return id;
  }
}

/** A teammate's document turned into a row, or `undefined` when it is not a usable one. */
function rowOf(
  kind: LibraryKind,
  id: string,
  v: (k: string) => unknown,
  team: LibraryShare,
  now: number,
): PlaybookRow | TemplateRow | undefined {
  const name = v('name');
  if (typeof name !== 'string' || !name.trim()) return undefined;
  if (kind === 'playbook') {
    const plan = v('plan') as { steps?: unknown; rules?: unknown } | null;
    const steps = plan?.steps;
    if (!Array.isArray(steps)) return undefined;
    const ok = steps.every(
      (s: CadenceStep) =>
        s && typeof s === 'object' && CHANNELS.includes(s.channel) && PURPOSES.includes(s.purpose),
    );
    if (!ok || validatePlaybook({ name, steps }).errors.length) return undefined;
    const description = v('description');
    const row: PlaybookRow = {
      id,
      name,
      description: typeof description === 'string' ? description : '',
      steps: steps as CadenceStep[],
      builtIn: false,
      updatedAt: now,
      team,
    };
    if (Array.isArray(plan?.rules)) row.rules = plan.rules as PlaybookRow['rules'];
    return row;
  }
  const [purpose, channel, variant, body, version] = ['purpose', 'channel', 'variant', 'body', 'version'].map(
    v,
  );
  if (
    !PURPOSES.includes(purpose as never) ||
    !CHANNELS.includes(channel as never) ||
    typeof variant !== 'string' ||
    typeof body !== 'string'
  )
    return undefined;
  const row: TemplateRow = {
    id,
    purpose: purpose as TemplateRow['purpose'],
    channel: channel as TemplateRow['channel'],
    variant,
    name,
    body,
    version: typeof version === 'number' ? version : 1,
    builtIn: false,
    updatedAt: now,
    team,
  };
  const subject = v('subject');
  if (typeof subject === 'string') row.subject = subject;
  const language = v('language');
  if (isLanguage(language) && language !== 'en') row.language = language;
  return row;
}

/**
 * Applies a teammate's shared playbook or template (inside the apply transaction): created,
 * updated (fields this replica changed and has not pushed yet stay as they are here), or, for a
 * tombstone, taken out of this library. Enrolments already running on it keep their own copy of
 * the steps; lead-source defaults that pointed at it go back to the shipped ones, as when a rep
 * deletes a playbook.
 */
export async function applyLibraryDoc(
  db: TouchbaseDb,
  doc: LibraryDoc,
  opts: { replica: string; now: number; localKey?: string },
): Promise<{ local?: string }> {
  const kind = doc.kind;
  const table = kind === 'playbook' ? db.playbooks : db.templates;
  const v = (k: string) => doc.fields[k]?.v;
  const cur = opts.localKey === undefined ? undefined : await table.get(opts.localKey);
  if (v('deleted') === true) {
    if (!cur) return {};
    if (cur.team?.by.id === opts.replica) {
      // This rep's own playbook: it stays, private again.
      const { team: _team, ...own } = cur;
      await table.put(own as PlaybookRow & TemplateRow);
      return { local: cur.id };
    }
    await table.delete(cur.id);
    if (kind === 'playbook') await resetDefaults(db, cur.id);
    return {};
  }
  const author = v('author');
  if (!isRep(author)) return {};
  const editedBy = v('editedBy');
  const team: LibraryShare = isRep(editedBy) ? { by: author, editedBy } : { by: author };
  const wanted = v('id');
  const id = cur?.id ?? (await freeLocalId(db, kind, typeof wanted === 'string' && wanted ? wanted : kind));
  const next = rowOf(kind, id, v, team, opts.now);
  if (!next) return cur ? { local: cur.id } : {};
  if (cur) {
    // Changed here too and not pushed yet: those fields stay this replica's until its push.
    const pending = await db.outbox.get(outboxId(kind === 'playbook' ? 'playbooks' : 'templates', cur.id));
    const mine = new Set(pending?.fields ?? []);
    if (mine.has('*')) return { local: cur.id };
    const keep = next as unknown as Record<string, unknown>;
    for (const f of mine) if (f in cur) keep[f] = (cur as unknown as Record<string, unknown>)[f];
    if (!mine.has('updatedAt') && same({ ...cur, updatedAt: 0 }, { ...next, updatedAt: 0 }))
      return { local: cur.id };
  }
  await table.put(next as PlaybookRow & TemplateRow);
  return { local: id };
}

async function resetDefaults(db: TouchbaseDb, id: string): Promise<void> {
  const settings = await getSettings(db);
  const shipped = defaultSettings(settings.timeZone).defaultPlaybookBySource;
  const defaults = { ...settings.defaultPlaybookBySource };
  let changed = false;
  for (const [source, pb] of Object.entries(defaults) as [keyof typeof defaults, string][]) {
    if (pb !== id) continue;
    const fallback = shipped[source];
    if (fallback) defaults[source] = fallback;
    else delete defaults[source];
    changed = true;
  }
  if (changed)
    await db.settings.put({ key: 'rep', value: { ...settings, defaultPlaybookBySource: defaults } });
}
