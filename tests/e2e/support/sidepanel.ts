/**
 * Chrome's side panel in the e2e tests. Playwright cannot click Chrome's own UI and does not list
 * the side panel among a context's pages, but the real panel opens (`chrome.sidePanel.open`, from a
 * click in one of our pages) and is a DevTools target: this attaches to it through a page's CDP
 * session (the non-flat `Target.sendMessageToTarget` route, which needs no browser-level session)
 * to evaluate in it and take its screenshot.
 */
import { writeFileSync } from 'node:fs';
import type { CDPSession, Page } from '@playwright/test';

export interface SidePanel {
  /** Evaluates an expression in the panel page and returns its JSON value (promises awaited). */
  evaluate<T = unknown>(expression: string): Promise<T>;
  /** The panel's visible text. */
  text(): Promise<string>;
  /** Clicks the element matching the selector (a real click event on the element). */
  click(selector: string): Promise<void>;
  screenshot(path: string): Promise<void>;
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/** The side panel's target once it is open (polls up to `timeoutMs`). */
export async function attachSidePanel(
  page: Page,
  extensionId: string,
  timeoutMs = 5_000,
): Promise<SidePanel> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const url = `chrome-extension://${extensionId}/sidepanel.html`;
  let target: TargetInfo | undefined;
  for (const started = Date.now(); Date.now() - started < timeoutMs; await page.waitForTimeout(100)) {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
    target = targetInfos.find((t) => t.url.startsWith(url));
    if (target) break;
  }
  if (!target) throw new Error('The side panel did not open');
  const { sessionId } = (await cdp.send('Target.attachToTarget', {
    targetId: target.targetId,
    flatten: false,
  })) as { sessionId: string };

  let nextId = 1;
  const waiting = new Map<number, (m: { result?: unknown; error?: { message: string } }) => void>();
  cdp.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
    if (e.sessionId !== sessionId) return;
    const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
    if (m.id !== undefined) waiting.get(m.id)?.(m);
  });
  const send = async <T>(method: string, params: Record<string, unknown> = {}): Promise<T> => {
    const id = nextId++;
    const answer = new Promise<{ result?: unknown; error?: { message: string } }>((resolve) =>
      waiting.set(id, resolve),
    );
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id, method, params }),
    });
    const m = await answer;
    waiting.delete(id);
    if (m.error) throw new Error(`${method}: ${m.error.message}`);
    return m.result as T;
  };

  const evaluate = async <T>(expression: string): Promise<T> => {
    const r = await send<{ result: { value?: T }; exceptionDetails?: { text: string } }>('Runtime.evaluate', {
      expression,
      returnByValue: true,
      awaitPromise: true,
    });
    if (r.exceptionDetails) throw new Error(`In the side panel: ${r.exceptionDetails.text}`);
    return r.result.value as T;
  };
  return {
    evaluate,
    text: () => evaluate<string>('document.body.innerText'),
    click: async (selector) => {
      const found = await evaluate<boolean>(
        `(() => { const el = document.querySelector(${JSON.stringify(selector)}); if (!el) return false; el.click(); return true; })()`,
      );
      if (!found) throw new Error(`Nothing in the side panel matches ${selector}`);
    },
    screenshot: async (path) => {
      const { data } = await send<{ data: string }>('Page.captureScreenshot', { format: 'png' });
      writeFileSync(path, Buffer.from(data, 'base64'));
    },
  };
}
