import { create } from 'zustand';

export type DashboardTab =
  | 'contacts'
  | 'import'
  | 'activity'
  | 'playbooks'
  | 'templates'
  | 'metrics'
  | 'settings';

export const DASHBOARD_TABS: { id: DashboardTab; label: string }[] = [
  { id: 'contacts', label: 'Contacts' },
  { id: 'import', label: 'Import' },
  { id: 'activity', label: 'Activity & export' },
  { id: 'playbooks', label: 'Playbooks' },
  { id: 'templates', label: 'Templates' },
  { id: 'metrics', label: 'Metrics' },
  { id: 'settings', label: 'Settings' },
];

function tabFromHash(hash: string): DashboardTab {
  const id = hash.replace(/^#\/?/, '');
  return DASHBOARD_TABS.some((t) => t.id === id) ? (id as DashboardTab) : 'contacts';
}

interface DashboardState {
  tab: DashboardTab;
  setTab(tab: DashboardTab): void;
}

/** UI state only: which tab is open (mirrored in the URL hash so links like options.html#/import work). */
export const useDashboard = create<DashboardState>((set) => ({
  tab: typeof location === 'undefined' ? 'contacts' : tabFromHash(location.hash),
  setTab: (tab) => {
    if (typeof history !== 'undefined') history.replaceState(null, '', `#/${tab}`);
    set({ tab });
  },
}));
