import { create } from 'zustand';
import { messageMap } from '@/lib/i18n';

export type DashboardTab =
  | 'contacts'
  | 'import'
  | 'activity'
  | 'playbooks'
  | 'templates'
  | 'metrics'
  | 'settings';

/** Each tab's label, read in the interface language when it is shown (not at load). */
const TAB_LABELS = messageMap<DashboardTab>({
  contacts: 'tab_contacts',
  import: 'tab_import',
  activity: 'tab_activity',
  playbooks: 'tab_playbooks',
  templates: 'tab_templates',
  metrics: 'tab_metrics',
  settings: 'tab_settings',
});

export const DASHBOARD_TABS: { id: DashboardTab; readonly label: string }[] = (
  Object.keys(TAB_LABELS) as DashboardTab[]
).map((id) => ({
  id,
  get label() {
    return TAB_LABELS[id];
  },
}));

/** Where the dashboard is: a tab, and on the contacts tab optionally one contact's record. */
export interface DashboardRoute {
  tab: DashboardTab;
  contactId?: number;
}

/** Reads `#/contacts/42`, `#/import`, `#import`; anything else is the contacts table. */
export function parseRoute(hash: string): DashboardRoute {
  const [id, sub] = hash.replace(/^#\/?/, '').split('/');
  if (!DASHBOARD_TABS.some((t) => t.id === id)) return { tab: 'contacts' };
  const tab = id as DashboardTab;
  if (tab === 'contacts' && sub && /^\d{1,15}$/.test(sub) && Number(sub) > 0)
    return { tab, contactId: Number(sub) };
  return { tab };
}

/** The hash of a route: `#/contacts/42`, `#/settings`. */
export function routeHash(route: DashboardRoute): string {
  return route.tab === 'contacts' && route.contactId !== undefined
    ? `#/contacts/${route.contactId}`
    : `#/${route.tab}`;
}

interface DashboardState extends DashboardRoute {
  setTab(tab: DashboardTab): void;
  /** Opens a contact's record (drawer over the contacts table). */
  openContact(id: number): void;
  closeContact(): void;
}

/**
 * Navigating writes the hash (one history entry each, so Back returns to the previous tab);
 * the store follows the hash, whoever changed it: a click, Back, Forward or a link.
 */
function go(route: DashboardRoute): void {
  if (typeof location === 'undefined') {
    useDashboard.setState({ tab: route.tab, contactId: route.contactId });
    return;
  }
  const hash = routeHash(route);
  if (location.hash !== hash) location.hash = hash;
  // Set now as well: the hashchange event comes a task later, and the click should not wait.
  useDashboard.setState({ tab: route.tab, contactId: route.contactId });
}

/** UI state only: which tab (and contact) is open, mirrored in the URL hash. */
export const useDashboard = create<DashboardState>(() => ({
  ...(typeof location === 'undefined' ? { tab: 'contacts' as const } : parseRoute(location.hash)),
  setTab: (tab) => go({ tab }),
  openContact: (id) => go({ tab: 'contacts', contactId: id }),
  closeContact: () => go({ tab: 'contacts' }),
}));

if (typeof window !== 'undefined' && typeof location !== 'undefined') {
  window.addEventListener('hashchange', () => {
    const route = parseRoute(location.hash);
    useDashboard.setState({ tab: route.tab, contactId: route.contactId });
  });
}
