import { lazy, Suspense } from 'react';
import { DASHBOARD_TABS, type DashboardTab, useDashboard } from '@/lib/stores/dashboard';
import './dashboard.css';

// Each tab is its own chunk: the dashboard opens on the contacts table without loading charts.
const TABS: Record<DashboardTab, React.LazyExoticComponent<() => React.JSX.Element>> = {
  contacts: lazy(() => import('./ContactsTab').then((m) => ({ default: m.ContactsTab }))),
  import: lazy(() => import('./ImportTab').then((m) => ({ default: m.ImportTab }))),
  activity: lazy(() => import('./ActivityTab').then((m) => ({ default: m.ActivityTab }))),
  playbooks: lazy(() => import('./PlaybooksTab').then((m) => ({ default: m.PlaybooksTab }))),
  templates: lazy(() => import('./TemplatesTab').then((m) => ({ default: m.TemplatesTab }))),
  metrics: lazy(() => import('./MetricsTab').then((m) => ({ default: m.MetricsTab }))),
  settings: lazy(() => import('./SettingsTab').then((m) => ({ default: m.SettingsTab }))),
};

/** The full-page home: contacts, import/export, playbooks, templates, metrics, settings. */
export function DashboardApp() {
  const { tab, setTab } = useDashboard();
  const Tab = TABS[tab];
  return (
    <div className="tb-dash">
      <header className="tb-dash-header">
        <img src="/icon/32.png" alt="" width={24} height={24} />
        <h1>Touchbase</h1>
        <div className="tb-dash-tabs" role="tablist" aria-label="Dashboard sections">
          {DASHBOARD_TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              aria-selected={tab === t.id}
              className={tab === t.id ? 'active' : ''}
              onClick={() => setTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
      </header>
      <main
        className="tb-dash-main"
        role="tabpanel"
        aria-label={DASHBOARD_TABS.find((t) => t.id === tab)?.label}
      >
        <Suspense fallback={<p className="tb-muted">Loading…</p>}>
          <Tab />
        </Suspense>
      </main>
    </div>
  );
}
