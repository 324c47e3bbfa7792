/**
 * Assignment rules (seed 003: new leads routed "to the right rep within seconds"). Pure: the new
 * lead, the team's rules, this device's round-robin counters and `now` come in; the owner comes
 * out. No clock, no Dexie, no browser.
 *
 * - The rules are team-wide (one shared document, the latest edit wins), so every rep's device
 *   routes the same way.
 * - Rules are tried in order; the first whose conditions all hold picks the rep. No rule matches:
 *   the rep who brought the lead in keeps it.
 * - A rule naming several reps deals its leads round-robin with a per-device counter, started at
 *   an offset hashed from the device's replica id and the rule's id. Why a counter and not a hash
 *   of the lead's id: a counter spreads one device's leads exactly (within one of each other over
 *   any run of leads), which a hash only does on average, and it needs nothing from the network.
 *   The hashed starting point is what keeps two reps importing at the same moment from both
 *   handing their first lead to the same rep, run after run: each device starts elsewhere in the
 *   list, so the team's leads stay within (number of devices) of even overall.
 */
import { isLeadSource } from '@/lib/cadence/lead-source';
import { LEAD_SOURCES, type LeadSource } from '@/lib/cadence/types';

/** A rep as the team knows them: their replica id and the name teammates see. */
export interface RepRef {
  id: string;
  name: string;
}

/** One routing rule: its conditions (all must hold; none = every lead) and the reps it picks from. */
export interface AssignRule {
  /** Stable across edits: names this rule's round-robin counter. */
  id: string;
  /** The lead came from one of these (absent or empty: any source). */
  sources?: LeadSource[];
  /** The lead's score at arrival is at least this (0-100)... */
  minScore?: number;
  /** ...and at most this (0-100): both make a band. */
  maxScore?: number;
  /** One rep, or several taking turns. */
  reps: RepRef[];
}

/** What routing needs to know about a new lead. */
export interface LeadFacts {
  leadSource: LeadSource;
  /** Its score at arrival (the scoring rules of the device that brings it in). */
  score: number;
}

/** Round-robin position of each rule on this device ({@link counterKey} -> leads dealt so far). */
export type Counters = Record<string, number>;

/**
 * A rule's key in {@link Counters}: prefixed, so a rule id such as `__proto__` or `constructor`
 * (a document from elsewhere) names an ordinary entry, never an object's built-in.
 */
export function counterKey(ruleId: string): string {
  return `rule:${ruleId}`;
}

export interface RouteContext {
  /** The rep bringing the lead in: the fallback owner. */
  me: RepRef;
  /** This device's replica id: seeds where its round-robin starts. */
  replica: string;
}

export interface Routed {
  owner: RepRef & { since: number };
  /** The rule that matched, absent for the fallback. */
  ruleId?: string;
}

export const MAX_ASSIGN_RULES = 30;
export const MAX_RULE_REPS = 50;
const MAX_ID = 80;
const MAX_NAME = 80;

/**
 * FNV-1a, 32 bits, then murmur3's finaliser: a small stable hash, the same on every replica and
 * every run. The finaliser matters: plain FNV-1a's low bit is just the parity of the characters,
 * so `% 2` would split replica ids by their last letter instead of spreading them.
 */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Whether every condition of the rule holds for the lead. */
export function ruleMatches(rule: AssignRule, lead: LeadFacts): boolean {
  if (rule.sources?.length && !rule.sources.includes(lead.leadSource)) return false;
  if (rule.minScore !== undefined && !(lead.score >= rule.minScore)) return false;
  if (rule.maxScore !== undefined && !(lead.score <= rule.maxScore)) return false;
  return true;
}

/** The first rule matching the lead, if any (a rule without reps is skipped). */
export function matchRule(rules: readonly AssignRule[], lead: LeadFacts): AssignRule | undefined {
  return rules.find((r) => r.reps.length > 0 && ruleMatches(r, lead));
}

/**
 * Routes one new lead. `counters` is this device's state and is advanced in place when a
 * round-robin rule deals the lead (the caller stores it with the lead, in one transaction).
 */
export function routeLead(
  lead: LeadFacts,
  rules: readonly AssignRule[],
  counters: Counters,
  ctx: RouteContext,
  now: number,
): Routed {
  const rule = matchRule(rules, lead);
  if (!rule) return { owner: { id: ctx.me.id, name: ctx.me.name, since: now } };
  let rep = rule.reps[0] as RepRef;
  if (rule.reps.length > 1) {
    const key = counterKey(rule.id);
    const stored = Object.hasOwn(counters, key) ? counters[key] : 0;
    const n = typeof stored === 'number' && Number.isSafeInteger(stored) && stored >= 0 ? stored : 0;
    const start = hash32(`${ctx.replica}|${rule.id}`) % rule.reps.length;
    rep = rule.reps[(start + n) % rule.reps.length] as RepRef;
    counters[key] = n + 1;
  }
  return { owner: { id: rep.id, name: rep.name, since: now }, ruleId: rule.id };
}

/** Routes a batch (an import) in order, advancing the counters as it goes. */
export function routeLeads(
  leads: readonly LeadFacts[],
  rules: readonly AssignRule[],
  counters: Counters,
  ctx: RouteContext,
  now: number,
): Routed[] {
  return leads.map((l) => routeLead(l, rules, counters, ctx, now));
}

// ------------------------------------------------------------------ checking what the rep typed

/** What is wrong with one rule, as a code the settings page words (`rule` is 0-based). */
export type AssignIssueCode =
  | 'no-reps'
  | 'duplicate-rep'
  | 'too-many-reps'
  | 'score-range'
  | 'score-order'
  | 'unknown-source'
  | 'unreachable'
  | 'too-many-rules';

export interface AssignIssue {
  rule: number;
  field: 'reps' | 'score' | 'sources' | 'order';
  code: AssignIssueCode;
  /** For `unreachable`: the 0-based rule above that takes every lead this one would. */
  above?: number;
}

function isScore(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 100;
}

/** Whether rule `a` matches every lead rule `b` matches (so `b` below `a` is never used). */
function covers(a: AssignRule, b: AssignRule): boolean {
  if (a.sources?.length && !(b.sources?.length && b.sources.every((s) => a.sources?.includes(s))))
    return false;
  const aMin = a.minScore ?? 0;
  const aMax = a.maxScore ?? 100;
  const bMin = b.minScore ?? 0;
  const bMax = b.maxScore ?? 100;
  return aMin <= bMin && aMax >= bMax;
}

/** Every problem with a rule list, in order; empty when it can be saved. */
export function checkRules(rules: readonly AssignRule[]): AssignIssue[] {
  const issues: AssignIssue[] = [];
  if (rules.length > MAX_ASSIGN_RULES)
    issues.push({ rule: MAX_ASSIGN_RULES, field: 'order', code: 'too-many-rules' });
  rules.forEach((r, i) => {
    if (!r.reps.length) issues.push({ rule: i, field: 'reps', code: 'no-reps' });
    else if (r.reps.length > MAX_RULE_REPS) issues.push({ rule: i, field: 'reps', code: 'too-many-reps' });
    else if (new Set(r.reps.map((p) => p.id)).size !== r.reps.length)
      issues.push({ rule: i, field: 'reps', code: 'duplicate-rep' });
    if (
      (r.minScore !== undefined && !isScore(r.minScore)) ||
      (r.maxScore !== undefined && !isScore(r.maxScore))
    )
      issues.push({ rule: i, field: 'score', code: 'score-range' });
    else if (r.minScore !== undefined && r.maxScore !== undefined && r.minScore > r.maxScore)
      issues.push({ rule: i, field: 'score', code: 'score-order' });
    if (r.sources?.some((s) => !isLeadSource(s)))
      issues.push({ rule: i, field: 'sources', code: 'unknown-source' });
    const above = rules.slice(0, i).findIndex((a) => a.reps.length > 0 && covers(a, r));
    if (above >= 0) issues.push({ rule: i, field: 'order', code: 'unreachable', above });
  });
  return issues;
}

function cleanRep(v: unknown): RepRef | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const { id, name } = v as Record<string, unknown>;
  if (typeof id !== 'string' || !id || id.length > MAX_ID) return undefined;
  if (typeof name !== 'string' || name.length > MAX_NAME) return undefined;
  return { id, name: name.trim() || id };
}

/**
 * A rule list from anywhere (a sync document another replica wrote, a message from a page) as
 * something routing can trust: malformed rules and reps are dropped, never thrown on. What the
 * rep typed is checked by {@link checkRules} before it is saved; this is the defence behind it.
 */
export function normaliseRules(v: unknown): AssignRule[] {
  if (!Array.isArray(v)) return [];
  const out: AssignRule[] = [];
  // A rule's id keys its round-robin counter and names it on each lead it routes: a second rule
  // with the same id (a hand-edited or corrupt document) would share both, so the first one wins.
  const ids = new Set<string>();
  for (const x of v.slice(0, MAX_ASSIGN_RULES)) {
    if (!x || typeof x !== 'object') continue;
    const r = x as Record<string, unknown>;
    if (typeof r.id !== 'string' || !r.id || r.id.length > MAX_ID || ids.has(r.id)) continue;
    ids.add(r.id);
    const reps = Array.isArray(r.reps)
      ? r.reps
          .slice(0, MAX_RULE_REPS)
          .map(cleanRep)
          .filter((p): p is RepRef => !!p)
      : [];
    const rule: AssignRule = { id: r.id, reps };
    if (Array.isArray(r.sources)) {
      const sources = LEAD_SOURCES.filter((s) => (r.sources as unknown[]).includes(s));
      if (sources.length) rule.sources = sources;
    }
    if (isScore(r.minScore)) rule.minScore = r.minScore;
    if (isScore(r.maxScore)) rule.maxScore = r.maxScore;
    out.push(rule);
  }
  return out;
}
