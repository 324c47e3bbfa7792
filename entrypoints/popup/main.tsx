import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@/components/ui/theme.css';
import { initI18n, t } from '@/lib/i18n';
import { PopupApp } from '@/components/popup/PopupApp';
import { startPopupQuery } from '@/components/popup/usePopupData';

// IndexedDB reads while React starts.
startPopupQuery();

const root = document.getElementById('root');
if (root) {
  // The rep's language override loads before the first render, so nothing flashes in English.
  await initI18n();
  document.title = t('ext_name');
  createRoot(root).render(
    <StrictMode>
      <PopupApp />
    </StrictMode>,
  );
}
