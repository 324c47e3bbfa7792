import { describe, expect, it } from 'vitest';
import { isAutoReply, parseGmailDate } from '@/lib/sites/gmail';

describe('isAutoReply', () => {
  const yes: [string, Parameters<typeof isAutoReply>[0]][] = [
    ['English Outlook subject', { subject: 'Automatic reply: Quarterly pricing follow-up' }],
    ['short prefix', { subject: 'Auto: Intro call' }],
    ['auto-reply prefix', { subject: 'Auto-Reply: Intro call' }],
    ['autoreply', { subject: 'AutoReply - Intro call' }],
    ['out of office, any case', { subject: 'OUT OF OFFICE until Monday' }],
    ['out of the office', { subject: 'Out of the office: back 25 Aug' }],
    ['German', { subject: 'Abwesenheitsnotiz: Preisangebot Q3' }],
    ['German Outlook', { subject: 'Automatische Antwort: Preisangebot' }],
    ['Spanish', { subject: 'Respuesta automática: Propuesta' }],
    ['Spanish without accent', { subject: 'Respuesta automatica: Propuesta' }],
    ['French', { subject: 'Réponse automatique : Proposition' }],
    ['Italian', { subject: 'Risposta automatica: Proposta' }],
    ['Dutch', { subject: 'Automatisch antwoord: Voorstel' }],
    ['leading spaces', { subject: '   Automatic reply: x' }],
    ['body, English', { subject: 'Re: Pricing', body: 'I am currently out of the office until Monday.' }],
    ['body, German', { body: 'Vielen Dank. Ich bin bis 1. September nicht im Büro.' }],
    ['body, French', { body: 'Je suis absente du bureau jusqu’au 2 septembre.' }],
    ['body, automated', { body: 'This is an automated response. Your ticket #123 was received.' }],
    ['Auto-Submitted header', { subject: 'Pricing', autoSubmitted: 'auto-replied' }],
    ['X-Autoreply header', { autoReplyHeader: 'yes' }],
  ];
  const no: [string, Parameters<typeof isAutoReply>[0]][] = [
    ['plain reply', { subject: 'Re: Quarterly pricing follow-up', body: 'Thanks, works for us.' }],
    [
      'a person answering an auto-reply',
      { subject: 'Re: Automatic reply: Pricing', body: 'Sorry, wrong person.' },
    ],
    ['forwarded auto-reply', { subject: 'Fwd: Out of office' }],
    ['prefix later in subject', { subject: 'Pricing (automatic reply test)' }],
    [
      'OOO mention far down a real reply',
      { body: `${'Thanks Jane, the pricing works. '.repeat(8)}I will be out of office next week.` },
    ],
    ['Auto-Submitted: no', { autoSubmitted: 'no' }],
    ['empty', {}],
    ['word starting with ooo', { subject: 'Oooh, great news' }],
  ];
  it.each(yes)('auto-reply: %s', (_, input) => expect(isAutoReply(input)).toBe(true));
  it.each(no)('real message: %s', (_, input) => expect(isAutoReply(input)).toBe(false));
});

describe('parseGmailDate', () => {
  const local = (y: number, m: number, d: number, h: number, min: number) =>
    new Date(y, m - 1, d, h, min).getTime();
  it.each([
    ['Tue, Aug 19, 2025, 1:19 PM', local(2025, 8, 19, 13, 19)],
    ['Tue, Aug 19, 2025, 1:19\u202fPM', local(2025, 8, 19, 13, 19)],
    ['Thu, Dec 18, 2014 at 12:35 PM', local(2014, 12, 18, 12, 35)],
    ['Sat, Jan 3, 2026, 12:05 AM', local(2026, 1, 3, 0, 5)],
    ['Di., 19. Aug. 2025, 13:19', local(2025, 8, 19, 13, 19)],
    ['Mi., 5. März 2025, 08:07', local(2025, 3, 5, 8, 7)],
    ['mar. 19 août 2025, 13:19', local(2025, 8, 19, 13, 19)],
    ['mar, 4 mar 2025, 9:00', local(2025, 3, 4, 9, 0)],
    ['mar, 19 ago 2025, 13:19', local(2025, 8, 19, 13, 19)],
    ['19 August 2025 at 07:30', local(2025, 8, 19, 7, 30)],
  ])('%s', (raw, expected) => expect(parseGmailDate(raw)).toBe(expected));

  it.each([
    ['short, no year', 'Aug 19'],
    ['time only', '1:19 PM'],
    ['numeric date', '19/08/2025, 13:19'],
    ['impossible day', 'Feb 30, 2025, 1:00 PM'],
    ['impossible hour', 'Aug 19, 2025, 13:19 PM'],
    ['empty', ''],
    ['null', null],
  ])('undefined for %s', (_, raw) => expect(parseGmailDate(raw)).toBeUndefined());
});
