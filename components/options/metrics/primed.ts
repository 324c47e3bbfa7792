/**
 * The weekly review's first read, started as the dashboard opens on the metrics tab, while the
 * tab's code (chart.js with it) is still loading. Without it the tab read the settings only once
 * it had rendered, and the two weeks' activities only once those were in: two reads after the
 * code, one after the other.
 */
import { getDb, getSettings, type RepSettings, type TouchbaseDb } from '@/lib/db';
import { loadMetricsData, type MetricsData } from '@/lib/db/metrics-data';
import { reviewWeeks } from '@/lib/metrics/week';

/** What the tab's first render shows: this week and last as of `now`, in the settings' zone. */
export interface MetricsStart {
  now: number;
  settings: RepSettings;
  /** Last week's start and this week's end: the span {@link loadMetricsData} was asked for. */
  from: number;
  to: number;
  data: MetricsData;
}

/** The settings, then the data of the week holding `now` and the week before, in their zone. */
export async function readMetricsStart(db: TouchbaseDb, now: number): Promise<MetricsStart> {
  const settings = await getSettings(db);
  const { week, prev } = reviewWeeks(now, settings.timeZone);
  return { now, settings, from: prev.from, to: week.to, data: await loadMetricsData(db, prev.from, week.to) };
}

let primed: MetricsStart | undefined;

/** Reads {@link readMetricsStart} for now, for the tab's next first render. */
export async function primeMetrics(): Promise<void> {
  primed = await readMetricsStart(getDb(), Date.now());
}

/**
 * The primed read, for the render that mounts the tab; dropped after this task, so a tab opened
 * later reads afresh rather than showing a read from minutes before.
 */
export function takePrimedMetrics(): MetricsStart | undefined {
  const p = primed;
  if (p) queueMicrotask(() => (primed = undefined));
  return p;
}
