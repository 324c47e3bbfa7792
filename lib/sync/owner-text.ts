import type { ContactOwner } from '@/lib/db/schema';
import { dayDiff, formatDay, formatWeekdayLong, relativeDayWord } from '@/lib/format/datetime';

/**
 * "Ana's lead since Tuesday" for a contact another rep owns; `undefined` for the rep's own
 * contacts, unowned ones, and whenever team sync is off (`meId` absent).
 */
export function ownerNote(
  owner: ContactOwner | undefined,
  meId: string | undefined,
  now: number,
  timeZone: string,
): string | undefined {
  if (!owner || !meId || owner.id === meId) return undefined;
  const diff = dayDiff(owner.since, now, timeZone);
  const when =
    diff === 0 || diff === -1
      ? relativeDayWord(diff as 0 | -1).toLowerCase()
      : diff < 0 && diff > -7
        ? formatWeekdayLong(owner.since, timeZone)
        : formatDay(owner.since, timeZone);
  return `${owner.name}'s lead since ${when}`;
}
