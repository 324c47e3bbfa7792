import type { ContactOwner } from '@/lib/db/schema';
import { dayDiff, formatDay, formatWeekdayLong, relativeDayWord } from '@/lib/format/datetime';
import { t, uiLocale } from '@/lib/i18n';

/**
 * "Ana's lead since Tuesday" for a contact another rep owns; `undefined` for the rep's own
 * contacts, unowned ones, and whenever team sync is off (`meId` absent). In the interface
 * language (the day word and the date too).
 */
export function ownerNote(
  owner: ContactOwner | undefined,
  meId: string | undefined,
  now: number,
  timeZone: string,
): string | undefined {
  if (!owner || !meId || owner.id === meId) return undefined;
  return t('sync_owner_since', { name: owner.name, when: sinceWord(owner.since, now, timeZone) });
}

/** "today", "yesterday", a weekday within the week, else the date (lower-case where it can be). */
export function sinceWord(since: number, now: number, timeZone: string): string {
  const locale = uiLocale();
  const diff = dayDiff(since, now, timeZone);
  return diff === 0 || diff === -1
    ? relativeDayWord(diff as 0 | -1, locale).toLocaleLowerCase(locale)
    : diff < 0 && diff > -7
      ? formatWeekdayLong(since, timeZone, locale)
      : formatDay(since, timeZone, locale);
}
