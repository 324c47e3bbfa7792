import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@/components/ui/theme.css';
import { SidebarApp } from '@/components/sidebar/SidebarApp';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <SidebarApp />
    </StrictMode>,
  );
}
