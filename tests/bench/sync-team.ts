/**
 * A team's CouchDB database as a new rep finds it: `contacts` leads worked by five reps over the
 * last four months, each with one speed-to-lead enrolment planned by the real engine and walked
 * forward (touches done when they fell due, a reply every ninth, an opt-out every twenty-fifth), and
 * its activity log padded with notes to `activities` in all. Documents in exactly the format
 * lib/sync/engine.ts pushes (lib/sync/docs.ts), so the server side can be seeded directly
 * instead of pushing 110,000 rows through a browser first. Deterministic for a given `now`.
 */
import {
  BUILT_IN_PLAYBOOKS,
  CHANNELS,
  type Enrolment,
  type EnrolmentEvent,
  enrol,
  planEnrolment,
  transition,
} from '@/lib/cadence';
import type { ActivityDoc, ContactDoc, EnrolmentDoc, SuppressionDoc, SyncDoc } from '@/lib/sync/docs';
import { formatStamp } from '@/lib/sync/hlc';

const DAY = 86_400_000;
const REPS = [
  { id: 'rep-ana0000001', name: 'Ana' },
  { id: 'rep-ben0000002', name: 'Ben' },
  { id: 'rep-cyd0000003', name: 'Cyd' },
  { id: 'rep-dee0000004', name: 'Dee' },
  { id: 'rep-eve0000005', name: 'Eve' },
];
const COMPANIES = ['Acme Roofing', 'Northwind Solar', 'Blue Fern Dental', 'Harbor HVAC', 'Granite Legal'];
const ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'];
const WINDOW = { days: [1, 2, 3, 4, 5], start: '08:00', end: '20:00' };
const PLAYBOOK = BUILT_IN_PLAYBOOKS.find((p) => p.id === 'speed-to-lead-90');

export interface TeamShape {
  contacts: number;
  activities: number;
  now: number;
}

export interface TeamCounts {
  contacts: number;
  enrolments: number;
  activities: number;
  suppressions: number;
  /** Enrolments still active (so with planned touches) once applied. */
  active: number;
}

/** A stable uuid-like id (the engine gives random ones; these only need to be unique). */
function gidFor(kind: string, i: number, k = 0): string {
  const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');
  return `${kind}:${hex(i, 8)}-${hex(k, 4)}-4000-8000-${hex(i * 31 + k, 12)}`;
}

function strip(row: object, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (!keys.includes(k) && v !== undefined) out[k] = v;
  return out;
}

/**
 * Yields the team's documents contact by contact (a contact, then its suppression if any, its
 * enrolment and its activities), so a caller can write them in slices without holding them all.
 */
export function* teamDocs(shape: TeamShape): Generator<SyncDoc & { by: string }> {
  if (!PLAYBOOK) throw new Error('speed-to-lead-90 is missing');
  const perContact = Math.floor(shape.activities / shape.contacts);
  let extra = shape.activities - perContact * shape.contacts;
  let counter = 0;
  const stamp = (wall: number, replica: string) =>
    formatStamp({ wall, counter: counter++ % 100_000, replica });
  for (let i = 0; i < shape.contacts; i++) {
    const rep = REPS[i % REPS.length] as (typeof REPS)[number];
    // Spread over four months, a few hours apart, never in the future.
    const enrolledAt = shape.now - ((i * 7_919) % 120) * DAY - (i % 9) * 3_600_000 - 60_000;
    const email = `lead${i}.team@example.com`;
    const contactGid = `contact:${email}`;
    const optedOut = i % 25 === 12;
    const zone = ZONES[i % ZONES.length] as string;
    const t = stamp(enrolledAt, rep.id);
    const contactFields: Record<string, unknown> = {
      email,
      externalIds: [],
      firstName: `Lead${i}`,
      lastName: `Team${i % 97}`,
      company: COMPANIES[i % COMPANIES.length],
      phone: `+1 202 555 ${String(i % 10_000).padStart(4, '0')}`,
      title: 'Owner',
      timeZone: zone,
      leadSource: 'web-form',
      notes: '',
      optOut: optedOut ? Object.fromEntries(CHANNELS.map((ch) => [ch, true])) : {},
      custom: {},
      createdAt: enrolledAt,
      owner: { id: rep.id, name: rep.name, since: enrolledAt },
    };
    const contact: ContactDoc & { by: string } = {
      _id: contactGid,
      kind: 'contact',
      fields: Object.fromEntries(Object.entries(contactFields).map(([k, v]) => [k, { v, t }])),
      by: rep.id,
    };
    yield contact;

    // The engine plans and walks the enrolment as the rep's browser did.
    const res = enrol(
      {
        contactId: i + 1,
        playbook: PLAYBOOK,
        source: 'web-form',
        timeZone: zone,
        window: WINDOW,
        reengageDays: 60,
        contactOptedOut: false,
      },
      enrolledAt,
      { via: 'import' },
    );
    if (!res.ok) throw new Error(res.message);
    let e: Enrolment & { playbookName: string; lastTouchAt?: number } = {
      ...res.enrolment,
      playbookName: PLAYBOOK.name,
    };
    const acts = [...res.activities];
    const apply = (event: EnrolmentEvent, at: number) => {
      const r = transition(e, event, at, { via: 'sidebar' });
      if (!r.ok) return false;
      e = { ...e, ...r.enrolment };
      if (event.type === 'touch-done') e.lastTouchAt = at;
      acts.push(...r.activities);
      return true;
    };
    const replyAfter = i % 9 === 4 ? 2 : Number.POSITIVE_INFINITY;
    for (let k = 0; k < 8 && e.state === 'active'; k++) {
      const next = planEnrolment(e).find((p) => p.completedAt === undefined);
      if (!next || next.dueAt.getTime() + 5 * 60_000 > shape.now) break;
      const at = next.dueAt.getTime() + 5 * 60_000;
      if (!apply({ type: 'touch-done', step: next.step, at, text: `Touch ${next.step}` }, at)) break;
      if (k + 1 >= replyAfter)
        apply({ type: 'reply', at: at + 3_600_000, text: 'Sounds good, call me' }, at + 3_600_000);
    }
    let suppression: (SuppressionDoc & { by: string }) | undefined;
    if (optedOut) {
      const at = Math.min(shape.now - 60_000, (e.lastTouchAt ?? enrolledAt) + DAY);
      apply({ type: 'opt-out', text: 'asked to stop' }, at);
      suppression = {
        _id: `suppression:${email}`,
        kind: 'suppression',
        t: stamp(at, rep.id),
        row: {
          key: email,
          emailLower: email,
          phone: `1202555${String(i % 10_000).padStart(4, '0')}`,
          externalIds: [],
          channels: [...CHANNELS],
          reason: 'asked to stop',
          at,
          via: 'sidebar',
        },
        at,
        by: rep.id,
      };
      yield suppression;
    }
    const enrolmentGid = gidFor('enrolment', i);
    const enrolment: EnrolmentDoc & { by: string } = {
      _id: enrolmentGid,
      kind: 'enrolment',
      contact: contactGid,
      t: stamp(e.stateChangedAt, rep.id),
      row: strip(e, ['id', 'contactId', 'laterDueAt']),
      by: rep.id,
    };
    yield enrolment;
    const want = perContact + (extra > 0 ? 1 : 0);
    if (extra > 0) extra--;
    const last = acts.at(-1)?.at ?? enrolledAt;
    for (let k = acts.length; k < want; k++)
      acts.push({
        kind: 'note',
        at: Math.min(shape.now - 1_000, last + (k + 1) * 600_000),
        contactId: i + 1,
        text: `Call notes ${k}: spoke with the front desk, decision maker back on Monday.`,
        source: 'sidebar',
      });
    for (const [k, a] of acts.slice(0, want).entries()) {
      const doc: ActivityDoc & { by: string } = {
        _id: gidFor('activity', i, k),
        kind: 'activity',
        t: stamp(a.at, rep.id),
        // Who logged it (team metrics count per rep).
        row: {
          ...strip(a, ['id', 'contactId', 'enrolmentId', 'touchId']),
          rep: { id: rep.id, name: rep.name },
        },
        contact: contactGid,
        by: rep.id,
      };
      if (a.kind !== 'note') doc.enrolment = enrolmentGid;
      yield doc;
    }
  }
}

/** What a replica holds once it applied {@link teamDocs} (for the bench's checks). */
export function teamCounts(shape: TeamShape): TeamCounts {
  const c: TeamCounts = { contacts: 0, enrolments: 0, activities: 0, suppressions: 0, active: 0 };
  for (const d of teamDocs(shape)) {
    if (d.kind === 'contact') c.contacts++;
    else if (d.kind === 'enrolment') {
      c.enrolments++;
      if (d.row.state === 'active') c.active++;
    } else if (d.kind === 'activity') c.activities++;
    else c.suppressions++;
  }
  return c;
}
