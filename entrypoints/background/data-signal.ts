import Dexie from 'dexie';
import { dataVersion } from '@/lib/sidebar/signal';

/**
 * Bumps `dataVersion` shortly after any write to the database (ours, or one an extension page
 * made), so the Gmail sidebar, which reads through the background, refreshes.
 */
export function registerDataSignal(): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  Dexie.on('storagemutated', () => {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      void dataVersion.setValue(Date.now()).catch(() => undefined);
    }, 30);
  });
}
