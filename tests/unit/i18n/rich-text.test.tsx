import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { RichText } from '@/components/ui/RichText';
import { applyChoice, resetI18n } from '@/lib/i18n';

afterEach(() => resetI18n());

const gmail = <a href="https://mail.google.com/">Gmail</a>;

describe('RichText', () => {
  it('puts the element where the language puts the placeholder', async () => {
    expect(renderToStaticMarkup(<RichText k="contacts_empty_gmail" parts={{ gmail }} />)).toBe(
      'Or open a thread in <a href="https://mail.google.com/">Gmail</a> and enrol the sender from the Touchbase sidebar.',
    );
    await applyChoice('de');
    expect(renderToStaticMarkup(<RichText k="contacts_empty_gmail" parts={{ gmail }} />)).toBe(
      'Oder öffne einen Verlauf in <a href="https://mail.google.com/">Gmail</a> und nimm den Absender über die Touchbase-Seitenleiste auf.',
    );
  });

  it('renders a node at the very start, and text that looks like markup stays text', async () => {
    await applyChoice('fr');
    const html = renderToStaticMarkup(
      <RichText k="contacts_empty_import" parts={{ import: <button type="button">&lt;b&gt;$1</button> }} />,
    );
    expect(html).toBe(
      '<button type="button">&lt;b&gt;$1</button> depuis Google Contacts, LinkedIn, HubSpot, Salesforce, Pipedrive ou n&#x27;importe quel tableur.',
    );
  });
});
