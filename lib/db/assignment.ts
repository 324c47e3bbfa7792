/**
 * Assignment rules on this device (team sync on): where the team's rules and the roster of reps
 * are kept (`meta` rows, replicated by lib/sync/assign-sync.ts), saving an edit with its stamp,
 * and routing the contacts a repository call is about to create. The routing itself is pure
 * (lib/sync/assign.ts). With sync off nothing here runs: new contacts get no owner, as before.
 */
import {
  type AssignIssue,
  type AssignRule,
  checkRules,
  type Counters,
  normaliseRules,
  type RepRef,
  routeLead,
} from '@/lib/sync/assign';
import { type Stamp, tick, ZERO_STAMP } from '@/lib/sync/hlc';
import { DEFAULT_SCORING, factsOf, scoreLead } from '@/lib/scoring';
import type { LeadSource } from '@/lib/cadence/types';
import { SYNC_ON_KEY } from './outbox';
import { syncMe } from './ownership';
import type { ContactOwner, RepSettings, TouchbaseDb } from './schema';

/** The team's rules as last edited anywhere: `{rules, t}` as JSON. */
export const ASSIGN_RULES_KEY = 'assign.rules';
/** A rep on the team (`assign.rep.<replica id>`): `{id, name, t}` as JSON. */
export const ASSIGN_REP_PREFIX = 'assign.rep.';
/** This device's round-robin counters (never shared: each device deals its own turns). */
export const ASSIGN_COUNTERS_KEY = 'assign.counters';
/** The replica's hybrid logical clock (lib/sync/hlc.ts), shared with the replicator. */
export const SYNC_CLOCK_KEY = 'sync.clock';

export interface StoredRules {
  rules: AssignRule[];
  /** The stamp of the edit that wrote them (ZERO_STAMP: never edited). */
  t: Stamp;
}

export interface StoredRep extends RepRef {
  t: Stamp;
}

function parse(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const v = JSON.parse(value) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export async function loadRules(db: TouchbaseDb): Promise<StoredRules> {
  const v = parse((await db.meta.get(ASSIGN_RULES_KEY))?.value);
  return { rules: normaliseRules(v?.rules), t: typeof v?.t === 'string' ? v.t : ZERO_STAMP };
}

/** Every rep the team has announced, by name (this rep included once they synced). */
export async function loadReps(db: TouchbaseDb): Promise<StoredRep[]> {
  const rows = await db.meta.where('key').startsWith(ASSIGN_REP_PREFIX).toArray();
  const reps: StoredRep[] = [];
  for (const r of rows) {
    const v = parse(r.value);
    if (typeof v?.id === 'string' && typeof v.name === 'string' && typeof v.t === 'string')
      reps.push({ id: v.id, name: v.name, t: v.t });
  }
  return reps.sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
}

export async function putRep(db: TouchbaseDb, rep: StoredRep): Promise<void> {
  await db.meta.put({ key: `${ASSIGN_REP_PREFIX}${rep.id}`, value: JSON.stringify(rep) });
}

export async function putRules(db: TouchbaseDb, stored: StoredRules): Promise<void> {
  await db.meta.put({ key: ASSIGN_RULES_KEY, value: JSON.stringify(stored) });
}

/** A fresh stamp from this replica's clock, the clock moved on (inside the caller's transaction). */
export async function nextStamp(db: TouchbaseDb, replica: string, now: number): Promise<Stamp> {
  const last = (await db.meta.get(SYNC_CLOCK_KEY))?.value;
  const t = tick(typeof last === 'string' ? last : ZERO_STAMP, now, replica);
  await db.meta.put({ key: SYNC_CLOCK_KEY, value: t });
  return t;
}

/**
 * Saves the team's rules as the rep edited them: checked first (issues come back and nothing
 * is written), then stamped so the latest edit wins on every replica at the next sync.
 */
export async function saveRules(
  db: TouchbaseDb,
  rules: AssignRule[],
  now: number,
): Promise<{ ok: true; rules: StoredRules } | { ok: false; issues: AssignIssue[] }> {
  const issues = checkRules(rules);
  if (issues.length) return { ok: false, issues };
  return db.transaction('rw', db.meta, async () => {
    const me = await syncMe(db);
    if (!me) return { ok: false as const, issues: [] };
    const clean = normaliseRules(rules);
    const stored: StoredRules = { rules: clean, t: await nextStamp(db, me.id, now) };
    await putRules(db, stored);
    return { ok: true as const, rules: stored };
  });
}

/** What routing reads of a lead about to be created. */
export interface NewLead {
  leadSource: LeadSource;
  custom?: Record<string, string>;
  createdAt: number;
}

/**
 * The owners of contacts about to be created, in order, with this device's round-robin
 * counters moved on in the same transaction (the caller's: it must include `meta`). `undefined`
 * while team sync is off: the contacts get no owner.
 */
export async function ownersForNewLeads(
  db: TouchbaseDb,
  leads: readonly NewLead[],
  settings: Pick<RepSettings, 'scoring'>,
  now: number,
): Promise<ContactOwner[] | undefined> {
  if (!(await db.meta.get(SYNC_ON_KEY))?.value) return undefined;
  const me = await syncMe(db);
  if (!me) return undefined;
  const { rules } = await loadRules(db);
  if (!rules.length || !leads.length) return leads.map(() => ({ id: me.id, name: me.name, since: now }));
  const counters = (parse((await db.meta.get(ASSIGN_COUNTERS_KEY))?.value) ?? {}) as Counters;
  const scoring = settings.scoring ?? DEFAULT_SCORING;
  const ctx = { me, replica: me.id };
  const needsScore = rules.some((r) => r.minScore !== undefined || r.maxScore !== undefined);
  const owners = leads.map((l) => {
    const score = needsScore ? scoreLead(factsOf(l, []), scoring, now).score : 0;
    return routeLead({ leadSource: l.leadSource, score }, rules, counters, ctx, now).owner;
  });
  await db.meta.put({ key: ASSIGN_COUNTERS_KEY, value: JSON.stringify(counters) });
  return owners;
}
