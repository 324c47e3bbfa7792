import { forgetPageState } from '@/lib/messaging/page-channel';

/** A closed tab's page report is dropped, so session storage holds only open tabs. */
export function registerPageTabs(): void {
  browser.tabs.onRemoved.addListener((tabId) => {
    void forgetPageState(tabId).catch(() => undefined);
  });
}
