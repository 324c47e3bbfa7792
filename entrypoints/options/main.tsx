import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@/components/ui/theme.css';
import { DashboardApp, preloadTab } from '@/components/options/DashboardApp';
import { getDb } from '@/lib/db';
import { initI18n, t } from '@/lib/i18n';
import { DASHBOARD_TABS, useDashboard } from '@/lib/stores/dashboard';

const root = document.getElementById('root');
if (root) {
  // Open IndexedDB while the tab's code loads: the first query then finds it ready.
  void getDb()
    .open()
    .catch(() => undefined);
  // The opening tab's chunk first, so the first render already shows it.
  // The rep's language override loads with the tab's chunk, before the first render.
  await Promise.all([preloadTab(useDashboard.getState().tab, true).catch(() => undefined), initI18n()]);
  document.title = t('dash_page_title');
  createRoot(root).render(
    <StrictMode>
      <DashboardApp />
    </StrictMode>,
  );
  // Then the other tabs, once the page is idle, so switching tabs never waits on a chunk.
  const others = () => {
    for (const t of DASHBOARD_TABS) void preloadTab(t.id).catch(() => undefined);
  };
  setTimeout(others, 3000);
}
