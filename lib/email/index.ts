/**
 * The one e-mail check and normal form, shared by the CSV importer and every repository write, so
 * an address the import accepts is one the database accepts and the reverse. Pure.
 */

/**
 * Practical syntax, not RFC 5322: a local part of letters, digits and the usual symbols (no
 * leading, trailing or doubled dot), one `@`, a dotted domain whose labels do not start or end
 * with `-`, and a letters-only last label. Letters include non-Latin ones (IDN addresses).
 */
const EMAIL_RE =
  /^(?!\.)(?!.*\.\.)[\p{L}\p{N}.!#$%&'*+/=?^_`{|}~-]+(?<!\.)@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}$/u;

/** Lower-cases and trims; unwraps `mailto:` and `Name <address>`. The key contacts are stored under. */
export function normaliseEmail(value: string): string {
  let v = value.trim();
  const angle = v.match(/<([^<>]+)>/);
  if (angle?.[1]) v = angle[1].trim();
  if (/^mailto:/i.test(v)) v = v.slice(7).split('?')[0] ?? '';
  return v.trim().toLowerCase();
}

/** True for an address a rep can send to (surrounding white space ignored); at most 254 characters. */
export function isValidEmail(email: string): boolean {
  const e = email.trim();
  return e.length <= 254 && EMAIL_RE.test(e);
}
