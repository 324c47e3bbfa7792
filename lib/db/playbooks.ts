/**
 * The rep's own playbooks. Built-ins are code and never stored; a "copy and edit" is a new row.
 *
 * Deleting is allowed even while enrolments use the playbook: every enrolment keeps its own
 * snapshot of the steps (and the playbook's name), so running sequences carry on untouched.
 * What would break is enrolling by default, so defaults that pointed at the deleted playbook
 * go back to the shipped defaults in the same transaction.
 */
import { joinMsgs, msg } from '@/lib/i18n/msg';
import {
  BUILT_IN_PLAYBOOKS,
  type CadenceStep,
  CHANNELS,
  type LeadSource,
  PURPOSES,
  type PlaybookIssue,
  validatePlaybook,
} from '@/lib/cadence';
import { type CadenceRule, type RuleIssue, validateRules } from '@/lib/cadence/rules';
import { cleanRules } from '@/lib/playbook-editor/rules';
import { assertMayRemove } from './library-share';
import { RepoError } from './repo';
import type { PlaybookRow, TouchbaseDb } from './schema';
import { defaultSettings, getSettings } from './settings';

/** Longest name and description we keep; longer input is refused, not cut. */
export const PLAYBOOK_NAME_MAX = 80;
export const PLAYBOOK_DESCRIPTION_MAX = 500;
const NOTE_MAX = 300;

/** What the editor sends. Without `id` a new playbook is created. */
export interface PlaybookInput {
  id?: string;
  name: string;
  description?: string;
  steps: CadenceStep[];
  /** The playbook's rules; absent keeps what the playbook had (the built-ins for a new one). */
  rules?: CadenceRule[];
}

export interface SavePlaybookResult {
  id: string;
  /** Rules of thumb the playbook breaks; saved anyway. */
  warnings: PlaybookIssue[];
  /** What its rules' checks flagged without refusing (a reply rule with no intent …). */
  ruleWarnings?: RuleIssue[];
}

/** Most rules one playbook can carry; more is a mistake, not a cadence. */
export const PLAYBOOK_RULES_MAX = 30;
const RULE_NAME_MAX = 120;

export interface DeletePlaybookResult {
  /** Enrolments still running on their own copy of the deleted steps. */
  runningEnrolments: number;
  /** Lead sources whose default playbook went back to the shipped one. */
  defaultsReset: LeadSource[];
}

function isBuiltInId(id: string): boolean {
  return BUILT_IN_PLAYBOOKS.some((p) => p.id === id);
}

/** Keeps only the fields a step has, so nothing else from a message ends up stored. */
function cleanStep(s: CadenceStep): CadenceStep {
  const step: CadenceStep = { channel: s?.channel, day: s?.day, purpose: s?.purpose };
  const within = s?.withinMinutes as unknown;
  if (within !== undefined && within !== null && within !== '') step.withinMinutes = Number(within);
  if (s?.requiresTwoUnanswered === true) step.requiresTwoUnanswered = true;
  const note = typeof s?.note === 'string' ? s.note.trim() : '';
  if (note) step.note = note;
  return step;
}

/** "Speed to lead (copy)" -> "custom-speed-to-lead-copy". */
export function playbookSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `custom-${slug || 'playbook'}`;
}

/**
 * Validates and stores a custom playbook. Errors from `validatePlaybook` (and a name clash or
 * an attempt to overwrite a built-in) refuse the save with a {@link RepoError}; warnings are
 * returned for the rep to read.
 */
export async function savePlaybook(
  db: TouchbaseDb,
  input: PlaybookInput,
  now: number,
): Promise<SavePlaybookResult> {
  if (
    !input ||
    typeof input !== 'object' ||
    !Array.isArray(input.steps) ||
    (input.id !== undefined && (typeof input.id !== 'string' || input.id === ''))
  ) {
    throw new RepoError(msg('err_playbook_shape'));
  }
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  const description = typeof input.description === 'string' ? input.description.trim() : '';
  if (name.length > PLAYBOOK_NAME_MAX) {
    throw new RepoError(msg('err_name_too_long', { max: PLAYBOOK_NAME_MAX }));
  }
  if (description.length > PLAYBOOK_DESCRIPTION_MAX) {
    throw new RepoError(msg('err_description_too_long', { max: PLAYBOOK_DESCRIPTION_MAX }));
  }
  if (input.steps.some((s) => typeof s?.note === 'string' && s.note.length > NOTE_MAX)) {
    throw new RepoError(msg('err_step_notes_too_long', { max: NOTE_MAX }));
  }
  const steps = input.steps.map(cleanStep);
  // The engine's checks again: the page validated too, but the background is the gatekeeper.
  const { errors, warnings } = validatePlaybook({ name, steps });
  if (errors.length) throw new RepoError(joinMsgs(errors.map((e) => e.msg)));
  // validatePlaybook reports unknown ids; make sure nothing non-string slipped through as one.
  if (!steps.every((s) => CHANNELS.includes(s.channel) && PURPOSES.includes(s.purpose))) {
    throw new RepoError(msg('err_step_unknown_kind'));
  }
  let rules: CadenceRule[] | undefined;
  let ruleWarnings: RuleIssue[] = [];
  if (input.rules !== undefined) {
    if (!Array.isArray(input.rules)) throw new RepoError(msg('err_rules_not_list'));
    if (input.rules.length > PLAYBOOK_RULES_MAX)
      throw new RepoError(msg('err_rules_max', { max: PLAYBOOK_RULES_MAX }));
    rules = cleanRules(input.rules);
    if (rules.some((r) => r.name.length > RULE_NAME_MAX))
      throw new RepoError(msg('err_rule_names_too_long', { max: RULE_NAME_MAX }));
    const checked = validateRules(rules);
    // Rule problems are worded by lib/cadence/rules (English until it speaks in messages).
    if (checked.errors.length)
      throw new RepoError(msg('err_plain', { text: checked.errors.map((e) => e.message).join(' ') }));
    ruleWarnings = checked.warnings;
  }

  return db.transaction('rw', db.playbooks, async () => {
    if (input.id !== undefined && isBuiltInId(input.id)) {
      throw new RepoError(msg('err_playbook_builtin_change'));
    }
    const existing = input.id !== undefined ? await db.playbooks.get(input.id) : undefined;
    if (input.id !== undefined && !existing) {
      throw new RepoError(msg('err_playbook_gone'));
    }
    const lower = name.toLowerCase();
    const others = (await db.playbooks.toArray()).filter((p) => p.id !== input.id);
    if ([...BUILT_IN_PLAYBOOKS, ...others].some((p) => p.name.trim().toLowerCase() === lower)) {
      throw new RepoError(msg('err_playbook_name_taken', { name }));
    }
    let id = existing?.id;
    if (!id) {
      const base = playbookSlug(name);
      id = base;
      for (let n = 2; isBuiltInId(id) || (await db.playbooks.get(id)); n++) id = `${base}-${n}`;
    }
    const row: PlaybookRow = { id, name, description, steps, builtIn: false, updatedAt: now };
    // Shared with the team: it stays shared, and the edit goes to every teammate.
    if (existing?.team) row.team = existing.team;
    const kept = rules ?? existing?.rules;
    if (kept !== undefined) row.rules = kept;
    await db.playbooks.put(row);
    return ruleWarnings.length ? { id, warnings, ruleWarnings } : { id, warnings };
  });
}

/**
 * Deletes a custom playbook (built-ins are refused). Running enrolments keep their snapshot;
 * defaults that named it are reset.
 */
export async function deletePlaybook(db: TouchbaseDb, id: string): Promise<DeletePlaybookResult> {
  if (typeof id !== 'string' || id === '') throw new RepoError(msg('err_playbook_pick_delete'));
  if (isBuiltInId(id)) throw new RepoError(msg('err_playbook_builtin_delete'));
  return db.transaction('rw', db.playbooks, db.enrolments, db.settings, db.meta, async () => {
    const existing = await db.playbooks.get(id);
    if (!existing) return { runningEnrolments: 0, defaultsReset: [] };
    await assertMayRemove(db, existing);
    const enrolments = await db.enrolments.where('playbookId').equals(id).toArray();
    const runningEnrolments = enrolments.filter((e) => e.state === 'active' || e.state === 'paused').length;
    const settings = await getSettings(db);
    const shipped = defaultSettings(settings.timeZone).defaultPlaybookBySource;
    const defaults = { ...settings.defaultPlaybookBySource };
    const defaultsReset: LeadSource[] = [];
    for (const [source, pb] of Object.entries(defaults) as [LeadSource, string][]) {
      if (pb !== id) continue;
      const fallback = shipped[source];
      if (fallback) defaults[source] = fallback;
      else delete defaults[source];
      defaultsReset.push(source);
    }
    if (defaultsReset.length) {
      await db.settings.put({ key: 'rep', value: { ...settings, defaultPlaybookBySource: defaults } });
    }
    await db.playbooks.delete(id);
    return { runningEnrolments, defaultsReset };
  });
}
