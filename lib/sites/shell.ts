/**
 * The one content-script shell every host site runs, given its adapter: it mounts the sidebar,
 * reports what the page shows to the background (which keeps it for this tab), carries out the
 * commands the sidebar sends through the background, and reports sends of our drafts. It stays
 * small (no React, no Dexie, no date library) and never lets an error reach the host page.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { msg } from '@/lib/i18n/msg';
import { request } from '@/lib/messaging/client';
import {
  type InsertCommand,
  isTabCommandMessage,
  type PageCommand,
  type PageCommandResult,
} from '@/lib/messaging/protocol';
import { panelSites } from '@/lib/prefs/ui-prefs';
import { prefersPanel, withPanelChoice } from '@/lib/sidebar/panel';
import { themeFromColors } from '@/lib/sidebar/theme';
import { mountSidebarFrame, type SidebarFrame } from './sidebar-frame';
import type { InsertResult, PageView, SiteAdapter } from './types';

/** Alt+Shift+K: the sites bind no Alt+Shift letters, and K reads as "Touchbase". */
function isToggleKey(e: KeyboardEvent): boolean {
  return e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyK';
}

/** Reads the page's light/dark look from its main area's computed colours. */
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

function newSession(): string {
  return typeof crypto?.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

async function insertDraft(
  adapter: SiteAdapter,
  cmd: InsertCommand,
  view: PageView | undefined,
): Promise<PageCommandResult> {
  const token = cmd.token;
  let res: InsertResult;
  if (view?.composes.length || cmd.composeId) {
    res = adapter.insert(document, { composeId: cmd.composeId, subject: cmd.subject, body: cmd.body, token });
  } else if (cmd.to) {
    res = await adapter.openCompose(document, window, {
      to: [cmd.to],
      subject: cmd.subject,
      body: cmd.body,
      token,
    });
  } else {
    res = { ok: false, reason: msg('page_no_compose') };
  }
  return res.ok ? { ok: true, composeId: res.composeId } : { ok: false, problem: res.reason };
}

export function runPageShell(ctx: ContentScriptContext, adapter: SiteAdapter): void {
  try {
    const session = newSession();
    let view: PageView | undefined;
    let theme: 'light' | 'dark' | undefined;
    let collapsed = false;
    let extractMs = 0;

    // The whole state each time: the background stores it as one value, so reports never race.
    const report = () => {
      void request('page.report', {
        session,
        collapsed,
        capabilities: adapter.capabilities,
        ...(view ? { view } : {}),
        ...(theme ? { theme } : {}),
      }).catch(() => undefined);
    };

    // Sites with pages not worth a sidebar (CRM lists, dashboards) get nothing mounted until the
    // rep opens a record; once mounted, the panel stays and says calmly when there is nothing here.
    let frame: SidebarFrame | undefined;
    // The rep chose Chrome's side panel for this site: the page keeps no sidebar of its own (the
    // reports still go, the side panel reads them).
    let inPanel = false;
    const ensureFrame = (): SidebarFrame => {
      frame ??= mountSidebarFrame(ctx, (next) => {
        collapsed = next;
        report();
      });
      frame.setHidden(inPanel);
      return frame;
    };
    const applyPlace = (list: unknown) => {
      inPanel = prefersPanel(list, adapter.site);
      frame?.setHidden(inPanel);
    };
    void panelSites
      .getValue()
      .then(applyPlace)
      .catch(() => undefined);
    ctx.onInvalidated(panelSites.watch(applyPlace));
    const relevant = (url: string) => {
      try {
        return adapter.isRelevant ? adapter.isRelevant(url) : true;
      } catch {
        return false;
      }
    };
    if (relevant(window.location.href)) ensureFrame();

    const run = async (cmd: PageCommand): Promise<PageCommandResult> => {
      if (cmd.kind === 'collapse') {
        frame?.setCollapsed(cmd.collapsed);
        return { ok: true };
      }
      if (cmd.kind === 'ping') return { ok: true, session };
      return insertDraft(adapter, cmd, view);
    };
    const onCommand = (message: unknown, sender: { id?: string }) => {
      // Only this extension can reach a content script's runtime listener; checked all the same.
      if (sender.id !== browser.runtime.id || !isTabCommandMessage(message)) return undefined;
      return run(message.tbCommand).catch(() => ({ ok: false, problem: msg('page_command_failed') }));
    };
    browser.runtime.onMessage.addListener(onCommand);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onCommand));

    const stopWatch = adapter.watch(
      window,
      (next) => {
        const t0 = performance.now();
        if (!frame && !relevant(next.url)) return;
        ensureFrame();
        view = next;
        try {
          theme = readTheme();
        } catch {
          // the sidebar keeps its light look
        }
        report();
        markTiming(extractMs + performance.now() - t0);
      },
      { now: () => performance.now(), onTiming: (ms) => (extractMs = ms) },
    );
    ctx.onInvalidated(stopWatch);

    // Only confirmed (or scheduled) sends of our drafts arrive here; the background decides what
    // each token stands for and whether its contact was among the recipients. Pages that cannot
    // see sends (record pages) watch nothing for them.
    const stopSends = !adapter.capabilities.sends
      ? () => undefined
      : adapter.watchSends(
          document,
          (e) => {
            void request('gmail.sent', {
              token: e.token,
              to: e.to,
              cc: e.cc,
              bcc: e.bcc,
              subject: e.subject,
              bodyText: e.bodyText,
              ...(e.scheduledAt !== undefined ? { scheduledAt: e.scheduledAt } : {}),
            }).catch(() => undefined);
          },
          { now: () => Date.now() },
        );
    ctx.onInvalidated(stopSends);

    ctx.addEventListener(
      window,
      'keydown',
      (e) => {
        if (!isToggleKey(e)) return;
        e.preventDefault();
        e.stopPropagation();
        if (frame && inPanel) {
          // The shortcut brings the sidebar back into the page (the side panel was chosen here).
          inPanel = false;
          void panelSites
            .getValue()
            .then((list) => panelSites.setValue(withPanelChoice(list, adapter.site, false)))
            .catch(() => undefined);
          frame.setHidden(false);
          frame.setCollapsed(false);
          return;
        }
        if (frame) frame.setCollapsed(!frame.isCollapsed());
      },
      { capture: true },
    );
  } catch {
    // the page keeps working without the sidebar
  }
}
