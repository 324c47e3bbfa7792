import { storage } from 'wxt/utils/storage';
import type { UiLocaleChoice } from './locales';

/**
 * The rep's interface language, when it is not the browser's. Extension storage, not Dexie: the
 * sidebar framed in Gmail has no IndexedDB, and every surface reads this before its first render.
 */
export const uiLanguage = storage.defineItem<UiLocaleChoice>('local:uiLanguage', {
  fallback: 'auto',
  version: 1,
});
