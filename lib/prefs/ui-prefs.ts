import { storage } from 'wxt/utils/storage';

/** UI preferences that must survive reloads, in versioned extension storage (never localStorage). */
export const sidebarCollapsed = storage.defineItem<boolean>('local:sidebarCollapsed', {
  fallback: false,
  version: 1,
});
