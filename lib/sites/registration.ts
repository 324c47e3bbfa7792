/**
 * Content scripts reach only the sites the rep turned on. A site is on exactly when its host
 * permissions are granted; the background registers the site's script for the granted hosts
 * (`scripting.registerContentScripts`) and unregisters it when they are taken away. Nothing is
 * kept in memory: the plan is recomputed from the granted permissions at every start and on
 * every permission change.
 */
import { browser } from 'wxt/browser';
import { OPTIONAL_SITES, type OptionalSiteId, type SiteInfo } from './optional-sites';

/** Prefix of every script id we register, so scripts registered by anything else are left alone. */
export const SCRIPT_ID_PREFIX = 'touchbase-site-';

/** What we register for one site (a subset of `scripting.RegisteredContentScript`). */
export interface SiteScript {
  id: string;
  js: string[];
  matches: string[];
  allFrames: false;
  runAt: 'document_idle';
  persistAcrossSessions: boolean;
}

/** Where WXT writes a `<site>.content` entrypoint's bundle. */
export function scriptPathOf(site: OptionalSiteId): string {
  return `content-scripts/${site}.js`;
}

/** The scripts the granted origins call for: one per site, for its granted hosts only. */
export function desiredScripts(
  granted: readonly string[],
  sites: readonly SiteInfo[] = OPTIONAL_SITES,
): SiteScript[] {
  const have = new Set(granted);
  const out: SiteScript[] = [];
  for (const site of sites) {
    const matches = site.matches.filter((m) => have.has(m));
    if (!matches.length) continue;
    out.push({
      id: `${SCRIPT_ID_PREFIX}${site.id}`,
      js: [scriptPathOf(site.id)],
      matches,
      // Top frame only: CRM pages embed editors and reports in iframes of the same host.
      allFrames: false,
      runAt: 'document_idle',
      // Re-synced at every start anyway; persisting keeps the first page of a session covered.
      persistAcrossSessions: true,
    });
  }
  return out;
}

/** A registered script as the browser reports it (fields we compare). */
export interface RegisteredLike {
  id: string;
  js?: string[];
  matches?: string[];
  allFrames?: boolean;
}

function sameScript(a: RegisteredLike, b: SiteScript): boolean {
  const eq = (x: readonly string[] | undefined, y: readonly string[]) =>
    (x ?? []).length === y.length && [...(x ?? [])].sort().join('\n') === [...y].sort().join('\n');
  return eq(a.js, b.js) && eq(a.matches, b.matches) && (a.allFrames ?? false) === b.allFrames;
}

/** The changes that turn what is registered into what should be. Scripts not ours are ignored. */
export function planRegistration(
  registered: readonly RegisteredLike[],
  desired: readonly SiteScript[],
): { unregister: string[]; register: SiteScript[] } {
  const ours = registered.filter((r) => r.id.startsWith(SCRIPT_ID_PREFIX));
  const wanted = new Map(desired.map((d) => [d.id, d]));
  const unregister: string[] = [];
  const keep = new Set<string>();
  for (const r of ours) {
    const d = wanted.get(r.id);
    if (d && sameScript(r, d)) keep.add(r.id);
    else unregister.push(r.id);
  }
  return { unregister, register: desired.filter((d) => !keep.has(d.id)) };
}

let chain: Promise<unknown> = Promise.resolve();

/**
 * Brings the registered scripts in line with the granted permissions. Calls are queued: a start
 * and a permission event arriving together must not register the same id twice.
 */
export function syncSiteScripts(): Promise<{ registered: string[]; unregistered: string[] }> {
  const run = async () => {
    const [perms, registered] = await Promise.all([
      browser.permissions.getAll(),
      browser.scripting.getRegisteredContentScripts(),
    ]);
    const plan = planRegistration(registered, desiredScripts(perms.origins ?? []));
    if (plan.unregister.length) await browser.scripting.unregisterContentScripts({ ids: plan.unregister });
    if (plan.register.length) await browser.scripting.registerContentScripts(plan.register);
    return { registered: plan.register.map((s) => s.id), unregistered: plan.unregister };
  };
  const next = chain.then(run, run);
  chain = next.catch(() => undefined);
  return next;
}
