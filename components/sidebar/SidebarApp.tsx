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
import { type PageBridge, usePageBridge } from './usePageBridge';
import { hasSidePanel, openSidePanel } from '@/lib/browser/side-panel';
import { panelSites } from '@/lib/prefs/ui-prefs';
import { pageLanguageEvidence } from '@/lib/sidebar/language';
import { withPanelChoice } from '@/lib/sidebar/panel';
import type { SiteId } from '@/lib/sites/types';
import { useReplyDetection, useSidebarData } from './useSidebarData';
import { t } from '@/lib/i18n';

const SHORTCUT = 'Alt+Shift+K';

/** Where the sidebar runs: framed in the host page, or in Chrome's side panel. */
export type SidebarSurface = 'page' | 'panel';

/** Remembers, for the site in view, whether the rep wants the side panel instead of the page's sidebar. */
async function choosePanel(site: SiteId, panel: boolean): Promise<void> {
  const list = await panelSites.getValue();
  await panelSites.setValue(withPanelChoice(list, site, panel));
}

/** The sidebar, an extension page inside an iframe on Gmail or a record page the rep turned on. */
export function SidebarApp() {
  const bridge = usePageBridge();
  return <SidebarView bridge={bridge} surface="page" />;
}

/**
 * What the sidebar shows for a page, wherever it runs. In the side panel, the page is the active
 * tab's (`usePanelBridge`), and `children` (the due list) follow the person in view.
 */
export function SidebarView({
  bridge,
  surface,
  children,
}: {
  bridge: PageBridge;
  surface: SidebarSurface;
  children?: React.ReactNode;
}) {
  const { view, theme, collapsed, setCollapsed } = bridge;
  const [placeProblem, setPlaceProblem] = useState<string>();

  // Opened first, inside the click: Chrome opens the side panel only in answer to one.
  const toSidePanel = () => {
    if (bridge.tabId === undefined) return;
    const opening = openSidePanel(bridge.tabId);
    void opening.then((res) => {
      if (!res.ok) {
        setPlaceProblem(t('panel_not_opened', { reason: res.reason }));
        return;
      }
      if (view?.site) void choosePanel(view.site, true).catch(() => undefined);
    });
  };
  const toPage = () => {
    if (!view?.site) return;
    void choosePanel(view.site, false)
      .catch(() => undefined)
      .then(() => window.close());
  };

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
  // Their language as the conversation shows it: proposed in the enrol form, stored only on enrol.
  const languageEvidence = useMemo(
    () => pageLanguageEvidence(view, selected?.email),
    [view, selected?.email],
  );

  if (collapsed && surface === 'page') {
    return (
      <button
        type="button"
        className="sb-tab"
        data-testid="sidebar-expand"
        title={t('sidebar_show', { shortcut: SHORTCUT })}
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
          ...(data.me ? { me: data.me } : {}),
        }
      : undefined;
  return (
    <div
      className={`sb-app${surface === 'panel' ? ' sb-panel' : ''}`}
      data-testid="sidebar"
      data-surface={surface}
      data-kind={view?.kind ?? (surface === 'panel' ? 'none' : 'loading')}
    >
      <header className="sb-header">
        <span className="sb-logo" aria-hidden="true">
          T
        </span>
        <span className="sb-title">Touchbase</span>
        <span className="sb-spacer" />
        <button
          type="button"
          className="sb-icon"
          title={t('sidebar_open_dashboard')}
          data-testid="open-dashboard"
          onClick={() => void browser.runtime.openOptionsPage()}
        >
          {t('popup_dashboard')}
        </button>
        {surface === 'page' && hasSidePanel() && bridge.tabId !== undefined ? (
          <button
            type="button"
            className="sb-icon"
            title={t('panel_open_title')}
            data-testid="open-side-panel"
            onClick={toSidePanel}
          >
            {t('panel_open')}
          </button>
        ) : null}
        {surface === 'panel' && view?.site ? (
          <button
            type="button"
            className="sb-icon"
            title={t('panel_back_title')}
            data-testid="back-to-page"
            onClick={toPage}
          >
            {t('panel_back')}
          </button>
        ) : null}
        {surface === 'page' ? (
          <button
            type="button"
            className="sb-icon"
            title={t('sidebar_hide', { shortcut: SHORTCUT })}
            aria-label={t('sidebar_hide', { shortcut: SHORTCUT })}
            data-testid="sidebar-collapse"
            onClick={() => setCollapsed(true)}
          >
            <span aria-hidden="true">»</span>
          </button>
        ) : null}
      </header>
      {placeProblem ? (
        <p className="tb-problem error sb-pad" role="alert">
          {placeProblem}
        </p>
      ) : null}
      <main className="sb-main">
        {data && needsSetup(data.settings) ? <RepSetup settings={data.settings} compact collapsed /> : null}
        {!view ? (
          surface === 'panel' ? (
            <p className="tb-muted sb-pad" data-testid="panel-no-page">
              {t('panel_no_page')}
            </p>
          ) : (
            <p className="tb-muted sb-pad">{t('sidebar_waiting_page')}</p>
          )
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
                  {t('sidebar_load_error', { error })}
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
                languageEvidence={languageEvidence}
                {...(data.me ? { me: data.me } : {})}
              />
            )}
          </>
        )}
        {children}
      </main>
      <p data-testid="sidebar-url" className="sb-url" hidden>
        {view?.url ?? ''}
      </p>
    </div>
  );
}
