import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@/components/ui/theme.css';
import { initI18n, t } from '@/lib/i18n';
import { SidePanelApp } from '@/components/sidepanel/SidePanelApp';

const root = document.getElementById('root');
if (root) {
  // The rep's language override loads before the first render, so nothing flashes in English.
  await initI18n();
  document.title = t('ext_name');
  createRoot(root).render(
    <StrictMode>
      <SidePanelApp />
    </StrictMode>,
  );
}
