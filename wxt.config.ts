import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  outDirTemplate: '{{browser}}-mv{{manifestVersion}}',
  manifest: ({ manifestVersion }) => ({
    name: 'Touchbase',
    description:
      'Follow-up cadences inside Gmail: who is due, what to send, one click to insert it. Your data never leaves the browser.',
    // Narrowest set: storage for settings, alarms for the due-touch badge.
    permissions: ['storage', 'alarms'],
    // Asked for at the moment a rep turns the feature on, never at install.
    optional_permissions: ['notifications'],
    optional_host_permissions: [
      'https://app.hubspot.com/*',
      'https://*.lightning.force.com/*',
      'https://*.pipedrive.com/*',
      'https://www.linkedin.com/*',
    ],
    commands: {
      // MV2 (Firefox) names the toolbar button's command differently.
      [manifestVersion === 2 ? '_execute_browser_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+T' },
        description: 'Open the Touchbase due list',
      },
    },
    // Only the sidebar page is exposed to Gmail, so it can be framed there; nothing else is.
    web_accessible_resources: [{ resources: ['sidebar.html'], matches: ['https://mail.google.com/*'] }],
    action: { default_title: 'Touchbase: due touches' },
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'",
    },
  }),
});
