import { storage } from 'wxt/utils/storage';
import type { SiteId } from '@/lib/sites/types';

/** UI preferences that must survive reloads, in versioned extension storage (never localStorage). */
export const sidebarCollapsed = storage.defineItem<boolean>('local:sidebarCollapsed', {
  fallback: false,
  version: 1,
});

/**
 * Sites where the rep chose Chrome's side panel over the sidebar in the page: there the page's
 * own sidebar stays hidden. Empty by default (the sidebar in the page is the default everywhere).
 */
export const panelSites = storage.defineItem<SiteId[]>('local:panelSites', {
  fallback: [],
  version: 1,
});
