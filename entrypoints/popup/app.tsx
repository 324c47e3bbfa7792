import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n, t } from '@/lib/i18n';
import { PopupApp } from '@/components/popup/PopupApp';
import { startPopupQuery } from '@/components/popup/usePopupData';

/**
 * The full popup. With a first screen already drawn (main.tsx), it renders once its own first
 * read is in, so React's first frame replaces those rows with the same rows, live, rather than
 * with an empty header.
 */
export async function startPopup(root: HTMLElement, painted: boolean): Promise<void> {
  // IndexedDB reads while React starts.
  const firstRead = startPopupQuery();
  // The rep's language override loads before the first render, so nothing flashes in English.
  await initI18n();
  document.title = t('ext_name');
  if (painted) await Promise.race([firstRead, new Promise((resolve) => setTimeout(resolve, 2_000))]);
  createRoot(root).render(
    <StrictMode>
      <PopupApp />
    </StrictMode>,
  );
}
