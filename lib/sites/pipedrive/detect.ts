/**
 * Which Pipedrive record a URL names: `<company>.pipedrive.com/person/<id>`, or a deal
 * (`/deal/<id>`) whose person the page names. Organizations, lists, pipelines and settings are
 * not people.
 */
import type { PipedriveRef } from '../types';

const HOST = /^([a-z0-9][a-z0-9-]{0,62})\.pipedrive\.com$/i;
/** Pipedrive's own subdomains that are not a company's app. */
const NOT_COMPANY = new Set([
  'www',
  'api',
  'developers',
  'support',
  'marketplace',
  'oauth',
  'status',
  'community',
  'blog',
  'learn',
]);

/** The company subdomain of a Pipedrive app URL, or ''. */
export function companyOf(url: string): string {
  try {
    const u = new URL(url);
    const m = HOST.exec(u.hostname);
    const company = m?.[1]?.toLowerCase() ?? '';
    return u.protocol === 'https:' && company && !NOT_COMPANY.has(company) ? company : '';
  } catch {
    return '';
  }
}

/** Whether the URL is a company's Pipedrive app. */
export function isPipedriveUrl(url: string): boolean {
  return !!companyOf(url);
}

/** A person's ref. */
export function personRef(company: string, personId: string, dealId?: string): PipedriveRef {
  const ref: PipedriveRef = {
    site: 'pipedrive',
    key: `pipedrive:${company}:${personId}`,
    isPerson: true,
    company,
    personId,
  };
  if (dealId) ref.dealId = dealId;
  return ref;
}

/** The person id of a `/person/<id>` href (relative or absolute), or ''. */
export function personIdOf(href: string | null | undefined): string {
  const m = /(?:^|\/)person\/(\d{1,15})(?:[/?#]|$)/.exec(href ?? '');
  return m?.[1] ?? '';
}

/** The person or deal the URL names, or null. Never throws. */
export function detect(url: string): PipedriveRef | null {
  const company = companyOf(url);
  if (!company) return null;
  const path = new URL(url).pathname;
  const m = /^\/(person|deal)\/(\d{1,15})(?:\/|$)/.exec(path);
  if (!m) return null;
  const id = m[2]!;
  if (m[1] === 'person') return personRef(company, id);
  return { site: 'pipedrive', key: `pipedrive:${company}:deal:${id}`, isPerson: false, company, dealId: id };
}
