/**
 * LinkedIn profile and Sales Navigator lead hooks (sources: /work/shared/fixtures/crm/SELECTORS.md:
 * a real 2024-07 profile page, scoutr, Briskine, linkedin2n8n). Only the profile's top card (name,
 * headline, current company), its first experience entry, the contact-info overlay and the lead
 * header are read: the feed, "people also viewed", messaging and the nav (the signed-in member) name
 * other people. LinkedIn shows visible text inside `aria-hidden="true"` spans (screen readers get a
 * twin), so aria-hidden is not a visibility signal here.
 */
import type { SelectorList } from '../dom';

export const SEL = {
  topCard: ['main section[data-member-id]', 'main .pv-top-card', 'main [data-view-name="profile-top-card"]'],
  /** When the card hooks are gone: the section holding the page's main heading. */
  mainHeading: ['main h1'],
  name: ['h1'],
  /** Full name fallback: the profile photo's alt text. */
  photo: [
    'img.pv-top-card-profile-picture__image',
    'img[class*="pv-top-card-profile-picture"]',
    'img[width="200"][height="200"]',
  ],
  headline: ['div.text-body-medium.break-words', '[data-generated-suggestion-target]'],
  /** `aria-label="Current company: <name>. Click to skip to experience card"` */
  currentCompany: ['button[aria-label^="Current company: "]'],
  /** Link to the contact-info overlay, whose path carries the shown profile's slug. */
  contactInfoLink: ['a#top-card-text-details-contact-info', 'a[href*="/overlay/contact-info"]'],
  /** Experience section anchor and its first entry. */
  experienceAnchor: ['#experience'],
  experienceEntry: ['li.artdeco-list__item', 'li', 'div[data-view-name="profile-component-entity"]'],
  experienceTitle: ['div.t-bold span[aria-hidden="true"]', '.t-bold span', '.t-bold'],
  experienceCompany: ['span.t-14.t-normal span[aria-hidden="true"]', 'span.t-14.t-normal'],
  /** The contact-info overlay (1st-degree connections only). */
  contactInfo: ['.pv-contact-info', 'section[data-test-contact-info]'],
  /** JSON-LD blocks; a Person whose url is this profile names it. */
  jsonLd: ['script[type="application/ld+json"]'],
  /** Sales Navigator lead header: the name is the page's heading. */
  leadName: ['h1[data-anonymize="person-name"]', 'h1 [data-anonymize="person-name"]', '[data-x--lead--name]'],
  leadScope: ['section', '[data-sn-view-name="lead-profile-header"]'],
  leadTitle: ['[data-anonymize="job-title"]'],
  leadCompany: ['[data-anonymize="company-name"]'],
  leadEmail: ['[data-anonymize="email"]'],
  leadPhone: ['[data-anonymize="phone"]'],
  mailto: ['a[href^="mailto:" i]'],
  tel: ['a[href^="tel:" i]'],
  profileLink: ['a[href*="linkedin.com/in/" i]', 'a[href^="/in/"]'],
} as const satisfies Record<string, SelectorList>;
