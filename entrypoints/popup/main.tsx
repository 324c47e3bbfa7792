import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@/components/ui/theme.css';
import { PopupApp } from '@/components/popup/PopupApp';
import { startPopupQuery } from '@/components/popup/usePopupData';

// IndexedDB reads while React starts.
startPopupQuery();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <PopupApp />
    </StrictMode>,
  );
}
