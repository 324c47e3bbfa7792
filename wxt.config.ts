import type { Rolldown } from 'vite';
import { defineConfig } from 'wxt';
import { OPTIONAL_HOST_PATTERNS } from './lib/sites/optional-sites';
import { E2E_SYNC_HOSTS, SYNC_HOST_PATTERNS } from './lib/sync/hosts';

/**
 * `TOUCHBASE_E2E=1` builds a copy for the end-to-end tests into `.output/chrome-mv3-e2e`, with the
 * CRM hosts granted at install: Playwright cannot click the browser's permission prompt. The
 * production build never carries them (a unit test reads its manifest).
 */
const E2E = process.env.TOUCHBASE_E2E === '1';

/** The CRM sites' hosts, asked for one site at a time when the rep turns it on (lib/sites/<site>/site.ts). */
const CRM_HOSTS = [...OPTIONAL_HOST_PATTERNS];

/**
 * Firefox only. A fixed id, because storage and alarms refuse an add-on without one (a temporary
 * add-on would otherwise get a random id, and its data with it). "none" declares that Touchbase
 * collects and transmits nothing, which Firefox asks every new add-on to state; that key exists
 * from Firefox 140 (ESR 140) and Firefox for Android 142, hence the minimums.
 */
const FIREFOX_SETTINGS = {
  gecko: {
    id: 'touchbase@touchbase.local',
    strict_min_version: '140.0',
    data_collection_permissions: { required: ['none'] },
  },
  gecko_android: { strict_min_version: '142.0' },
};

/**
 * PouchDB (team sync) can evaluate map/filter functions written as strings, through the
 * `Function` constructor. Touchbase never passes one, the MV3 CSP would refuse it anyway, and
 * AMO's linter rightly flags any `Function` constructor: so the build replaces that one line with
 * a refusal, and the shipped code holds no eval at all.
 */
const noStringFunctions = {
  name: 'touchbase-pouchdb-no-string-functions',
  enforce: 'pre' as const,
  transform(code: string, id: string) {
    if (!/[\\/]pouchdb-[^\\/]+[\\/]lib[\\/]/.test(id)) return null;
    const evalLine = 'return Function.apply(null, keys).apply(null, values);';
    if (!code.includes(evalLine)) return null;
    return code.replace(
      evalLine,
      "throw new Error('Touchbase runs no code written as text (string map/filter functions)');",
    );
  },
};

/**
 * The popup's first row waits for every module file its entry imports: each file is a request and
 * a response on the page's main thread (2-12 ms apiece at load 9), and nothing runs until
 * the last one is in. Left to itself, the bundler splits what the pages share into one chunk per
 * combination of pages that use it: 17 files for the popup. The popup's entry draws its first
 * screen from a small set of modules (components/popup/first-paint.ts): those go into one chunk,
 * `first`. The full popup (entrypoints/popup/app.tsx, imported once that screen is drawn) takes
 * two more: `shared`, the part the sidebar imports too (React, i18n, the engine), and `data`, the
 * rest (Dexie, lib/db), which the sidebar, framed in a site and without IndexedDB, never loads.
 * The popup's own components (components/popup) stay in its entry and app chunks, and its lazy
 * imports in chunks of their own. The other pages load these chunks when they use any of it.
 */
function pageChunks(): Rolldown.CodeSplittingGroup[] {
  const memo = new Map<string, boolean>();
  /** The module each walk stops at: a page's HTML, or the popup's full app. */
  const roots: Record<string, string> = {
    popup: '/entrypoints/popup/index.html',
    popupApp: '/entrypoints/popup/app.tsx',
    sidebar: '/entrypoints/sidebar/index.html',
  };
  const walk = (entry: string, id: string, ctx: Rolldown.ChunkingContext, seen: Set<string>): boolean => {
    const known = memo.get(`${entry} ${id}`);
    if (known !== undefined) return known;
    if (seen.has(id)) return false;
    seen.add(id);
    if (id.replace(/\\/g, '/').endsWith(roots[entry]!)) return true;
    const info = ctx.getModuleInfo(id);
    if (!info || info.isEntry) return false;
    return info.importers.some((importer) => walk(entry, importer, ctx, seen));
  };
  /** Whether `entry`'s page imports `id` through static imports only. */
  const imports = (entry: string, id: string, ctx: Rolldown.ChunkingContext): boolean => {
    // Only a whole walk's answer is kept: inside a cycle, a module still being walked reads "no".
    const yes = walk(entry, id, ctx, new Set());
    memo.set(`${entry} ${id}`, yes);
    return yes;
  };
  const popupOwn = (id: string) => /[\\/](components|entrypoints)[\\/]popup[\\/]/.test(id);
  return [
    {
      // Taken first: the first screen's modules only, whoever else uses them.
      priority: 3,
      name: (id, ctx) => (!popupOwn(id) && imports('popup', id, ctx) ? 'first' : null),
    },
    {
      // A captured module brings its imports along, and those the sidebar uses stay here.
      priority: 2,
      name: (id, ctx) =>
        !popupOwn(id) && imports('popupApp', id, ctx) && imports('sidebar', id, ctx) ? 'shared' : null,
    },
    {
      priority: 1,
      name: (id, ctx) => (!popupOwn(id) && imports('popupApp', id, ctx) ? 'data' : null),
    },
  ];
}

// See https://wxt.dev/api/config.html
export default defineConfig({
  vite: () => ({ plugins: [noStringFunctions] }),
  hooks: {
    // The extension pages' build only (the background and content scripts are bundles of their own).
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.some((e) => e.name === 'popup')) return;
      config.build ??= {};
      config.build.rolldownOptions ??= {};
      const { rolldownOptions } = config.build;
      if (Array.isArray(rolldownOptions.output)) return;
      rolldownOptions.output = { ...rolldownOptions.output, codeSplitting: { groups: pageChunks() } };
    },
  },
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  outDirTemplate: E2E ? '{{browser}}-mv{{manifestVersion}}-e2e' : '{{browser}}-mv{{manifestVersion}}',
  // MV3 for every browser, Firefox included (WXT's Firefox default is MV2): one manifest shape and
  // one toolbar API, `web_accessible_resources` scoped to Gmail, and a non-persistent background
  // that our stateless worker already suits. `--mv2` still builds a working MV2 add-on.
  manifestVersion: 3,
  manifest: ({ browser, manifestVersion }) => ({
    // Words come from public/_locales (English is the fallback for any browser language we lack).
    name: '__MSG_ext_name__',
    description: '__MSG_ext_description__',
    default_locale: 'en',
    // Narrowest set: storage for settings, alarms for the due-touch badge, scripting to register
    // a CRM's content script only once the rep has turned that site on (no host reach by itself),
    // activeTab so the popup opened over a CRM page can offer to turn that site on.
    permissions: [
      'storage',
      'alarms',
      'scripting',
      'activeTab',
      // The e2e copy has notifications granted at install too, for the same reason as the hosts
      // below (the daily nudge's e2e reads the real notification); the production build asks.
      ...(E2E ? ['notifications'] : []),
    ],
    // Asked for at the moment a rep turns the feature on, never at install. MV2 has no
    // optional_host_permissions: hosts go in optional_permissions there.
    // The team sync server's origin too (lib/sync/hosts.ts), asked for when the rep connects.
    optional_permissions:
      manifestVersion === 2 ? ['notifications', ...CRM_HOSTS, ...SYNC_HOST_PATTERNS] : ['notifications'],
    ...(manifestVersion === 2 ? {} : { optional_host_permissions: [...CRM_HOSTS, ...SYNC_HOST_PATTERNS] }),
    ...(E2E ? { host_permissions: [...CRM_HOSTS, ...E2E_SYNC_HOSTS] } : {}),
    commands: {
      // MV2 (Firefox) names the toolbar button's command differently.
      [manifestVersion === 2 ? '_execute_browser_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+T' },
        description: '__MSG_ext_command_open__',
      },
    },
    // Only the sidebar page is exposed, to the sites it is framed in; nothing else is. This
    // grants no access to those sites: it only lets their pages load that one page.
    web_accessible_resources: [
      { resources: ['sidebar.html'], matches: ['https://mail.google.com/*', ...CRM_HOSTS] },
    ],
    action: { default_title: '__MSG_ext_action_title__' },
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'",
    },
    ...(browser === 'firefox' ? { browser_specific_settings: FIREFOX_SETTINGS } : {}),
  }),
});
