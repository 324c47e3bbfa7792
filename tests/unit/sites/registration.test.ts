import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { registerSiteScripts } from '@/entrypoints/background/sites';
import {
  OPTIONAL_HOST_PATTERNS,
  OPTIONAL_SITES,
  optionalSite,
  type SiteInfo,
} from '@/lib/sites/optional-sites';
import {
  desiredScripts,
  planRegistration,
  type RegisteredLike,
  SCRIPT_ID_PREFIX,
  syncSiteScripts,
} from '@/lib/sites/registration';
import { isSiteOn, optionalSiteForUrl, turnSiteOff, turnSiteOn } from '@/lib/sites/site-permissions';

const hubspot = optionalSite('hubspot')!;
const linkedin = optionalSite('linkedin')!;
/** Hosts no site in the registry claims, shaped like a real site. */
const stranger: SiteInfo = { id: 'linkedin', label: 'Elsewhere', matches: ['https://crm.example.com/*'] };
const TWO = [hubspot, linkedin];

type Listener = (p: { origins?: string[] }) => void;

/**
 * WXT's fake browser leaves `permissions` and `scripting` unimplemented: this one keeps granted
 * origins and registered scripts in memory, as Chrome does, and refuses a duplicate script id.
 */
function installFakes() {
  const granted = new Set<string>();
  const scripts = new Map<string, RegisteredLike>();
  const added: Listener[] = [];
  const removed: Listener[] = [];
  let promptAnswer = true;
  const request = vi.fn(async ({ origins = [] }: { origins?: string[] }) => {
    if (!promptAnswer) return false;
    const fresh = origins.filter((o) => !granted.has(o));
    for (const o of origins) granted.add(o);
    if (fresh.length) for (const l of added) l({ origins: fresh });
    return true;
  });
  const remove = vi.fn(async ({ origins = [] }: { origins?: string[] }) => {
    const gone = origins.filter((o) => granted.delete(o));
    if (gone.length) for (const l of removed) l({ origins: gone });
    return gone.length > 0;
  });
  Object.assign(fakeBrowser, {
    permissions: {
      getAll: async () => ({ origins: [...granted], permissions: [] }),
      contains: async ({ origins = [] }: { origins?: string[] }) => origins.every((o) => granted.has(o)),
      request,
      remove,
      onAdded: { addListener: (l: Listener) => added.push(l) },
      onRemoved: { addListener: (l: Listener) => removed.push(l) },
    },
    scripting: {
      getRegisteredContentScripts: async () => [...scripts.values()].map((s) => structuredClone(s)),
      registerContentScripts: vi.fn(async (list: RegisteredLike[]) => {
        for (const s of list) if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
        for (const s of list) scripts.set(s.id, structuredClone(s));
      }),
      unregisterContentScripts: vi.fn(async ({ ids }: { ids: string[] }) => {
        for (const id of ids) scripts.delete(id);
      }),
    },
  });
  return {
    granted,
    scripts,
    request,
    remove,
    refuse: () => {
      promptAnswer = false;
    },
  };
}

/** Lets queued syncs (permission listeners fire them without waiting) finish. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
}

let fake: ReturnType<typeof installFakes>;
beforeEach(() => {
  fakeBrowser.reset();
  fake = installFakes();
});

describe('which scripts the granted hosts call for', () => {
  it('one top-frame script per site, for its granted hosts only; nothing when nothing is granted', () => {
    expect(desiredScripts([])).toEqual([]);
    expect(desiredScripts(['https://mail.google.com/*', 'https://example.com/*'])).toEqual([]);
    const [s, ...rest] = desiredScripts(['https://app-eu1.hubspot.com/*']);
    expect(rest).toEqual([]);
    expect(s).toEqual({
      id: `${SCRIPT_ID_PREFIX}hubspot`,
      js: ['content-scripts/hubspot.js'],
      matches: ['https://app-eu1.hubspot.com/*'],
      allFrames: false,
      runAt: 'document_idle',
      persistAcrossSessions: true,
    });
    expect(desiredScripts(OPTIONAL_HOST_PATTERNS).map((d) => d.id)).toEqual(
      OPTIONAL_SITES.map((site) => `${SCRIPT_ID_PREFIX}${site.id}`),
    );
  });

  it('plans only the difference, and leaves scripts that are not ours alone', () => {
    const want = desiredScripts([...hubspot.matches, ...linkedin.matches], TWO);
    const hub = want.find((w) => w.id.endsWith('hubspot'))!;
    const registered: RegisteredLike[] = [
      { ...hub, matches: [...hub.matches].reverse() }, // same set, other order: kept
      {
        id: `${SCRIPT_ID_PREFIX}pipedrive`,
        js: ['content-scripts/pipedrive.js'],
        matches: ['https://*.pipedrive.com/*'],
      },
      { id: 'someone-else', js: ['x.js'], matches: ['https://example.com/*'] },
    ];
    expect(planRegistration(registered, want)).toEqual({
      unregister: [`${SCRIPT_ID_PREFIX}pipedrive`],
      register: [want.find((w) => w.id.endsWith('linkedin'))],
    });
    // A changed script (a host more, or all frames) is replaced.
    const changed = planRegistration([{ ...hub, allFrames: true }], [hub]);
    expect(changed).toEqual({ unregister: [hub.id], register: [hub] });
  });
});

describe('turning a site on and off', () => {
  it('asks for exactly the site’s hosts inside the click (no await before the request)', async () => {
    const pending = turnSiteOn(hubspot);
    // Called synchronously: a browser shows its prompt only within the user gesture.
    expect(fake.request).toHaveBeenCalledTimes(1);
    expect(fake.request).toHaveBeenCalledWith({ origins: [...hubspot.matches] });
    expect(await pending).toBe(true);
    expect(await isSiteOn(hubspot)).toBe(true);
    expect(await isSiteOn(linkedin)).toBe(false);
  });

  it('a refused prompt leaves the site off and registers nothing', async () => {
    registerSiteScripts();
    fake.refuse();
    expect(await turnSiteOn(linkedin)).toBe(false);
    await settle();
    expect(await isSiteOn(linkedin)).toBe(false);
    expect(fake.scripts.size).toBe(0);
  });

  it('the background registers the script when the hosts are granted and removes it when they go', async () => {
    registerSiteScripts();
    await settle();
    expect(fake.scripts.size).toBe(0);

    await turnSiteOn(hubspot);
    await settle();
    expect([...fake.scripts.keys()]).toEqual([`${SCRIPT_ID_PREFIX}hubspot`]);
    expect(fake.scripts.get(`${SCRIPT_ID_PREFIX}hubspot`)).toMatchObject({
      matches: [...hubspot.matches],
      allFrames: false,
    });

    // Hosts of no site in the registry change nothing.
    await turnSiteOn(stranger);
    await settle();
    expect([...fake.scripts.keys()]).toEqual([`${SCRIPT_ID_PREFIX}hubspot`]);
    await turnSiteOff(stranger);

    expect(await turnSiteOff(hubspot)).toBe(true);
    await settle();
    expect([...fake.scripts.keys()]).toEqual([]);
    expect(fake.remove).toHaveBeenCalledWith({ origins: [...hubspot.matches] });
  });

  it('a restart re-syncs from the granted hosts; concurrent syncs never register an id twice', async () => {
    fake.granted.add('https://app-eu1.hubspot.com/*');
    // Left over from an older run: a host no longer granted.
    fake.scripts.set(`${SCRIPT_ID_PREFIX}pipedrive`, {
      id: `${SCRIPT_ID_PREFIX}pipedrive`,
      js: ['content-scripts/pipedrive.js'],
      matches: ['https://*.pipedrive.com/*'],
    });
    const results = await Promise.all([syncSiteScripts(), syncSiteScripts(), syncSiteScripts()]);
    expect(results[0]).toEqual({
      registered: [`${SCRIPT_ID_PREFIX}hubspot`],
      unregistered: [`${SCRIPT_ID_PREFIX}pipedrive`],
    });
    // Only the granted host of the site, not all of them.
    expect(fake.scripts.get(`${SCRIPT_ID_PREFIX}hubspot`)?.matches).toEqual([
      'https://app-eu1.hubspot.com/*',
    ]);
    expect(results.slice(1)).toEqual([
      { registered: [], unregistered: [] },
      { registered: [], unregistered: [] },
    ]);
    expect([...fake.scripts.keys()]).toEqual([`${SCRIPT_ID_PREFIX}hubspot`]);
  });
});

describe('which site a page belongs to', () => {
  it('matches the app hosts, not the marketing sites or look-alikes', () => {
    const on = (id: string) => (OPTIONAL_SITES.some((s) => s.id === id) ? id : undefined);
    const table: [string, string | undefined][] = [
      ['https://app.hubspot.com/contacts/123/record/0-1/456', 'hubspot'],
      ['https://app-eu1.hubspot.com/contacts/123/record/0-1/456', 'hubspot'],
      ['https://www.hubspot.com/pricing', undefined],
      ['https://acme.lightning.force.com/lightning/r/Contact/003xx000004TmiQAAS/view', on('salesforce')],
      ['https://acme.pipedrive.com/person/42', on('pipedrive')],
      ['https://www.linkedin.com/in/ada/', on('linkedin')],
      ['https://www.linkedin.com.evil.example/in/ada/', undefined],
      ['https://mail.google.com/mail/u/0/', undefined],
      ['http://app.hubspot.com/contacts/1/record/0-1/2', undefined],
      ['not a url', undefined],
      [undefined as unknown as string, undefined],
    ];
    for (const [url, site] of table) expect(optionalSiteForUrl(url)?.id, url).toBe(site);
  });
});
