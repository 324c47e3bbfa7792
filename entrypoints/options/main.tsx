import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@/components/ui/theme.css';
import { DashboardApp, preloadTab } from '@/components/options/DashboardApp';
import { DASHBOARD_TABS, useDashboard } from '@/lib/stores/dashboard';

const root = document.getElementById('root');
if (root) {
  // The opening tab's chunk first, so the first render already shows it.
  await preloadTab(useDashboard.getState().tab).catch(() => undefined);
  createRoot(root).render(
    <StrictMode>
      <DashboardApp />
    </StrictMode>,
  );
  // Then the other tabs, once the page is idle, so switching tabs never waits on a chunk.
  const others = () => {
    for (const t of DASHBOARD_TABS) void preloadTab(t.id).catch(() => undefined);
  };
  if ('requestIdleCallback' in window) requestIdleCallback(others, { timeout: 2000 });
  else setTimeout(others, 500);
}
