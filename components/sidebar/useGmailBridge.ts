import { useCallback, useEffect, useRef, useState } from 'react';
import { type FromSidebar, isToSidebar, type ToSidebar } from '@/lib/messaging/protocol';
import type { PageView } from '@/lib/sites/types';

/** Only Gmail may embed the sidebar and talk to it. */
const HOST_ORIGIN = 'https://mail.google.com';
const INSERT_TIMEOUT_MS = 8000;

export type InsertRequest = Omit<Extract<FromSidebar, { tb: 'insert' }>, 'tb' | 'requestId'>;
export interface InsertAnswer {
  ok: boolean;
  reason?: string;
  composeId?: string;
}

export interface GmailBridge {
  /** The latest page view (undefined until the content script sent one). */
  view: PageView | undefined;
  theme: 'light' | 'dark' | undefined;
  collapsed: boolean;
  setCollapsed(collapsed: boolean): void;
  /** Asks the content script to put a draft into Gmail's compose; never rejects. */
  insert(req: InsertRequest): Promise<InsertAnswer>;
}

function post(msg: FromSidebar): void {
  // Outside Gmail (the page opened on its own) there is no parent to talk to.
  if (window.parent !== window) window.parent.postMessage(msg, HOST_ORIGIN);
}

let requestSeq = 0;

/** The sidebar's end of the postMessage bridge: origin and source are checked on every message. */
export function useGmailBridge(): GmailBridge {
  const [view, setView] = useState<PageView>();
  const [theme, setTheme] = useState<'light' | 'dark'>();
  const [collapsed, setCollapsedState] = useState(false);
  const pending = useRef(new Map<string, (a: InsertAnswer) => void>());

  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      if (e.source !== window.parent || e.origin !== HOST_ORIGIN) return;
      if (!isToSidebar(e.data)) return;
      const msg: ToSidebar = e.data;
      if (msg.tb === 'view') setView(msg.view);
      else if (msg.tb === 'theme') setTheme(msg.theme);
      else if (msg.tb === 'collapsed') setCollapsedState(msg.collapsed);
      else if (msg.tb === 'insert-result') {
        const resolve = pending.current.get(msg.requestId);
        pending.current.delete(msg.requestId);
        resolve?.({ ok: msg.ok, reason: msg.reason, composeId: msg.composeId });
      }
    };
    window.addEventListener('message', onMessage);
    post({ tb: 'ready' });
    return () => window.removeEventListener('message', onMessage);
  }, []);

  const setCollapsed = useCallback((next: boolean) => {
    setCollapsedState(next);
    post({ tb: 'collapse', collapsed: next });
  }, []);

  // The toggle shortcut also works while focus is inside the sidebar (Gmail never sees those keys).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyK') {
        e.preventDefault();
        setCollapsed(!collapsed);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [collapsed, setCollapsed]);

  const insert = useCallback((req: InsertRequest) => {
    requestSeq += 1;
    const requestId = `i${requestSeq}-${Date.now().toString(36)}`;
    return new Promise<InsertAnswer>((resolve) => {
      const timer = window.setTimeout(() => {
        pending.current.delete(requestId);
        resolve({ ok: false, reason: 'Gmail did not answer. Reload the Gmail tab and try again.' });
      }, INSERT_TIMEOUT_MS);
      pending.current.set(requestId, (a) => {
        window.clearTimeout(timer);
        resolve(a);
      });
      post({ tb: 'insert', requestId, ...req });
    });
  }, []);

  return { view, theme, collapsed, setCollapsed, insert };
}
