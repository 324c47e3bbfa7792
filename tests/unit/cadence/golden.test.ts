import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { adjustForSource, getBuiltInPlaybook, type LeadSource, planTouches } from '@/lib/cadence';

const NY = 'America/New_York';
const fmt = (d: Date) => format(new TZDate(d.getTime(), NY), 'EEE yyyy-MM-dd HH:mm');
const at = (y: number, mo: number, d: number, h: number, mi: number) =>
  new Date(new TZDate(y, mo - 1, d, h, mi, NY).getTime());

type Row = [step: number, channel: string, purpose: string, due: string, deadline: string];

const TABLES: { source: LeadSource; enrolledAt: Date; rows: Row[] }[] = [
  {
    source: 'web-form',
    enrolledAt: at(2026, 3, 3, 10, 0),
    rows: [
      [1, 'sms', 'acknowledge', 'Tue 2026-03-03 10:00', 'Tue 2026-03-03 10:02'],
      [2, 'email', 'confirm', 'Tue 2026-03-03 10:00', 'Tue 2026-03-03 11:00'],
      [3, 'call', 'call', 'Wed 2026-03-04 10:00', 'Thu 2026-03-05 00:00'],
      [4, 'sms', 'voicemail-nudge', 'Thu 2026-03-05 10:00', 'Fri 2026-03-06 00:00'],
      [5, 'email', 'value', 'Sat 2026-03-07 10:00', 'Sun 2026-03-08 00:00'],
      [6, 'call', 'call', 'Tue 2026-03-10 12:00', 'Wed 2026-03-11 00:00'],
      [7, 'sms', 'breakup', 'Tue 2026-03-17 12:00', 'Wed 2026-03-18 00:00'],
    ],
  },
  {
    source: 'google-lsa',
    enrolledAt: at(2026, 3, 3, 10, 0),
    rows: [
      [1, 'sms', 'acknowledge', 'Tue 2026-03-03 10:00', 'Tue 2026-03-03 10:05'],
      [2, 'email', 'confirm', 'Tue 2026-03-03 10:00', 'Tue 2026-03-03 11:00'],
      [3, 'call', 'call', 'Wed 2026-03-04 10:00', 'Thu 2026-03-05 00:00'],
      [4, 'sms', 'voicemail-nudge', 'Wed 2026-03-04 10:00', 'Thu 2026-03-05 00:00'],
      [5, 'email', 'value', 'Thu 2026-03-05 10:00', 'Fri 2026-03-06 00:00'],
      [6, 'call', 'call', 'Sat 2026-03-07 12:00', 'Sun 2026-03-08 00:00'],
      [7, 'sms', 'breakup', 'Tue 2026-03-10 12:00', 'Wed 2026-03-11 00:00'],
    ],
  },
  {
    source: 'referral',
    enrolledAt: at(2026, 3, 3, 10, 0),
    rows: [
      [1, 'call', 'call', 'Tue 2026-03-03 10:00', 'Tue 2026-03-03 10:05'],
      [2, 'sms', 'acknowledge', 'Tue 2026-03-03 10:00', 'Tue 2026-03-03 10:05'],
      [3, 'email', 'confirm', 'Tue 2026-03-03 10:00', 'Tue 2026-03-03 11:00'],
      [4, 'call', 'call', 'Wed 2026-03-04 12:00', 'Thu 2026-03-05 00:00'],
      [5, 'sms', 'voicemail-nudge', 'Thu 2026-03-05 12:00', 'Fri 2026-03-06 00:00'],
      [6, 'email', 'value', 'Sat 2026-03-07 12:00', 'Sun 2026-03-08 00:00'],
      [7, 'call', 'call', 'Tue 2026-03-10 17:00', 'Wed 2026-03-11 00:00'],
    ],
  },
  {
    source: 'cold-outbound',
    enrolledAt: at(2026, 3, 3, 10, 0),
    rows: [
      [1, 'email', 'acknowledge', 'Wed 2026-03-04 10:00', 'Thu 2026-03-05 00:00'],
      [2, 'email', 'confirm', 'Fri 2026-03-06 10:00', 'Sat 2026-03-07 00:00'],
      [3, 'call', 'call', 'Sun 2026-03-08 10:00', 'Mon 2026-03-09 00:00'],
      [4, 'email', 'voicemail-nudge', 'Mon 2026-03-09 10:00', 'Tue 2026-03-10 00:00'],
      [5, 'email', 'value', 'Thu 2026-03-12 10:00', 'Fri 2026-03-13 00:00'],
      [6, 'call', 'call', 'Mon 2026-03-16 12:00', 'Tue 2026-03-17 00:00'],
      [7, 'email', 'breakup', 'Thu 2026-03-26 12:00', 'Fri 2026-03-27 00:00'],
    ],
  },
  {
    source: 'facebook-lead-ad',
    enrolledAt: at(2026, 3, 6, 21, 30),
    rows: [
      [1, 'sms', 'acknowledge', 'Sat 2026-03-07 08:00', 'Sat 2026-03-07 08:05'],
      [2, 'email', 'confirm', 'Sat 2026-03-07 08:00', 'Sat 2026-03-07 09:00'],
      [3, 'call', 'call', 'Sun 2026-03-08 08:00', 'Mon 2026-03-09 00:00'],
      [4, 'sms', 'voicemail-nudge', 'Mon 2026-03-09 08:00', 'Tue 2026-03-10 00:00'],
      [5, 'email', 'value', 'Wed 2026-03-11 08:00', 'Thu 2026-03-12 00:00'],
      [6, 'call', 'call', 'Sat 2026-03-14 12:00', 'Sun 2026-03-15 00:00'],
      [7, 'sms', 'breakup', 'Sat 2026-03-21 12:00', 'Sun 2026-03-22 00:00'],
    ],
  },
];

describe('golden schedules (spec: seven-touch playbook, default window, America/New_York)', () => {
  const playbook = getBuiltInPlaybook('seven-touch-14-day')!;
  for (const table of TABLES) {
    it(`${table.source}, enrolled ${fmt(table.enrolledAt)}`, () => {
      const plan = planTouches({
        steps: adjustForSource(playbook.steps, table.source),
        enrolledAt: table.enrolledAt,
        timeZone: NY,
      });
      const actual: Row[] = plan.map((t) => [t.step, t.channel, t.purpose, fmt(t.dueAt), fmt(t.deadlineAt)]);
      expect(actual).toEqual(table.rows);
    });
  }
});
