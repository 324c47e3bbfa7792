/**
 * Which LinkedIn person a URL names: a profile `/in/<slug>/` (also with its contact-info overlay
 * open) or a Sales Navigator lead `/sales/lead/<id>,…` / `/sales/people/<id>,…`. Feeds, companies,
 * search, messaging, the profile's sub-pages and `/in/me/` are not a person's page.
 */
import { linkedinProfileUrl, linkedinSlug } from '../dom';
import type { LinkedInRef } from '../types';

const HOST = /^(?:www\.|[a-z]{2}\.)?linkedin\.com$/i;

/** Whether the URL is LinkedIn's site. */
export function isLinkedInUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && HOST.test(u.hostname);
  } catch {
    return false;
  }
}

/** A public profile's ref from any spelling of its URL, or null. */
export function profileRef(url: string): LinkedInRef | null {
  const slug = linkedinSlug(url);
  if (!slug || slug === 'me') return null;
  return {
    site: 'linkedin',
    key: `linkedin:${slug}`,
    isPerson: true,
    kind: 'profile',
    profileUrl: linkedinProfileUrl(url),
  };
}

/** The profile or lead the URL names, or null. Never throws. */
export function detect(url: string): LinkedInRef | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' || !HOST.test(u.hostname)) return null;
  const path = u.pathname;
  if (/^\/in\/[^/]+\/?$|^\/in\/[^/]+\/overlay\/contact-info\/?$/.test(path)) {
    return profileRef(`https://www.linkedin.com${path}`);
  }
  const lead = /^\/sales\/(?:lead|people)\/([A-Za-z0-9_-]{10,100})(?:,|\/|$)/.exec(path);
  if (lead) {
    const leadId = lead[1]!;
    return { site: 'linkedin', key: `linkedin:sales:${leadId}`, isPerson: true, kind: 'sales', leadId };
  }
  return null;
}
