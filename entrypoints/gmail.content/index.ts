/**
 * Gmail content script: wiring only. It watches the page through the Gmail adapter, posts each
 * view (and Gmail's theme) to the sidebar iframe, inserts drafts the sidebar asks for, and tells
 * the background when a compose holding one of our drafts is sent. It stays small (no React,
 * no Dexie) and never lets an error reach Gmail.
 */
import { request } from '@/lib/messaging/client';
import type { FromSidebar } from '@/lib/messaging/protocol';
import { themeFromColors } from '@/lib/sidebar/theme';
import { insertIntoCompose, openCompose, watchGmail, watchSends } from '@/lib/sites/gmail';
import { mountSidebarFrame, type SidebarFrame } from '@/lib/sites/sidebar-frame';
import type { PageView } from '@/lib/sites/types';

/** Alt+Shift+K: Gmail binds no Alt+Shift letters, and K reads as "Touchbase". */
function isToggleKey(e: KeyboardEvent): boolean {
  return e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyK';
}

/** Reads Gmail's light/dark look from its main area's computed colours. */
function readTheme(): 'light' | 'dark' {
  const backgrounds: string[] = [];
  let el: Element | null = document.querySelector('[role="main"]') ?? document.body;
  while (el) {
    backgrounds.push(getComputedStyle(el).backgroundColor);
    el = el.parentElement;
  }
  return themeFromColors(backgrounds, document.body ? getComputedStyle(document.body).color : undefined);
}

/** Exposes the main-thread cost of the last navigation (extraction + our handling) for benchmarks. */
function markTiming(ms: number): void {
  const root = document.documentElement;
  root.setAttribute('data-touchbase-ms', ms.toFixed(3));
  root.setAttribute('data-touchbase-runs', String(Number(root.getAttribute('data-touchbase-runs') ?? 0) + 1));
}

async function handleInsert(
  frame: SidebarFrame,
  msg: Extract<FromSidebar, { tb: 'insert' }>,
  lastView: PageView | undefined,
): Promise<void> {
  const token = msg.touchId !== undefined ? String(msg.touchId) : undefined;
  let res: Awaited<ReturnType<typeof openCompose>>;
  if (lastView?.composes.length || msg.composeId) {
    res = insertIntoCompose(document, {
      composeId: msg.composeId,
      subject: msg.subject,
      body: msg.body,
      token,
    });
  } else if (msg.to) {
    res = await openCompose(document, window, { to: [msg.to], subject: msg.subject, body: msg.body, token });
  } else {
    res = { ok: false, reason: 'No open compose window found.' };
  }
  frame.post(
    res.ok
      ? { tb: 'insert-result', requestId: msg.requestId, ok: true, composeId: res.composeId }
      : { tb: 'insert-result', requestId: msg.requestId, ok: false, reason: res.reason },
  );
}

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    // Never throw into Gmail: anything unexpected is swallowed and the page is left alone.
    try {
      let lastView: PageView | undefined;
      let lastTheme: 'light' | 'dark' | undefined;
      let extractMs = 0;

      const postTheme = (force = false) => {
        const theme = readTheme();
        if (!force && theme === lastTheme) return;
        lastTheme = theme;
        frame.post({ tb: 'theme', theme });
      };

      const frame = mountSidebarFrame(ctx, (msg) => {
        try {
          if (msg.tb === 'ready') {
            // A (re)loaded sidebar starts from nothing: give it the page as it is now.
            postTheme(true);
            if (lastView) frame.post({ tb: 'view', view: lastView });
          } else if (msg.tb === 'insert') {
            void handleInsert(frame, msg, lastView).catch(() =>
              frame.post({
                tb: 'insert-result',
                requestId: msg.requestId,
                ok: false,
                reason: 'Could not insert into Gmail.',
              }),
            );
          }
        } catch {
          // ignore
        }
      });

      const stopWatch = watchGmail(
        window,
        (view) => {
          const t0 = performance.now();
          lastView = view;
          frame.post({ tb: 'view', view });
          postTheme();
          markTiming(extractMs + performance.now() - t0);
        },
        { now: () => performance.now(), onTiming: (ms) => (extractMs = ms) },
      );
      ctx.onInvalidated(stopWatch);

      const stopSends = watchSends(document, (e) => {
        const touchId = Number(e.token);
        // Only drafts drawn for a planned touch carry its id; one-off drafts record nothing.
        if (!Number.isInteger(touchId) || touchId <= 0) return;
        void request('gmail.sent', { touchId, to: e.to, subject: e.subject, bodyText: e.bodyText }).catch(
          () => undefined,
        );
      });
      ctx.onInvalidated(stopSends);

      ctx.addEventListener(
        window,
        'keydown',
        (e) => {
          if (!isToggleKey(e)) return;
          e.preventDefault();
          e.stopPropagation();
          frame.setCollapsed(!frame.isCollapsed());
        },
        { capture: true },
      );
    } catch {
      // the page keeps working without the sidebar
    }
  },
});
