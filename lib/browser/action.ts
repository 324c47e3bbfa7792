/**
 * The toolbar button's API. MV3 (Chrome, and Firefox when built as MV3) calls it `action`; a
 * Firefox MV2 build has only `browserAction`, and calling `browser.action` there throws. Every
 * caller goes through here, so the badge works whichever manifest the build produced.
 */
export interface ToolbarAction {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
  setTitle(details: { title: string }): Promise<void>;
  getBadgeText(details: Record<string, never>): Promise<string>;
}

/** `browser.action` where it exists, else MV2's `browserAction`; undefined on a browser with neither. */
export function toolbarAction(): ToolbarAction | undefined {
  // The types promise `action`, but the object is missing at runtime in an MV2 build.
  const api = browser as unknown as { action?: ToolbarAction; browserAction?: ToolbarAction };
  return api.action ?? api.browserAction;
}
