/**
 * "The data changed": a number the background bumps in extension storage after writes, so the
 * sidebar (which may not open IndexedDB itself) knows when to ask again.
 */
import { storage } from 'wxt/utils/storage';

export const dataVersion = storage.defineItem<number>('local:dataVersion', { fallback: 0 });
