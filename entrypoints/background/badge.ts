import { badgeFor } from '@/lib/badge/badge';
import { toolbarAction } from '@/lib/browser/action';
import { type DueSummary, dueSummary, getDb } from '@/lib/db';
import { initI18n } from '@/lib/i18n';

/** Recomputes the badge from IndexedDB. Nothing is cached: MV3 may stop this worker any time. */
export async function refreshBadge(now = Date.now()): Promise<DueSummary> {
  const [summary] = await Promise.all([dueSummary(getDb(), now), initI18n()]);
  const view = badgeFor(summary);
  const action = toolbarAction();
  if (action) {
    await Promise.all([
      action.setBadgeText({ text: view.text }),
      action.setBadgeBackgroundColor({ color: view.color }),
      action.setTitle({ title: view.title }),
    ]);
  }
  return summary;
}
