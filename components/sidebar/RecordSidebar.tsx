import { useEffect } from 'react';
import type { ContactData } from '@/components/shared/useContactData';
import type { SidebarData } from '@/lib/sidebar/query';
import { contactForRecord } from '@/lib/sidebar/record';
import type { PageView, RecordView } from '@/lib/sites/types';
import { ContactPanel } from './ContactPanel';
import { pageLanguageEvidence } from '@/lib/sidebar/language';
import { EnrolForm } from './EnrolForm';
import { RecordFacts } from './RecordFacts';
import type { PageBridge } from './usePageBridge';
import { t } from '@/lib/i18n';

interface Props {
  record: RecordView;
  view: PageView;
  data: SidebarData | undefined;
  error: string | undefined;
  bridge: PageBridge;
}

/**
 * The sidebar on a record page: what the page shows of the person, then the same panel as in
 * Gmail for a known contact (cadence, next touch, draft, every action), or a one-click enrol
 * prefilled from the page.
 */
export function RecordSidebar({ record, view, data, error, bridge }: Props) {
  const contact = data ? contactForRecord(record, data.contacts) : undefined;

  // For `npm run bench`: when the record's person first reached the screen.
  useEffect(() => {
    if (data) performance.mark('tb-record-shown');
  }, [data]);

  if (!data) {
    return error ? (
      <p className="tb-problem error sb-pad" role="alert">
        {t('sidebar_load_error', { error })}
      </p>
    ) : (
      <RecordFacts record={record} />
    );
  }
  const contactData: ContactData | undefined = contact
    ? {
        contact,
        enrolments: data.enrolments.filter((e) => e.contactId === contact.id),
        touches: data.touches.filter((t) => t.contactId === contact.id),
        activities: data.activities.filter((a) => a.contactId === contact.id),
        settings: data.settings,
        library: data.library,
        ...(data.me ? { me: data.me } : {}),
      }
    : undefined;
  return (
    <div className="sb-stack" data-testid="record-sidebar">
      <RecordFacts record={record} contact={contact} />
      {contactData ? (
        <ContactPanel
          key={contactData.contact.id}
          data={contactData}
          playbooks={data.playbooks}
          view={view}
          bridge={bridge}
        />
      ) : (
        <EnrolForm
          key={record.ref.key}
          person={{ email: record.emails[0] ?? '', name: record.name }}
          record={record}
          settings={data.settings}
          playbooks={data.playbooks}
          languageEvidence={pageLanguageEvidence(view)}
          {...(data.me ? { me: data.me } : {})}
        />
      )}
    </div>
  );
}
