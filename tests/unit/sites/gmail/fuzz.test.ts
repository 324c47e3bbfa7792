// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractGmail, findReplies, insertIntoCompose } from '@/lib/sites/gmail';
import { FIXTURES, fixtureHtml } from './fixtures';

const SOURCES = FIXTURES.filter((f) => f !== 'gmail-empty.html' && !f.includes('2014'));

describe('missing pieces never throw', () => {
  it.each(SOURCES)('%s with random elements removed', (name) => {
    const html = fixtureHtml(name);
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), fc.boolean(), (picks, stripAttrs) => {
        const doc = new DOMParser().parseFromString(html, 'text/html');
        for (const pick of picks) {
          const els = doc.body.querySelectorAll('*');
          if (!els.length) break;
          const el = els[pick % els.length]!;
          if (stripAttrs) {
            const attr = el.attributes[pick % Math.max(1, el.attributes.length)];
            if (attr) el.removeAttribute(attr.name);
          } else el.remove();
        }
        const view = extractGmail(doc, { url: 'https://mail.google.com/mail/u/0/#inbox' });
        expect(['thread', 'compose', 'inbox', 'unknown']).toContain(view.kind);
        expect(Array.isArray(view.problems)).toBe(true);
        expect(JSON.parse(JSON.stringify(view))).toEqual(view);
        expect(() => findReplies(view, [{ email: 'bob.buyer@example.org', lastTouchAt: 0 }])).not.toThrow();
        const r = insertIntoCompose(doc, { body: 'x', subject: 'y' });
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 60, seed: 20250819 },
    );
  });

  it('hostile attribute values and text stay data', () => {
    const doc = new DOMParser().parseFromString(
      fixtureHtml('gmail-thread-with-compose.SYNTHETIC.html'),
      'text/html',
    );
    const sender = doc.querySelector('span.gD[email]')!;
    sender.setAttribute('email', '"><img src=x onerror=alert(1)>@x');
    sender.setAttribute('name', '<script>alert(1)</script>');
    doc.querySelector('h2.hP')!.textContent = '<b>\u202e\u0000 Subject';
    const view = extractGmail(doc);
    expect(view.thread?.subject).toBe('<b>\u202e\u0000 Subject');
    expect(view.thread?.messages.length).toBeGreaterThan(0);
  });
});
