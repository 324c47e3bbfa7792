/**
 * Which Salesforce Lightning record a URL names: `/lightning/r/Contact|Lead/<id>/view` (also
 * without the sObject, and the older `/one/one.app#/sObject/<id>`), on `<org>.lightning.force.com`
 * and its sandbox, government and proxied variants. Ids are 15 or 18 characters; the key uses the
 * 18-character form so both spellings name one record. The id's key prefix must agree with the
 * sObject (003 Contact, 00Q Lead): accounts, opportunities and list views are not people.
 */
import type { SalesforceRef } from '../types';

const HOST =
  /^([a-z0-9][a-z0-9-]*)\.(?:[a-z]+\.)?lightning\.(?:force\.com|force\.mil|crmforce\.mil)(?:\.mcas\.ms)?$/i;
const PREFIX = { Contact: '003', Lead: '00Q' } as const;
type SObject = keyof typeof PREFIX;

/** Whether the URL is a Lightning Experience host. */
export function isSalesforceUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && HOST.test(u.hostname);
  } catch {
    return false;
  }
}

const SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * The 18-character case-safe form of a 15- or 18-character record id, or '' when the id is not
 * well formed (wrong length, wrong characters, or an 18-character id whose suffix does not match).
 */
export function toId18(id: string): string {
  if (!/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-5]{3})?$/.test(id)) return '';
  const base = id.slice(0, 15);
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = base.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_CHARS[bits];
  }
  if (id.length === 18 && id.slice(15).toUpperCase() !== suffix) return '';
  return base + suffix;
}

function sobjectOf(named: string | undefined, id18: string): SObject | null {
  const byPrefix = (Object.keys(PREFIX) as SObject[]).find((o) => id18.startsWith(PREFIX[o])) ?? null;
  if (!named) return byPrefix;
  const n = (Object.keys(PREFIX) as SObject[]).find((o) => o.toLowerCase() === named.toLowerCase());
  return n && n === byPrefix ? n : null;
}

/** The Contact or Lead the URL names, or null. Never throws. */
export function detect(url: string): SalesforceRef | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const host = HOST.exec(u.hostname);
  if (u.protocol !== 'https:' || !host) return null;
  const m =
    /^\/lightning\/r\/(?:([A-Za-z]+)\/)?([a-zA-Z0-9]{15,18})(?:\/view)?\/?$/.exec(u.pathname) ??
    (u.pathname === '/one/one.app'
      ? /^#\/sObject\/([a-zA-Z0-9]{15,18})(?:\/view)?\/?(?:\?|$)/.exec(u.hash)
      : null);
  if (!m) return null;
  const [named, rawId] = m.length === 3 ? [m[1], m[2]!] : [undefined, m[1]!];
  const id = toId18(rawId);
  const sobject = id ? sobjectOf(named, id) : null;
  if (!sobject) return null;
  const org = host[1]!.toLowerCase();
  return { site: 'salesforce', key: `salesforce:${org}:${id}`, isPerson: true, org, sobject, id };
}
