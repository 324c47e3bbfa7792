import { describe, expect, it } from 'vitest';
import { CHANNELS, PURPOSES, type Channel, type Purpose } from '@/lib/cadence';
import {
  duplicateTemplate,
  editTemplate,
  getBuiltIn,
  getTemplates,
  pickTemplate,
  render,
  resetToDefault,
} from '@/lib/templates';
import { fullContext } from './fixtures';

/** Purpose/channel pairs that must have their own template (not a fallback). */
const REQUIRED: [Purpose, Channel][] = [
  ['acknowledge', 'sms'],
  ['acknowledge', 'email'],
  ['confirm', 'email'],
  ['call', 'call'],
  ['voicemail', 'voicemail'],
  ['voicemail-nudge', 'sms'],
  ['voicemail-nudge', 'email'],
  ['follow-up', 'email'],
  ['value', 'email'],
  ['question', 'email'],
  ['question', 'sms'],
  ['multi-thread', 'email'],
  ['meeting-ask', 'email'],
  ['meeting-ask', 'sms'],
  ['breakup', 'email'],
  ['breakup', 'sms'],
  ['final-check-in', 'email'],
  ['re-engage', 'email'],
  ['re-engage', 'sms'],
  ['after-meeting', 'email'],
  ['linkedin-connect', 'linkedin'],
  ['linkedin-engage', 'linkedin'],
  ['assign', 'task'],
];

describe('built-in library', () => {
  const all = getTemplates();

  it('has unique ids of the form purpose.channel.variant, all version 1 and built in', () => {
    expect(new Set(all.map((t) => t.id)).size).toBe(all.length);
    for (const t of all) {
      expect(t.id).toBe(`${t.purpose}.${t.channel}.${t.variant}`);
      expect(t).toMatchObject({ version: 1, builtIn: true });
      expect(t.subject !== undefined).toBe(t.channel === 'email');
    }
  });

  it('covers every purpose', () => {
    for (const p of PURPOSES) expect(all.some((t) => t.purpose === p)).toBe(true);
  });

  it.each(REQUIRED)('has its own %s template on %s', (purpose, channel) => {
    expect(all.some((t) => t.purpose === purpose && t.channel === channel)).toBe(true);
  });

  it('has an email template for every purpose that has an sms one (cold outbound turns sms into email)', () => {
    for (const t of all.filter((x) => x.channel === 'sms')) {
      expect(all.some((x) => x.purpose === t.purpose && x.channel === 'email')).toBe(true);
    }
  });

  it('offers the four value variants', () => {
    const variants = all.filter((t) => t.purpose === 'value' && t.channel === 'email').map((t) => t.variant);
    expect(variants).toEqual(['case-study', 'stat', 'tip', 'resource']);
    expect(getBuiltIn('value.email.resource')?.body).toContain('P.S.');
  });

  it('puts the reconnect link in every breakup and meeting times in every meeting ask', () => {
    for (const t of all.filter((x) => x.purpose === 'breakup'))
      expect(t.body).toContain('{{rep.reconnectLink}}');
    for (const t of all.filter((x) => x.purpose === 'meeting-ask'))
      expect(t.body).toContain('{{meetingSlots}}');
  });

  it('renders every template cleanly against a complete contact', () => {
    for (const t of all) {
      const r = render(t, fullContext());
      expect(r.problems, t.id).toEqual([]);
      expect(r.needsConfirm).toBe(false);
      expect(r.body).not.toMatch(/\{\{|\}\}|\[[a-zA-Z.]+\]/);
    }
  });

  it('never says "just checking in" and keeps to one question per message', () => {
    for (const t of all) {
      expect(t.body.toLowerCase()).not.toContain('checking in');
      if (['email', 'sms', 'linkedin'].includes(t.channel)) {
        expect(t.body.replace(/\{\{[^{}]*\}\}/g, '').split('?').length - 1, t.id).toBeLessThanOrEqual(1);
      }
    }
  });

  it('keeps texts in GSM-7 and within one segment, even with the opt-out line added', () => {
    for (const t of all.filter((x) => x.channel === 'sms')) {
      const r = render(t, fullContext({ isFirstSms: true }));
      expect(r.sms?.encoding, t.id).toBe('GSM-7');
      expect(r.sms?.segments, t.id).toBe(1);
    }
  });

  it('keeps every voicemail under 30 seconds', () => {
    for (const t of all.filter((x) => x.channel === 'voicemail' || x.channel === 'call')) {
      const r = render(t, fullContext());
      expect(r.speaking?.seconds, t.id).toBeLessThan(30);
    }
  });

  it('returns copies: mutating one does not change the library', () => {
    const t = getTemplates()[0]!;
    t.body = 'changed';
    expect(getTemplates()[0]!.body).not.toBe('changed');
  });
});

describe('pickTemplate', () => {
  it('returns a template on the requested channel for every purpose and channel', () => {
    for (const p of PURPOSES) {
      for (const c of CHANNELS) {
        const t = pickTemplate(p, c);
        expect(t.channel, `${p}/${c}`).toBe(c);
      }
    }
  });

  it('returns the exact purpose where one exists', () => {
    for (const [p, c] of REQUIRED) expect(pickTemplate(p, c).purpose).toBe(p);
  });

  it('honours the variant, and falls back to the default variant', () => {
    expect(pickTemplate('value', 'email', 'stat').id).toBe('value.email.stat');
    expect(pickTemplate('value', 'email').id).toBe('value.email.case-study');
    expect(pickTemplate('value', 'email', 'nope').id).toBe('value.email.case-study');
  });

  it('falls back through related purposes, then the channel generic', () => {
    expect(pickTemplate('breakup', 'linkedin').id).toBe('follow-up.linkedin.default');
    expect(pickTemplate('value', 'sms').id).toBe('follow-up.sms.default');
    expect(pickTemplate('call', 'voicemail').id).toBe('voicemail.voicemail.default');
    expect(pickTemplate('after-meeting', 'call').id).toBe('call.call.default');
  });

  it('prefers the rep’s edited library, and fills gaps from the built-ins', () => {
    const mine = editTemplate(getBuiltIn('breakup.sms.default')!, {
      body: 'Hi {{firstName}}, my own words.',
    });
    expect(pickTemplate('breakup', 'sms', undefined, [mine]).body).toBe('Hi {{firstName}}, my own words.');
    expect(pickTemplate('breakup', 'email', undefined, [mine]).id).toBe('breakup.email.default');
  });
});

describe('versioning', () => {
  const base = getBuiltIn('question.sms.default')!;

  it('editTemplate bumps the version and leaves the original untouched', () => {
    const v2 = editTemplate(base, { body: 'Hi {{firstName}}, one question?' });
    expect(v2).toMatchObject({
      id: base.id,
      version: 2,
      builtIn: false,
      body: 'Hi {{firstName}}, one question?',
    });
    expect(editTemplate(v2, { name: 'Mine' }).version).toBe(3);
    expect(base.version).toBe(1);
    expect(getBuiltIn(base.id)!.body).toBe(base.body);
  });

  it('resetToDefault restores the shipped text as a newer version', () => {
    const v3 = editTemplate(editTemplate(base, { body: 'x' }), { body: 'y' });
    const reset = resetToDefault(base.id, v3);
    expect(reset).toMatchObject({ id: base.id, body: base.body, version: 4, builtIn: true });
    expect(resetToDefault(base.id)).toEqual(base);
    expect(resetToDefault('no-such-id')).toBeUndefined();
  });

  it('duplicateTemplate makes a user-owned copy with its own history', () => {
    const copy = duplicateTemplate(editTemplate(base, { body: 'z' }), 'my-question');
    expect(copy).toMatchObject({ id: 'my-question', version: 1, builtIn: false, body: 'z' });
    expect(copy.name).toContain('(copy)');
  });
});
