import { useEffect, useState } from 'react';
import { isToSidebar } from '@/lib/messaging/protocol';
import type { PageView } from '@/lib/sites/types';

/** The Gmail sidebar, an extension page inside an iframe. */
export function SidebarApp() {
  const [view, setView] = useState<PageView | null>(null);
  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      // Only the page that embeds us may talk to us.
      if (e.source !== window.parent || e.origin !== 'https://mail.google.com') return;
      if (!isToSidebar(e.data)) return;
      if (e.data.tb === 'view') setView(e.data.view);
    };
    window.addEventListener('message', onMessage);
    window.parent.postMessage({ tb: 'ready' }, 'https://mail.google.com');
    return () => window.removeEventListener('message', onMessage);
  }, []);
  return (
    <main style={{ padding: 12 }}>
      <h1 style={{ fontSize: 15, margin: 0 }}>Touchbase</h1>
      <p data-testid="sidebar-url" className="tb-muted">
        {view ? view.url : 'Waiting for Gmail…'}
      </p>
    </main>
  );
}
