import { useEffect, useMemo, useState } from 'react';
import type { ContactData } from '@/components/shared/useContactData';
import { emailKeysOf } from '@/lib/contacts/record';
import { peopleInView, senderEmails } from '@/lib/sidebar/people';
import { isRunning } from '@/lib/sidebar/status';
import type { Person } from '@/lib/sites/types';
import { ContactPanel } from './ContactPanel';
import { EmptyState } from './EmptyState';
import { EnrolForm } from './EnrolForm';
import { PersonPicker } from './PersonPicker';
import { RepSetup } from '@/components/shared/RepSetup';
import { needsSetup } from '@/lib/settings/setup';
import { RecordSidebar } from './RecordSidebar';
import './sidebar.css';
import { usePageBridge } from './usePageBridge';
import { useReplyDetection, useSidebarData } from './useSidebarData';

const SHORTCUT = 'Alt+Shift+K';

/** The sidebar, an extension page inside an iframe on Gmail or a record page the rep turned on. */
export function SidebarApp() {
  const bridge = usePageBridge();
  const { view, theme, collapsed, setCollapsed } = bridge;

  useEffect(() => {
    if (theme) document.documentElement.dataset.theme = theme;
  }, [theme]);

  // On a record page the person is the record's: its emails, and its keys for a contact without one.
  const record = view?.record;
  const people = useMemo(
    () => (record ? record.emails.map((email) => ({ email, name: record.name })) : peopleInView(view)),
    [view, record],
  );
  const senders = useMemo(() => (bridge.capabilities.replies ? senderEmails(view) : []), [view, bridge]);
  const { data, error } = useSidebarData(
    people.map((p) => p.email),
    senders,
    record?.keys ?? [],
  );
  useReplyDetection(bridge.capabilities.replies ? view : undefined, data);
  const known = useMemo(() => {
    if (!data) return undefined;
    const map = new Map<string, { contact: ContactData['contact']; enrolments: ContactData['enrolments'] }>();
    for (const c of data.contacts) {
      const entry = { contact: c, enrolments: data.enrolments.filter((e) => e.contactId === c.id) };
      // Any of the contact's addresses shows their record.
      for (const email of emailKeysOf(c)) if (!map.has(email)) map.set(email, entry);
    }
    return map;
  }, [data]);
  const [chosen, setChosen] = useState<string>();

  // Follow the rep's pick while that person is in view; otherwise the first enrolled, then the first known.
  const selected: Person | undefined = useMemo(() => {
    const picked = people.find((p) => p.email === chosen);
    if (picked) return picked;
    return (
      people.find((p) => known?.get(p.email)?.enrolments.some((e) => isRunning(e))) ??
      people.find((p) => known?.has(p.email)) ??
      people[0]
    );
  }, [people, chosen, known]);

  if (collapsed) {
    return (
      <button
        type="button"
        className="sb-tab"
        data-testid="sidebar-expand"
        title={`Show Touchbase (${SHORTCUT})`}
        onClick={() => setCollapsed(false)}
      >
        <span className="sb-logo" aria-hidden="true">
          T
        </span>
        <span className="sb-tab-label">Touchbase</span>
      </button>
    );
  }

  const entry = selected ? known?.get(selected.email) : undefined;
  const contactData: ContactData | undefined =
    entry && data
      ? {
          contact: entry.contact,
          enrolments: entry.enrolments,
          touches: data.touches.filter((t) => t.contactId === entry.contact.id),
          activities: data.activities.filter((a) => a.contactId === entry.contact.id),
          settings: data.settings,
          library: data.library,
        }
      : undefined;
  return (
    <div className="sb-app" data-testid="sidebar" data-kind={view?.kind ?? 'loading'}>
      <header className="sb-header">
        <span className="sb-logo" aria-hidden="true">
          T
        </span>
        <span className="sb-title">Touchbase</span>
        <span className="sb-spacer" />
        <button
          type="button"
          className="sb-icon"
          title="Open the dashboard"
          data-testid="open-dashboard"
          onClick={() => void browser.runtime.openOptionsPage()}
        >
          Dashboard
        </button>
        <button
          type="button"
          className="sb-icon"
          title={`Hide the panel (${SHORTCUT})`}
          aria-label={`Hide the panel (${SHORTCUT})`}
          data-testid="sidebar-collapse"
          onClick={() => setCollapsed(true)}
        >
          <span aria-hidden="true">»</span>
        </button>
      </header>
      <main className="sb-main">
        {data && needsSetup(data.settings) ? <RepSetup settings={data.settings} compact collapsed /> : null}
        {!view ? (
          <p className="tb-muted sb-pad">Waiting for the page…</p>
        ) : record ? (
          <RecordSidebar record={record} view={view} data={data} error={error} bridge={bridge} />
        ) : !selected ? (
          <EmptyState view={view} />
        ) : (
          <>
            {people.length > 1 ? (
              <PersonPicker
                people={people}
                selected={selected.email}
                known={known}
                onPick={(email) => setChosen(email)}
              />
            ) : null}
            {!data ? (
              error ? (
                <p className="tb-problem error sb-pad" role="alert">
                  Touchbase could not load its data: {error}
                </p>
              ) : null
            ) : contactData ? (
              <ContactPanel
                key={contactData.contact.id}
                data={contactData}
                playbooks={data.playbooks}
                view={view}
                bridge={bridge}
              />
            ) : (
              <EnrolForm
                key={selected.email}
                person={selected}
                settings={data.settings}
                playbooks={data.playbooks}
              />
            )}
          </>
        )}
      </main>
      <p data-testid="sidebar-url" className="sb-url" hidden>
        {view?.url ?? ''}
      </p>
    </div>
  );
}
