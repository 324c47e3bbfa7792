import { getDb, storeLaterTouches } from '@/lib/db';
import { refreshBadge } from './badge';
import { importLanding } from './messaging';

/**
 * The one named alarm: every minute it stores the planned touches coming within the horizon,
 * recomputes the badge (and runs the timed nudges).
 */
export const DUE_ALARM = 'touchbase-due';

export type TickHandler = (now: number) => Promise<void>;

/**
 * Registers the alarm listener synchronously (MV3 only wakes a worker for listeners added in the
 * first turn) and re-creates the alarm if it is missing, at every start.
 */
export function registerAlarms(extraTick?: TickHandler): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== DUE_ALARM) return;
    void tick(extraTick);
  });
  void ensureAlarm(extraTick);
}

async function ensureAlarm(extraTick?: TickHandler): Promise<void> {
  const existing = await browser.alarms.get(DUE_ALARM);
  if (!existing) await browser.alarms.create(DUE_ALARM, { periodInMinutes: 1, delayInMinutes: 1 });
  await tick(extraTick);
}

async function tick(extraTick?: TickHandler): Promise<void> {
  // Not between an import's batches: it would read and write the rows they are landing.
  await importLanding.wait();
  const now = Date.now();
  // Planned touches coming within the stored horizon become rows before anything reads them
  // (lib/db/horizon.ts); also at every worker start, since ensureAlarm ticks then.
  try {
    await storeLaterTouches(getDb(), now);
  } catch (err) {
    console.warn('[touchbase] storing upcoming touches failed', err);
  }
  // Separately guarded: a badge that cannot be drawn must not also silence the notifications.
  try {
    await refreshBadge(now);
  } catch (err) {
    console.warn('[touchbase] badge refresh failed', err);
  }
  try {
    await extraTick?.(now);
  } catch (err) {
    console.warn('[touchbase] alarm tick failed', err);
  }
}
