import { resetI18n, uiLanguage } from '@/lib/i18n';

/**
 * When the rep picks another interface language, the worker forgets the loaded one (the next
 * badge or notification loads the new choice) and rewrites the badge title in it at once.
 */
export function registerLanguage(refreshBadge: () => Promise<unknown>): void {
  uiLanguage.watch(() => {
    resetI18n();
    void refreshBadge().catch(() => undefined);
  });
}
