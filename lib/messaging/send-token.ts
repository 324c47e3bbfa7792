/**
 * The token a drafted email carries into the host page's compose, so its send is credited to what
 * it was drawn for: a planned touch (`<touchId>`), or a break-up or value email for a contact
 * (`breakup:<contactId>:<nonce>`, `value:<contactId>:<nonce>`; the nonce keeps two such emails
 * apart). Parsed only in the background, which checks the recipients before it writes anything.
 */
import type { SendTarget } from '@/lib/db/sends';
import { isTouchId } from '@/lib/db/touch-id';

const QUICK = /^(breakup|value):(\d{1,15}):[a-z0-9]{1,16}$/;

export function touchToken(touchId: number): string {
  return String(touchId);
}

export function quickToken(purpose: 'breakup' | 'value', contactId: number, nonce: string): string {
  return `${purpose}:${contactId}:${
    nonce
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 16) || '0'
  }`;
}

/** What a token stands for, or undefined for a one-off draft (or anything not ours). */
export function parseSendToken(token: string): SendTarget | undefined {
  if (/^-?\d{1,15}$/.test(token)) {
    // A negative id is a touch drafted before its row was written (lib/db/touch-id.ts).
    const touchId = Number(token);
    return isTouchId(touchId) ? { kind: 'touch', touchId } : undefined;
  }
  const m = QUICK.exec(token);
  if (!m) return undefined;
  const contactId = Number(m[2]);
  if (contactId <= 0) return undefined;
  return { kind: 'quick', purpose: m[1] as 'breakup' | 'value', contactId };
}
