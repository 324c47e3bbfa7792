import { describe, expect, it } from 'vitest';
import type { Channel, Purpose } from '@/lib/cadence';
import { type RenderContext, type Template, render, toPlainTextHtml } from '@/lib/templates';
import { fullContext, sparseContext } from './fixtures';

function tpl(
  body: string,
  channel: Channel = 'sms',
  subject?: string,
  purpose: Purpose = 'follow-up',
): Template {
  const t: Template = {
    id: 'test',
    purpose,
    channel,
    variant: 'default',
    name: 'Test',
    body,
    version: 1,
    builtIn: false,
  };
  if (subject !== undefined) t.subject = subject;
  return t;
}

const codes = (r: { problems: { code: string }[] }) => r.problems.map((p) => p.code);

describe('merge fields', () => {
  it('fills contact, rep and custom fields', () => {
    const r = render(
      tpl(
        '{{firstName}} {{lastName}} / {{fullName}} / {{company}} / {{title}} / {{topic}} / {{leadSource}} / {{email}} / {{phone}} / {{custom.stat}}',
      ),
      fullContext(),
    );
    expect(r.body).toBe(
      'Dana Whitfield / Dana Whitfield / Harbor Bakery / Owner / roof repair / our website / dana@harborbakery.example / +1 555 010 0199 / most flat roofs need resealing every 5 to 7 years.',
    );
    const reps = render(
      tpl(
        'Hi {{firstName}}: {{rep.name}}|{{rep.company}}|{{rep.phone}}|{{rep.reconnectLink}}|{{rep.bookingLink}}',
      ),
      fullContext(),
    );
    expect(reps.body).toBe(
      'Hi Dana: Sam Rivera|Brightline Roofing|555 201 0100|https://brightline.example/r/dana|https://brightline.example/book',
    );
  });

  it('accepts spaces inside the braces and around the fallback', () => {
    expect(render(tpl('Hi {{ firstName | friend }}'), fullContext()).body).toBe('Hi Dana');
    expect(render(tpl('Hi {{ firstName | friend }}'), sparseContext()).body).toBe('Hi friend');
  });

  it('uses the fallback for a missing value, and an empty fallback removes it', () => {
    const ctx = sparseContext();
    expect(render(tpl('Hi {{firstName|there}}, about {{topic|your request}}.'), ctx).body).toBe(
      'Hi there, about your request.',
    );
    expect(render(tpl('Hi{{title|}}!'), ctx).body).toBe('Hi!');
  });

  it('treats a whitespace-only value as missing and trims values', () => {
    const ctx = fullContext({ contact: { firstName: '   ', company: '  Harbor  ' } });
    expect(render(tpl('{{firstName|there}} at {{company}}'), ctx).body).toBe('there at Harbor');
  });

  it('keeps a visible [field] marker for a missing value without fallback, and asks to confirm', () => {
    const r = render(tpl('Hi {{firstName}}, re {{custom.stat}}'), sparseContext());
    expect(r.body).toBe('Hi [firstName], re [custom.stat]');
    expect(r.needsConfirm).toBe(true);
    expect(r.problems.filter((p) => p.code === 'missing-value').map((p) => p.field)).toEqual([
      'firstName',
      'custom.stat',
    ]);
    expect(r.segments).toEqual([
      { kind: 'text', text: 'Hi ' },
      { kind: 'missing', text: '[firstName]', field: 'firstName' },
      { kind: 'text', text: ', re ' },
      { kind: 'missing', text: '[custom.stat]', field: 'custom.stat' },
    ]);
  });

  it('reports a missing value once even when the field repeats', () => {
    const r = render(tpl('{{rep.phone}} and again {{rep.phone}}', 'voicemail'), fullContext({ rep: {} }));
    expect(r.problems.filter((p) => p.code === 'missing-value')).toHaveLength(1);
    expect(r.problems[0]!.message).toMatch(/Settings/);
  });

  it('flags an unknown field as an error and marks it', () => {
    const r = render(tpl('Hi {{frstName}}, {{rep.nmae|x}} {{}} {{custom.}}'), fullContext());
    expect(r.body).toBe('Hi [frstName], [rep.nmae] [] [custom.]');
    expect(r.problems.filter((p) => p.code === 'unknown-field').every((p) => p.severity === 'error')).toBe(
      true,
    );
    expect(r.problems.filter((p) => p.code === 'unknown-field').map((p) => p.field)).toEqual([
      'frstName',
      'rep.nmae',
      '',
      'custom.',
    ]);
    expect(r.segments.map((s) => s.kind)).toEqual([
      'text',
      'unknown',
      'text',
      'unknown',
      'text',
      'unknown',
      'text',
      'unknown',
    ]);
    expect(r.needsConfirm).toBe(true);
  });

  it('leaves unclosed or stray braces alone', () => {
    expect(render(tpl('Hi {{firstName}} {{oops and } or {single}'), fullContext()).body).toBe(
      'Hi Dana {{oops and } or {single}',
    );
  });

  it('segments always concatenate back to the body, and values are tagged', () => {
    const r = render(tpl('Hi {{firstName}}, {{rep.name}} here.'), fullContext({ isFirstSms: true }));
    expect(r.segments.map((s) => s.text).join('')).toBe(r.body);
    expect(r.segments[1]).toEqual({ kind: 'value', text: 'Dana', field: 'firstName' });
  });

  it('derives the signature from name and company when none is saved', () => {
    const ctx = fullContext({ rep: { name: 'Sam Rivera', company: 'Brightline Roofing' } });
    expect(render(tpl('Hi {{firstName}}\n{{rep.signature}}', 'email', 'Hi'), ctx).body).toBe(
      'Hi Dana\nSam Rivera\nBrightline Roofing',
    );
  });

  it('shows lead sources in words and passes free text through', () => {
    const word = (leadSource: string) =>
      render(
        tpl('{{firstName}} via {{leadSource}}'),
        fullContext({ contact: { firstName: 'A', leadSource } }),
      ).body;
    expect(word('google-lsa')).toBe('A via Google');
    expect(word('referral')).toBe('A via a referral');
    expect(word('trade show')).toBe('A via trade show');
  });

  it('does not read inherited properties as custom fields', () => {
    const r = render(tpl('{{firstName}} {{custom.toString|none}} {{custom.__proto__|none}}'), fullContext());
    expect(r.body).toBe('Dana none none');
  });
});

describe('safe output', () => {
  it('inserts values as text: template syntax in a value stays literal', () => {
    const ctx = fullContext({ contact: { firstName: '{{rep.phone}}', company: '{{meetingSlots}}' } });
    const r = render(tpl('Hi {{firstName}} at {{company}}'), ctx);
    expect(r.body).toBe('Hi {{rep.phone}} at {{meetingSlots}}');
    expect(r.problems.filter((p) => p.code === 'unknown-field')).toEqual([]);
  });

  it('keeps an HTML payload verbatim as characters', () => {
    const name = '<img src=x onerror=alert(1)>';
    const r = render(
      tpl('Hi {{firstName}},\n\nthanks.', 'email', 'For {{firstName}}'),
      fullContext({ contact: { firstName: name } }),
    );
    expect(r.body).toBe(`Hi ${name},\n\nthanks.`);
    expect(r.subject).toBe(`For ${name}`);
    expect(toPlainTextHtml(r.body)).toBe('Hi &lt;img src=x onerror=alert(1)&gt;,<br><br>thanks.');
  });

  it('flattens line breaks in subject values so they cannot start a new header', () => {
    const ctx = fullContext({ contact: { firstName: 'Dana\r\nBcc: all@example.com' } });
    const r = render(tpl('Hi {{firstName}}', 'email', 'Hello {{firstName}}'), ctx);
    expect(r.subject).toBe('Hello Dana Bcc: all@example.com');
    expect(r.subjectSegments?.map((s) => s.text).join('')).toBe(r.subject);
  });

  it('toPlainTextHtml escapes all five characters and every kind of line break', () => {
    expect(toPlainTextHtml(`a&b<c>d"e'f\r\ng\rh\ni`)).toBe('a&amp;b&lt;c&gt;d&quot;e&#39;f<br>g<br>h<br>i');
    expect(toPlainTextHtml('&amp;')).toBe('&amp;amp;');
  });

  it('never throws on a bad zone, a bad window, an invalid now or junk activities', () => {
    const ctx: RenderContext = fullContext({
      timeZone: 'Not/AZone',
      repTimeZone: '',
      now: new Date(Number.NaN),
      window: { days: [], start: 'soon', end: '' },
      activities: [{ kind: 'touch-done', at: Number.NaN, channel: 'sms' }],
    });
    const r = render(tpl('Hi {{firstName}}, {{meetingSlots}} {{lastTouch}}'), ctx);
    expect(r.body).toBe('Hi Dana, [meetingSlots] [lastTouch]');
    expect(codes(r)).toEqual(['missing-value', 'missing-value']);
  });
});

describe('checks', () => {
  it('warns when the first line has nothing personal', () => {
    expect(codes(render(tpl('Hello!\nHi {{firstName}}'), fullContext()))).toContain('impersonal-first-line');
    expect(codes(render(tpl('\n\n  Hi {{firstName}}\nmore'), fullContext()))).not.toContain(
      'impersonal-first-line',
    );
    // A fallback or a rep field is not personal.
    expect(codes(render(tpl('Hi {{firstName|there}}, {{rep.name}} here'), sparseContext()))).toContain(
      'impersonal-first-line',
    );
    // A personal value on a later line does not count.
    expect(codes(render(tpl('Hi {{rep.name}}\n{{company}}'), fullContext()))).toContain(
      'impersonal-first-line',
    );
    // Internal task notes are exempt.
    expect(codes(render(tpl('Do the thing', 'task'), fullContext()))).toEqual([]);
  });

  it('checks the email subject: missing is an error, over 60 characters a warning', () => {
    const missing = render(tpl('Hi {{firstName}}', 'email'), fullContext());
    expect(missing.problems).toContainEqual(
      expect.objectContaining({ code: 'subject-missing', severity: 'error' }),
    );
    const long = render(tpl('Hi {{firstName}}', 'email', `About ${'x'.repeat(60)}`), fullContext());
    expect(codes(long)).toContain('subject-too-long');
    const ok = render(tpl('Hi {{firstName}}', 'email', 'x'.repeat(60)), fullContext());
    expect(codes(ok)).toEqual([]);
    expect(render(tpl('Hi {{firstName}}', 'sms', 'ignored'), fullContext()).subject).toBeUndefined();
  });

  it('reports an empty body', () => {
    expect(codes(render(tpl('  \n '), fullContext()))).toEqual(['empty-body']);
  });

  it('times a voicemail at 150 wpm and warns above 30 seconds', () => {
    const short = render(tpl(`Hi {{firstName}}, ${'word '.repeat(70)}`, 'voicemail'), fullContext());
    expect(short.speaking).toMatchObject({ spokenWords: 72, seconds: 28.8, overLimit: false });
    expect(codes(short)).toEqual([]);
    const long = render(tpl(`Hi {{firstName}}, ${'word '.repeat(80)}`, 'voicemail'), fullContext());
    expect(long.speaking?.seconds).toBe(32.8);
    expect(long.problems).toContainEqual(
      expect.objectContaining({ code: 'voicemail-too-long', severity: 'warning' }),
    );
  });

  it('times only the voicemail part of a call script', () => {
    const body = `Call {{fullName}}\n\nTalk track\n${'talk '.repeat(200)}\n\nVoicemail\nHi {{firstName}}, call me.`;
    const r = render(tpl(body, 'call'), fullContext());
    expect(r.speaking).toMatchObject({ words: 4, seconds: 1.6 });
    expect(codes(r)).toEqual([]);
  });

  it('adds opt-out wording to a first text that lacks it, and says so', () => {
    const r = render(tpl('Hi {{firstName}}, quick one.'), fullContext({ isFirstSms: true }));
    expect(r.body).toBe('Hi Dana, quick one.\n\nReply STOP to opt out.');
    expect(codes(r)).toEqual(['opt-out-added']);
    expect(r.segments.map((s) => s.text).join('')).toBe(r.body);
    expect(r.sms?.used).toBe(r.body.length);
  });

  it('leaves opt-out wording alone when present or when not the first text', () => {
    const has = render(tpl('Hi {{firstName}}. Text STOP to unsubscribe.'), fullContext({ isFirstSms: true }));
    expect(has.body).toBe('Hi Dana. Text STOP to unsubscribe.');
    expect(codes(has)).toEqual([]);
    const later = render(tpl('Hi {{firstName}}.'), fullContext({ isFirstSms: false }));
    expect(later.body).toBe('Hi Dana.');
    const email = render(tpl('Hi {{firstName}}.', 'email', 'Hi'), fullContext({ isFirstSms: true }));
    expect(email.body).toBe('Hi Dana.');
  });

  it('reports SMS segments and characters that force Unicode', () => {
    const long = render(tpl(`Hi {{firstName}}, ${'a'.repeat(160)}`), fullContext());
    expect(long.sms).toMatchObject({ encoding: 'GSM-7', segments: 2 });
    expect(codes(long)).toEqual(['sms-segments']);
    const curly = render(tpl('Hi {{firstName}}, it’s Sam'), fullContext());
    expect(curly.sms?.encoding).toBe('UCS-2');
    expect(curly.problems).toContainEqual(expect.objectContaining({ code: 'sms-unicode' }));
    expect(curly.problems.find((p) => p.code === 'sms-unicode')?.message).toContain('’');
  });

  it('warns about filler phrases and more than one question', () => {
    expect(codes(render(tpl('Hi {{firstName}}, just checking in.'), fullContext()))).toEqual([
      'filler-phrase',
    ]);
    expect(codes(render(tpl('Hi {{firstName}}, ok? really?'), fullContext()))).toEqual(['more-than-one-ask']);
    // Question marks inside values do not count against the template.
    const q = fullContext({ contact: { firstName: 'Who?', topic: 'why?' } });
    expect(codes(render(tpl('Hi {{firstName}}, about {{topic}}: ok?'), q))).toEqual([]);
  });

  it('warns when a LinkedIn connection note is over 300 characters', () => {
    const r = render(
      tpl(`Hi {{firstName}} ${'x'.repeat(300)}`, 'linkedin', undefined, 'linkedin-connect'),
      fullContext(),
    );
    expect(codes(r)).toEqual(['linkedin-note-too-long']);
  });

  it('writes every problem message in plain words', () => {
    const r = render(
      tpl('{{nope}} {{firstName}} {{rep.bookingLink}} {{custom.tip}} {{meetingSlots}} {{lastTouch}}'),
      {
        ...sparseContext({ rep: {} }),
        window: { days: [], start: '09:00', end: '17:00' },
      },
    );
    for (const p of r.problems) {
      expect(p.message.length).toBeGreaterThan(15);
      expect(p.message).toMatch(/^[A-Z{"T]/);
    }
  });
});
