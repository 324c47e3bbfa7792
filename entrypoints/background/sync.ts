import { runSync } from '@/lib/sync/service';
import { syncConfig } from '@/lib/sync/setup';

/** The team sync alarm: only while sync is on. */
export const SYNC_ALARM = 'touchbase-sync';

/**
 * Team sync runs from its alarm and when the browser comes back online. Listeners are added in
 * the first turn (MV3 wakes a worker only for those); the alarm follows the setting at every
 * start and whenever the setting changes. The badge is recounted after each run.
 */
export function registerSync(afterRun: () => Promise<unknown>): void {
  // What a run applied (a lead assigned to this rep, a teammate's opt-out) shows on the badge
  // at once, not at the next due-alarm minute.
  const run = (reason: string) =>
    void runSync(reason)
      .then(() => afterRun())
      .catch(() => undefined);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) run('alarm');
  });
  globalThis.addEventListener?.('online', () => run('online'));
  void followSetting();
  syncConfig.watch(() => void followSetting());
}

async function followSetting(): Promise<void> {
  const cfg = await syncConfig.getValue();
  const alarm = await browser.alarms.get(SYNC_ALARM);
  if (cfg?.enabled && !alarm)
    await browser.alarms.create(SYNC_ALARM, { periodInMinutes: 1, delayInMinutes: 1 });
  if (!cfg?.enabled && alarm) await browser.alarms.clear(SYNC_ALARM);
}
