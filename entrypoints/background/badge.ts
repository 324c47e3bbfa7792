import { badgeFor } from '@/lib/badge/badge';
import { toolbarAction } from '@/lib/browser/action';
import { type DueSummary, dueSummary, getDb } from '@/lib/db';
import { storeDueCounts } from '@/lib/db/due-summary';
import { UPCOMING_DAYS } from '@/lib/touches/due-groups';
import { initI18n } from '@/lib/i18n';

/**
 * Recomputes the badge from IndexedDB (nothing is cached in memory: MV3 may stop this worker any
 * time), then stores the popup's header counts for its next opening (lib/db/due-summary.ts).
 */
export async function refreshBadge(now = Date.now()): Promise<DueSummary> {
  const [summary] = await Promise.all([dueSummary(getDb(), now), initI18n()]);
  // Alongside the badge; a popup opened before they are stored counts for itself.
  const stored = storeDueCounts(getDb(), now, UPCOMING_DAYS).catch((err: unknown) =>
    console.warn('[touchbase] storing the due counts failed', err),
  );
  const view = badgeFor(summary);
  const action = toolbarAction();
  if (action) {
    await Promise.all([
      action.setBadgeText({ text: view.text }),
      action.setBadgeBackgroundColor({ color: view.color }),
      action.setTitle({ title: view.title }),
    ]);
  }
  await stored;
  return summary;
}
