import { lazy, Suspense } from 'react';
import { DASHBOARD_TABS, type DashboardTab, useDashboard } from '@/lib/stores/dashboard';
import { RepSetup } from '@/components/shared/RepSetup';
import { needsSetup } from '@/lib/settings/setup';
import { useSettings } from './contacts/useDashboardData';
import { primeMetrics } from './metrics/primed';
import './dashboard.css';
import { t } from '@/lib/i18n';

type TabComponent = () => React.JSX.Element;

// Each tab is its own chunk: the dashboard opens on the contacts table without loading charts.
const LOADERS: Record<DashboardTab, () => Promise<TabComponent>> = {
  // The landing tab's first screen of data is read while its code loads.
  contacts: () =>
    Promise.all([
      import('./ContactsTab'),
      import('./contacts/useDashboardData').then((m) => m.primeContactRows()),
    ]).then(([m]) => m.ContactsTab),
  import: () => import('./ImportTab').then((m) => m.ImportTab),
  activity: () => import('./ActivityTab').then((m) => m.ActivityTab),
  playbooks: () => import('./PlaybooksTab').then((m) => m.PlaybooksTab),
  templates: () => import('./TemplatesTab').then((m) => m.TemplatesTab),
  metrics: () => import('./MetricsTab').then((m) => m.MetricsTab),
  settings: () => import('./SettingsTab').then((m) => m.SettingsTab),
};

const LAZY = Object.fromEntries(
  Object.entries(LOADERS).map(([id, load]) => [id, lazy(() => load().then((c) => ({ default: c })))]),
) as Record<DashboardTab, React.LazyExoticComponent<TabComponent>>;

const ContactDrawer = lazy(() =>
  import('./contacts/ContactDrawer').then((m) => ({ default: m.ContactDrawer })),
);

/** Tabs whose chunk is already here render directly, without a Suspense fallback. */
const READY: Partial<Record<DashboardTab, TabComponent>> = {};

/**
 * The tab the page opens on reads its first data while its chunk loads (the contacts tab does so
 * in its loader). Only then: read ahead by the idle preload, it would be minutes old when shown.
 */
const OPENING_READS: Partial<Record<DashboardTab, () => Promise<void>>> = {
  metrics: primeMetrics,
};

/**
 * Loads a tab's chunk before the first render. React throttles revealing content that replaces
 * a Suspense fallback (about 300 ms), so the tab the page opens on must never suspend.
 * `opening`: the page opens on it, so its first read starts too ({@link OPENING_READS}).
 */
export async function preloadTab(tab: DashboardTab, opening = false): Promise<void> {
  if (READY[tab]) return;
  const read = opening ? OPENING_READS[tab]?.().catch(() => undefined) : undefined;
  const [component] = await Promise.all([LOADERS[tab](), read]);
  READY[tab] = component;
}

/** The full-page home: contacts, import/export, playbooks, templates, metrics, settings. */
export function DashboardApp() {
  const { tab, setTab, contactId, closeContact } = useDashboard();
  const settings = useSettings();
  const Tab = READY[tab] ?? LAZY[tab];
  return (
    <div className="tb-dash">
      <header className="tb-dash-header">
        <img src="/icon/32.png" alt="" width={24} height={24} />
        <h1>Touchbase</h1>
        <div className="tb-dash-tabs" role="tablist" aria-label={t('dash_dashboard_sections')}>
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
        {settings && needsSetup(settings) ? <RepSetup settings={settings} /> : null}
        <Suspense fallback={<p className="tb-muted">{t('common_loading')}</p>}>
          <Tab />
        </Suspense>
      </main>
      {tab === 'contacts' && contactId !== undefined ? (
        <Suspense fallback={null}>
          <ContactDrawer key={contactId} contactId={contactId} onClose={closeContact} />
        </Suspense>
      ) : null}
    </div>
  );
}
