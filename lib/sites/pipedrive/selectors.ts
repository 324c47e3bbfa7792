/**
 * Pipedrive person and deal hooks. Little is public (see /work/shared/fixtures/crm/SELECTORS.md:
 * `data-test="person.name|person.email|person.phone"` from list views, `.descriptionHead h1 a` from
 * the legacy detail page); class names are hashed, so hooks are data-test attributes, the
 * person links (`/person/<id>`) and mailto:/tel: links inside the person's own section. The
 * activity flow, deal participants and the user menu name other people and are never read.
 */
import type { SelectorList } from '../dom';

export const SEL = {
  /** Person page: the header with the person's name. */
  personHeader: [
    '[data-test="person-detail-header"]',
    '[data-testid="person-detail-header"]',
    '[data-test="detail-header"]',
    '.descriptionHead',
  ],
  name: ['[data-test="person.name"]', '[data-test="header-title"]', 'h1 a', 'h1'],
  /** Person page: the details sidebar with the person's fields. */
  personDetails: [
    '[data-test="person-details"]',
    '[data-testid="person-details"]',
    '[data-test="details-sidebar"]',
  ],
  /** Deal page: the section about the deal's person (not participants). */
  dealPerson: [
    '[data-test="deal-person-section"]',
    '[data-testid="deal-person-section"]',
    '[data-test="deal.person_id"]',
  ],
  /** A link to a person record, whose path carries the person id. */
  personLink: ['a[data-test="person.name"]', 'a[href*="/person/"]'],
  email: ['[data-test="person.email"]', '[data-test="email"]'],
  phone: ['[data-test="person.phone"]', '[data-test="phone"]'],
  title: ['[data-test="person.job_title"]', '[data-test="job_title"]'],
  org: ['[data-test="person.org_id"] a', '[data-test="person.org_id"]', 'a[href*="/organization/"]'],
  mailto: ['a[href^="mailto:" i]'],
  tel: ['a[href^="tel:" i]'],
  linkedin: ['a[href*="linkedin.com/in/" i]'],
} as const satisfies Record<string, SelectorList>;
