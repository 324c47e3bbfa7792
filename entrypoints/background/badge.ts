import { badgeFor } from '@/lib/badge/badge';
import { type DueSummary, dueSummary, getDb } from '@/lib/db';

/** Recomputes the badge from IndexedDB. Nothing is cached: MV3 may stop this worker any time. */
export async function refreshBadge(now = Date.now()): Promise<DueSummary> {
  const summary = await dueSummary(getDb(), now);
  const view = badgeFor(summary);
  await Promise.all([
    browser.action.setBadgeText({ text: view.text }),
    browser.action.setBadgeBackgroundColor({ color: view.color }),
    browser.action.setTitle({ title: view.title }),
  ]);
  return summary;
}
