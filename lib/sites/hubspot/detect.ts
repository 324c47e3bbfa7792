/**
 * Which HubSpot record a URL names. Only contacts (object type 0-1) are people: companies (0-2),
 * deals (0-3), tickets (0-5) and list views are not records for the sidebar. Regional hosts
 * (app-eu1, app-na2, …) carry the same paths.
 */
import type { HubSpotRef } from '../types';

const HOST = /^app(?:-[a-z]{2,4}\d{0,2})?\.hubspot\.com$/i;
const RECORD = /^\/contacts\/(\d{1,15})\/(?:record\/0-1|contact)\/(\d{1,20})(?:\/|$)/;

/** Whether the URL is HubSpot's app (any region). */
export function isHubSpotUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && HOST.test(u.hostname);
  } catch {
    return false;
  }
}

/** The contact record the URL names, or null. Never throws. */
export function detect(url: string): HubSpotRef | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' || !HOST.test(u.hostname)) return null;
  const m = RECORD.exec(u.pathname);
  if (!m) return null;
  const portal = m[1]!;
  const id = m[2]!;
  return { site: 'hubspot', key: `hubspot:${portal}:${id}`, isPerson: true, portal, objectType: '0-1', id };
}
