import { readFileSync } from 'node:fs';
import path from 'node:path';
import { OPTIONAL_HOST_PATTERNS, OPTIONAL_SITES } from '../../lib/sites/optional-sites';
import { E2E_SYNC_HOSTS, SYNC_HOST_PATTERNS } from '../../lib/sync/hosts';
import { E2E_EXTENSION_DIR, EXTENSION_DIR, expect, serveSite, test } from './support/fixtures';

interface Manifest {
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches: string[]; all_frames?: boolean }[];
}

const readManifest = (dir: string): Manifest =>
  JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;

const HUBSPOT_RECORD = 'https://app.hubspot.com/contacts/4410001/record/0-1/50001';

test('the production build asks for no CRM host at install; only the e2e copy has them granted', () => {
  const prod = readManifest(EXTENSION_DIR);
  const crmHosts = new Set(OPTIONAL_HOST_PATTERNS);
  expect((prod.host_permissions ?? []).filter((h) => crmHosts.has(h))).toEqual([]);
  expect(prod.host_permissions ?? []).not.toContain('<all_urls>');
  // The CRMs, and where a team sync server may live (asked for only when the rep connects).
  expect(prod.optional_host_permissions?.slice().sort()).toEqual(
    [...OPTIONAL_HOST_PATTERNS, ...SYNC_HOST_PATTERNS].sort(),
  );
  expect(prod.host_permissions ?? []).toEqual([]);
  expect(prod.permissions).toContain('scripting');
  // Only Gmail is in the manifest's content scripts: the CRMs' are registered at runtime once granted.
  expect((prod.content_scripts ?? []).flatMap((c) => c.matches)).toEqual(['https://mail.google.com/*']);
  // Narrowed HubSpot: the app hosts, never the whole hubspot.com.
  expect(OPTIONAL_HOST_PATTERNS).not.toContain('https://*.hubspot.com/*');

  const e2e = readManifest(E2E_EXTENSION_DIR);
  expect(e2e.host_permissions?.slice().sort()).toEqual([...OPTIONAL_HOST_PATTERNS, ...E2E_SYNC_HOSTS].sort());
});

test('nothing is granted, registered or injected on a CRM page until the rep turns the site on', async ({
  context,
  serviceWorker,
  consoleErrors,
  extensionId,
}) => {
  const granted = await serviceWorker.evaluate(() => chrome.permissions.getAll());
  expect((granted.origins ?? []).filter((o) => OPTIONAL_HOST_PATTERNS.includes(o))).toEqual([]);
  expect(await serviceWorker.evaluate(() => chrome.scripting.getRegisteredContentScripts())).toEqual([]);

  await serveSite(context, 'https://app.hubspot.com', 'hubspot', 'hubspot-contact.SYNTHETIC.html');
  const page = await context.newPage();
  await page.goto(HUBSPOT_RECORD);
  await expect(page.getByText('Ada Example').first()).toBeVisible();
  // Give a content script every chance to show up, then check that none did.
  await page.waitForTimeout(1000);
  await expect(page.locator('#touchbase-sidebar')).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.hasAttribute('data-touchbase-sidebar'))).toBe(
    false,
  );

  // The dashboard lists every site, all off, each ready to ask.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html#settings`);
  for (const site of OPTIONAL_SITES) {
    const toggle = options.getByTestId(`site-toggle-${site.id}`);
    await expect(toggle).toBeEnabled();
    await expect(toggle).not.toBeChecked();
  }
  expect(consoleErrors).toEqual([]);
});
