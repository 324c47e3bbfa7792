/**
 * The popup's first screen, drawn before React, Dexie and the rest of the popup have loaded.
 *
 * With 20,000 touches due the popup's first row took 360 ms on a quiet machine (600 KB of modules
 * compiled, a Dexie read, React's first frames), against about 60 ms for an extension page with
 * nothing in it. The background already keeps the popup's header counts and rows ready with every
 * recount (lib/db/due-summary.ts); this module reads them with plain IndexedDB
 * (lib/db/popup-first.ts), checks that they still hold at `now` with the same rules the full popup
 * uses, groups and orders them with the same functions (groupDue, the lead scores), and draws the
 * header and the first screenful as the full popup draws them: the same elements, classes and
 * words. The full popup then loads and, once its own first read is in, replaces it in one frame.
 *
 * Anything it cannot vouch for draws nothing and leaves the popup to React as before: no stored
 * rows (a write since the recount), another day, team sync on (owners, teammates' leads), an
 * empty week. It never throws: a failure is the same as nothing to draw.
 */
import type { PopupRows } from '@/lib/db/popup-rows';
import type { ContactRow, RepSettings, TouchRow } from '@/lib/db/schema';
import { usableDueCounts, usablePopupRows } from '@/lib/db/due-summary-check';
import { type FirstRead, readFirstPaint } from '@/lib/db/popup-first';
import { DAY_MS } from '@/lib/cadence/zoned';
import { formatCount, initI18n, type MessageKey, t } from '@/lib/i18n';
import { scoreExplanation } from '@/lib/labels/score';
import { type Score, scoreLead, scoringOf } from '@/lib/scoring';
import { type DueGroupId, groupDue, UPCOMING_DAYS, waitingOn } from '@/lib/touches/due-groups';
import { CHANNEL_LABELS, contactLabel, PURPOSE_LABELS, touchNumberLabel } from '@/lib/touches/labels';
import { countdown, whenLabel } from '@/lib/touches/when';
import { CHANNEL_PATHS } from './channel-paths';

export const GROUPS: { id: DueGroupId; title: MessageKey }[] = [
  { id: 'overdue', title: 'popup_group_overdue' },
  { id: 'today', title: 'popup_group_today' },
  { id: 'upcoming', title: 'popup_group_upcoming' },
];

/**
 * Rows drawn before the first paint, the rest the frame after: a 600 px popup shows about nine
 * (each drawn first delays the first paint, 1-2 ms apiece at load 9), the side panel twice that.
 */
export const FIRST_SCREEN = 12;
export const FIRST_SCREEN_EMBEDDED = 20;

export const PRIORITY_KEYS: Record<string, MessageKey> = {
  High: 'priority_high',
  Medium: 'priority_medium',
  Low: 'priority_low',
};

/** A speed-to-lead clock is worth showing while due and until an hour past its deadline. */
export function showsCountdown(t: TouchRow, now: number): boolean {
  return t.withinMinutes !== undefined && t.dueAt <= now && now - t.deadlineAt < 3_600_000;
}

/** What the first screen shows, as the full popup would at `now`. */
export interface FirstScreen {
  counts: Record<DueGroupId, number>;
  groups: { id: DueGroupId; title: MessageKey; count: number; rows: TouchRow[] }[];
  contacts: Map<number, ContactRow>;
  scores: Map<number, Score>;
  blocked: Map<number, TouchRow>;
  timeZone: string;
  /** Past the cap: the rows the full popup will list and the true total. */
  truncated?: { shown: number; total: number };
}

/**
 * The rows' contacts by id and each one's lead score at `at` (the popup's minute), for the order
 * and the priority chip: the first screen and the full popup (usePopupData) alike.
 */
export function scoredContacts(
  rows: Pick<PopupRows, 'contacts' | 'facts'>,
  settings: RepSettings,
  at: number,
): { contacts: Map<number, ContactRow>; scores: Map<number, Score> } {
  const contacts = new Map<number, ContactRow>();
  const scores = new Map<number, Score>();
  const scoring = scoringOf(settings);
  rows.contacts.forEach((c, i) => {
    contacts.set(c.id, c);
    scores.set(c.id, scoreLead(rows.facts[i]!, scoring, at));
  });
  return { contacts, scores };
}

/**
 * The first screen from what was read, or `undefined` when the stored rows do not hold at `now`
 * (or there is nothing due this week: the full popup's own states). Pure.
 */
export function firstScreen(read: FirstRead, now: number): FirstScreen | undefined {
  const settings = read.rows?.settings;
  if (read.syncOn || !settings) return undefined;
  const minute = Math.floor(now / 60_000) * 60_000;
  const horizon = minute + UPCOMING_DAYS * DAY_MS;
  const rows = usablePopupRows(read, now, settings.timeZone, horizon);
  if (!rows || rows.touches.length === 0) return undefined;
  const stored = rows.truncated ? usableDueCounts(read, now, settings.timeZone, horizon) : undefined;
  if (rows.truncated && !stored) return undefined;
  const { contacts, scores } = scoredContacts(rows, settings, minute);
  const grouped = groupDue(
    rows.touches,
    now,
    settings.timeZone,
    undefined,
    (x) => scores.get(x.contactId)?.score ?? 0,
  );
  const flat = [...grouped.overdue, ...grouped.today, ...grouped.upcoming];
  if (flat.length === 0) return undefined;
  const counts = stored ?? {
    overdue: grouped.overdue.length,
    today: grouped.today.length,
    upcoming: grouped.upcoming.length,
  };
  const shown = new Set(flat.slice(0, FIRST_SCREEN).map((x) => x.id));
  return {
    counts,
    groups: GROUPS.map(({ id, title }) => ({
      id,
      title,
      count: counts[id],
      rows: grouped[id].filter((x) => shown.has(x.id)),
    })).filter((g) => g.rows.length > 0),
    contacts,
    scores,
    blocked: waitingOn(rows.touches),
    timeZone: settings.timeZone,
    ...(rows.truncated
      ? { truncated: { shown: flat.length, total: counts.overdue + counts.today + counts.upcoming } }
      : {}),
  };
}

type Child = Node | string | null | undefined | false;

function el(tag: string, attrs: Record<string, string>, ...children: Child[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) if (c) e.append(c);
  return e;
}

function channelIcon(channel: TouchRow['channel']): Element {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  for (const [k, v] of Object.entries({
    class: `tb-channel-icon ch-${channel}`,
    viewBox: '0 0 24 24',
    width: '16',
    height: '16',
    role: 'img',
    'aria-label': CHANNEL_LABELS[channel],
  }))
    svg.setAttribute(k, v);
  const path = document.createElementNS(ns, 'path');
  for (const [k, v] of Object.entries({
    d: CHANNEL_PATHS[channel],
    fill: 'none',
    stroke: 'currentColor',
    'stroke-width': '1.8',
    'stroke-linecap': 'round',
    'stroke-linejoin': 'round',
  }))
    path.setAttribute(k, v);
  svg.append(path);
  return svg;
}

/** One row as DueRow draws it (collapsed, no owner: team sync is off here). */
function row(screen: FirstScreen, touch: TouchRow, now: number, focused: boolean): HTMLElement {
  const contact = screen.contacts.get(touch.contactId);
  const score = screen.scores.get(touch.contactId);
  const waitsFor = screen.blocked.get(touch.id);
  const when = whenLabel(touch, now, screen.timeZone);
  const clock = showsCountdown(touch, now) ? countdown(touch.deadlineAt, now) : undefined;
  const company = contact?.company.trim();
  const head = el(
    'button',
    {
      type: 'button',
      class: 'tb-due-head',
      'aria-expanded': 'false',
      tabindex: focused ? '0' : '-1',
      'data-testid': 'due-row-head',
    },
    el('span', { class: `tb-due-icon ch-${touch.channel}` }, channelIcon(touch.channel)),
    el(
      'span',
      { class: 'tb-due-main' },
      el(
        'span',
        { class: 'tb-due-who' },
        el(
          'span',
          { class: 'tb-due-who-text' },
          el('strong', {}, contactLabel(contact)),
          company ? el('span', { class: 'tb-muted' }, ` · ${company}`) : null,
        ),
        score
          ? el(
              'span',
              {
                class: `tb-priority ${score.priority.toLowerCase()}`,
                'data-testid': 'priority',
                title: t('popup_lead_score', { explanation: scoreExplanation(score) }),
              },
              t(PRIORITY_KEYS[score.priority] ?? 'priority_low'),
            )
          : null,
      ),
      el(
        'span',
        { class: 'tb-due-what tb-muted' },
        // As React writes them: a label missing (a peer's unknown value) is left empty.
        `${CHANNEL_LABELS[touch.channel] ?? ''} · ${PURPOSE_LABELS[touch.purpose] ?? ''} · ${touchNumberLabel(touch)}${
          waitsFor ? ` · ${t('popup_after_step', { step: waitsFor.step })}` : ''
        }`,
      ),
    ),
    el(
      'span',
      { class: 'tb-due-when' },
      clock
        ? el(
            'span',
            {
              class: `tb-countdown${clock.passed ? ' passed' : ''}`,
              'data-testid': 'countdown',
              title: t('popup_speed_to_lead', { minutes: touch.withinMinutes ?? 0 }),
            },
            clock.text,
          )
        : null,
      el('span', { class: `tb-when ${when.tone}` }, when.text),
    ),
  );
  return el('li', { class: 'tb-due', 'data-testid': 'due-row', 'data-touch-id': String(touch.id) }, head);
}

/** The popup's header and first screenful as elements (what PopupApp draws first, without its footer). */
export function drawFirstScreen(screen: FirstScreen, now: number): HTMLElement {
  const { counts } = screen;
  const summary = el(
    'span',
    { class: 'tb-popup-summary', 'data-testid': 'popup-summary' },
    counts.overdue > 0
      ? el('span', { class: 'late' }, t('popup_summary_overdue', { count: counts.overdue }))
      : null,
    counts.overdue > 0 && counts.today > 0 ? ' · ' : null,
    counts.today > 0 ? t('popup_summary_today', { count: counts.today }) : null,
  );
  const header = el(
    'header',
    { class: 'tb-popup-header' },
    el('img', { src: '/icon/32.png', alt: '', width: '20', height: '20' }),
    el('h1', {}, 'Touchbase'),
    summary,
    el(
      'button',
      { type: 'button', class: 'tb-small tb-header-link', 'data-testid': 'open-dashboard' },
      t('popup_dashboard'),
    ),
  );
  const firstId = screen.groups[0]?.rows[0]?.id;
  const list = el(
    'div',
    { 'data-testid': 'popup-list' },
    ...screen.groups.map((g) =>
      el(
        'section',
        { class: `tb-group tb-group-${g.id}`, 'data-testid': `group-${g.id}` },
        el(
          'h2',
          { class: 'tb-section-title' },
          t(g.title),
          ' ',
          el('span', { class: 'tb-count' }, formatCount(g.count)),
        ),
        el('ul', { class: 'tb-due-list' }, ...g.rows.map((x) => row(screen, x, now, x.id === firstId))),
      ),
    ),
    screen.truncated
      ? el(
          'p',
          { class: 'tb-muted tb-more', 'data-testid': 'popup-truncated' },
          t('popup_truncated', screen.truncated),
        )
      : null,
    el('p', { class: 'tb-keys tb-muted', 'aria-hidden': 'true' }, t('popup_keys')),
  );
  return el('div', { class: 'tb-popup' }, header, el('main', { class: 'tb-popup-body' }, list));
}

let clickedEarly: number | undefined;

/** The touch whose row the rep clicked on the first screen, once (the full popup opens it). */
export function takeEarlyClick(): number | undefined {
  const id = clickedEarly;
  clickedEarly = undefined;
  return id;
}

/**
 * Reads, checks and draws the first screen into `root` (the rep's language loads meanwhile).
 * Answers whether it drew: when it did, the full popup renders once its own data is in.
 */
export async function paintFirstScreen(root: HTMLElement, idb?: IDBFactory): Promise<boolean> {
  try {
    const [read] = await Promise.all([readFirstPaint(idb), initI18n()]);
    if (!read) return false;
    const now = Date.now();
    const screen = firstScreen(read, now);
    if (!screen) return false;
    const drawn = drawFirstScreen(screen, now);
    // A row clicked before the full popup has its rows opens as soon as it does.
    drawn.addEventListener('click', (e) => {
      const id = Number((e.target as Element).closest('[data-touch-id]')?.getAttribute('data-touch-id'));
      if (Number.isInteger(id)) clickedEarly = id;
    });
    root.replaceChildren(drawn);
    return true;
  } catch {
    return false;
  }
}
