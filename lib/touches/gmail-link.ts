/**
 * The popup's and sidebar's "open in Gmail" link. Apart from ./actions so that the popup's first
 * screen, which needs the snooze times but not this, does not load the Gmail adapter.
 */
import { gmailAdapter } from '@/lib/sites';

/**
 * Gmail's own compose window, prefilled. Each value is percent-encoded (not form-encoded) so a
 * "+" in a subject stays a plus and line breaks survive.
 */
export function gmailComposeUrl(d: { to: string; subject?: string; body: string }): string {
  // Gmail's URL format is the Gmail adapter's knowledge; this only adapts the popup's shape.
  return gmailAdapter.composeUrl({ to: [d.to], subject: d.subject, body: d.body });
}
