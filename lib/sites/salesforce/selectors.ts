/**
 * Salesforce Lightning Contact / Lead hooks (sources: /work/shared/fixtures/crm/SELECTORS.md:
 * clockify, toggl, sdfc-extractor, Salesforce Inspector). Field items are found by their API name
 * (`data-target-selection-name`), which no translation changes, then by their English label.
 * Lightning keeps background console tabs and cached pages in the DOM under `aria-hidden="true"`,
 * and may render components in native shadow DOM: every query goes through a shadow-piercing,
 * visibility-checking helper, and starts from the shown record page.
 */
import type { SelectorList } from '../dom';

export const SEL = {
  /** The shown record page (console tab, standard-navigation page); background ones are aria-hidden. */
  pageRoot: [
    '.oneConsoleTab',
    '.slds-template__container .windowViewMode-normal',
    '.windowViewMode-normal',
    'one-record-home-flexipage2',
  ],
  /** The record's name in the highlights panel (page header). */
  name: [
    'records-lwc-highlights-panel lightning-formatted-name',
    'records-highlights2 lightning-formatted-name',
    '[slot="primaryField"] lightning-formatted-name',
    '.slds-page-header__title lightning-formatted-name',
    'slot[name="primaryField"] lightning-formatted-name',
    '.slds-page-header__title .uiOutputText',
    '.slds-page-header__title lightning-formatted-text',
  ],
  /** Inside the highlights panel (one shadow root may separate it from the name). */
  nameInHighlights: ['lightning-formatted-name', '[slot="primaryField"]', 'slot[name="primaryField"]'],
  /** The highlights panel, whose mailto:/tel: links are the record's own. */
  highlights: ['records-lwc-highlights-panel', 'records-highlights2', '.slds-page-header_record-home'],
  /** One field item; `%O` is the sObject, `%F` the field's API name. */
  fieldByApiName: ['[data-target-selection-name="sfdc:RecordField.%O.%F"]'],
  /** One field item by its (English) label. */
  fieldByLabel: ['records-record-layout-item[field-label="%L"]', '.forcePageBlockItem[data-label="%L"]'],
  /** Inside a field item: where the value is. */
  fieldValue: ['.test-id__field-value', '.slds-form-element__control', '.itemBody'],
  /** Inside a value: the rendered text, most specific first. */
  valueText: [
    'lightning-formatted-name',
    'lightning-formatted-email',
    'lightning-formatted-phone',
    'force-lookup a',
    'records-hoverable-link a',
    'lightning-formatted-text',
    'a',
    '.uiOutputText',
  ],
  mailto: ['a[href^="mailto:" i]'],
  tel: ['a[href^="tel:" i]'],
} as const satisfies Record<string, SelectorList>;

/** Class Lightning puts on the console tab / page in front. */
export const ACTIVE_CLASS = 'active';

/** The fields read, by API name and English label, per sObject. */
export const FIELDS = {
  name: { api: ['Name'], label: ['Name'] },
  firstName: { api: ['FirstName'], label: ['First Name'] },
  lastName: { api: ['LastName'], label: ['Last Name'] },
  email: { api: ['Email'], label: ['Email'] },
  phone: { api: ['Phone', 'MobilePhone'], label: ['Phone', 'Mobile'] },
  title: { api: ['Title'], label: ['Title'] },
  /** Contact: the account lookup; Lead: the company text. */
  company: { api: ['AccountId', 'Company'], label: ['Account Name', 'Company'] },
  /** No standard field: the custom ones orgs add for it. */
  language: { api: ['Language__c', 'Preferred_Language__c'], label: ['Language', 'Preferred Language'] },
} as const;

/** Fills a field selector list's placeholders. */
export function fieldSelectors(sobject: string, api: string, label: string): string[] {
  return [
    ...SEL.fieldByApiName.map((s) => s.replace('%O', sobject).replace('%F', api)),
    ...SEL.fieldByLabel.map((s) => s.replaceAll('%L', label)),
  ];
}
