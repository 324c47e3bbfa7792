/**
 * HubSpot contact record hooks (sources: /work/shared/fixtures/crm/SELECTORS.md: clockify, toggl,
 * RevGuide's DOM notes). HubSpot's class names are random styled-components names, so every hook
 * here is a data-selenium-test / data-test-id attribute, a role, or a mailto:/tel: link; label text
 * (English) is the last resort. The record's own person lives in the highlight header and the left
 * property sidebar; the middle pane (activity feed) and the right sidebar (associations) name
 * other people and are never read for the person.
 */
import type { SelectorList } from '../dom';

export const SEL = {
  /** The record header card with the contact's name. */
  header: [
    '[data-selenium-test="contact-highlight-details"]',
    '[data-test-id="record-highlight-main-content"]',
    'div[data-selenium-component="ProfileHighlightContainer"]',
    '[data-test-id="record-header"]',
  ],
  name: ['[data-selenium-test="highlightTitle"]', '[data-test-id="record-title"]', 'h1', '[role="heading"]'],
  /** Job title line under the name in the header. */
  subtitle: ['[data-selenium-test="highlightSubtitle"]', '[data-test-id="record-subtitle"]'],
  /** The left sidebar with the contact's properties (lazy-loaded). */
  sidebar: [
    '[data-test-id="left-sidebar"]',
    '[data-scroll-trackable-container="left-sidebar"]',
    '[data-selenium-test="highlightedPropertySidebar"]',
  ],
  /** One property's input/value; `%` is the property's internal name (email, phone, jobtitle…). */
  propertyInput: ['[data-selenium-test="property-input-%"]', '[data-test-id="property-input-%"]'],
  /** Property labels, for the label/value fallback. */
  propertyLabel: ['[data-selenium-test*="property-label"]', 'label'],
  /** Placeholders HubSpot shows while a card is still loading. */
  loading: ['[data-test-id="loading-skeleton"]', '[aria-busy="true"]', '[role="progressbar"]'],
  /** The associated company, header chicklet first, then the association card (right sidebar). */
  company: [
    '[data-selenium-test="company-chicklet-title-link"]',
    '[data-selenium-test="card-id-ASSOCIATION_TABLE/0-2"] td:first-child a',
  ],
  mailto: ['a[href^="mailto:" i]'],
  tel: ['a[href^="tel:" i]'],
  linkedin: ['a[href*="linkedin.com/in/" i]'],
} as const satisfies Record<string, SelectorList>;

/** Internal property names and the English labels that stand in when the hooks are gone. */
export const PROPS = {
  firstName: { names: ['firstname'], label: /^first name$/i },
  lastName: { names: ['lastname'], label: /^last name$/i },
  email: { names: ['email'], label: /^e-?mail$/i },
  phone: { names: ['phone', 'mobilephone'], label: /^(phone number|mobile phone number|phone|mobile)$/i },
  title: { names: ['jobtitle'], label: /^job title$/i },
  company: { names: ['company'], label: /^company( name)?$/i },
  linkedin: { names: ['hs_linkedin_url', 'linkedin_url'], label: /^linkedin( url| profile)?$/i },
  /** HubSpot's default contact property "Preferred language". */
  language: { names: ['hs_language'], label: /^(preferred )?language$/i },
} as const;

/** Fills the `%` placeholder of a property selector list. */
export function forProperty(list: SelectorList, name: string): string[] {
  return list.map((s) => s.replaceAll('%', name));
}
