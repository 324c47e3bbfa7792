import { useMemo, useState } from 'react';
import { LanguageSelect } from '@/components/ui/LanguageSelect';
import { TimeZonePicker } from '@/components/ui/TimeZonePicker';
import { guessLanguage, type LanguageEvidence, type LanguageSource } from '@/lib/contacts/language';
import { DEFAULT_LANGUAGE, type Language } from '@/lib/templates/language';
import { isValidTimeZone } from '@/lib/cadence/zoned';
import { suggestZones, timeZoneNames } from '@/lib/contacts/phone-zone';
import { type ContactPatch, phoneStepCount } from '@/lib/contacts/record';
import type { LeadSource, Playbook } from '@/lib/cadence/types';
import type { PlaybookRow, RepSettings } from '@/lib/db/schema';
import type { TeamMe } from '@/lib/db/ownership';
import { request } from '@/lib/messaging/client';
import { splitName } from '@/lib/sidebar/people';
import { contactFromRecord } from '@/lib/sidebar/record';
import type { Person, RecordView } from '@/lib/sites/types';
import { LeadSourceOptions } from '@/components/ui/LeadSourceOptions';
import { t, tn } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n';
import { builtInText } from '@/lib/labels';

/** Where a language guess came from, in the interface language (lib/contacts stays free of i18n: the content scripts use it). */
const GUESS_SOURCE_KEYS: Record<LanguageSource, MessageKey> = {
  field: 'lang_source_field',
  text: 'lang_source_text',
  phone: 'lang_source_phone',
};

interface Props {
  person: Person;
  /** Set when the contact exists (re-enrolling after a finished sequence). */
  existing?: {
    id: number;
    firstName: string;
    lastName: string;
    company: string;
    leadSource: LeadSource;
    phone: string;
    timeZone: string;
  };
  title?: string;
  settings: RepSettings;
  playbooks: Playbook[];
  /** On a record page: everything it shows (phone and title included) goes into the new contact. */
  record?: RecordView;
  /**
   * What the page shows of their language (a CRM field, the text they wrote); the phone typed
   * here is added. Page text, never trusted: it only proposes one of our five languages.
   */
  languageEvidence?: Omit<LanguageEvidence, 'phone'>;
  /** Team sync: this rep as the team knows them, so a teammate's shared playbook says whose it is. */
  me?: TeamMe;
}

/** A teammate's shared playbook (team library): its author, else undefined. */
function teammateOf(p: Playbook, me: TeamMe | undefined): string | undefined {
  const share = (p as PlaybookRow).team;
  return share && share.by.id !== me?.id ? share.by.name : undefined;
}

/**
 * The playbook choices as the Playbooks tab lists them: built-in, the rep's own, then the team
 * library, each teammate's marked "Team · by Ana" (an option cannot hold a chip, so its text
 * does). Without a teammate's playbook, the plain list as before.
 */
function PlaybookOptions({ playbooks, me }: { playbooks: Playbook[]; me: TeamMe | undefined }) {
  const option = (p: Playbook) => {
    const author = teammateOf(p, me);
    const name = builtInText(p.name);
    const shared = !author && (p as PlaybookRow).team;
    return (
      <option key={p.id} value={p.id}>
        {author
          ? t('enrol_playbook_team', { name, author })
          : shared
            ? t('enrol_playbook_shared', { name })
            : name}
      </option>
    );
  };
  const teams = playbooks.filter((p) => teammateOf(p, me));
  if (!teams.length) return <>{playbooks.map(option)}</>;
  const builtIn = playbooks.filter((p) => p.builtIn);
  const own = playbooks.filter((p) => !p.builtIn && !teammateOf(p, me));
  return (
    <>
      <optgroup label={t('pb_built_in')}>{builtIn.map(option)}</optgroup>
      {own.length ? <optgroup label={t('pb_yours')}>{own.map(option)}</optgroup> : null}
      <optgroup label={t('team_library_section')} data-testid="enrol-team-playbooks">
        {teams.map(option)}
      </optgroup>
    </>
  );
}

/** Enrol the person in view in one click: defaults come from the rep's settings. */
export function EnrolForm({
  person,
  existing,
  title,
  settings,
  playbooks,
  record,
  languageEvidence,
  me,
}: Props) {
  const guess = record?.firstName || record?.lastName ? record : splitName(person.name, person.email);
  const [firstName, setFirst] = useState(existing?.firstName ?? guess.firstName);
  const [lastName, setLast] = useState(existing?.lastName ?? guess.lastName);
  const [company, setCompany] = useState(existing?.company ?? record?.company ?? '');
  const [jobTitle, setJobTitle] = useState(record?.title ?? '');
  const [phone, setPhone] = useState(existing?.phone ?? record?.phones[0] ?? '');
  const [timeZone, setTimeZone] = useState(existing?.timeZone ?? '');
  const zones = useMemo(timeZoneNames, []);
  const [source, setSource] = useState<LeadSource>();
  // Undefined until the rep picks: the guess (page, then phone) is shown and stored on enrol.
  const [pickedLanguage, setPickedLanguage] = useState<Language>();
  const languageGuess = useMemo(
    () => guessLanguage({ ...languageEvidence, phone: phone.trim() || undefined }),
    [languageEvidence, phone],
  );
  const language = pickedLanguage ?? languageGuess?.language;
  const [playbookId, setPlaybookId] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const src = source ?? existing?.leadSource ?? settings.defaultSource;
  const fallback = settings.defaultPlaybookBySource[src] ?? playbooks[0]?.id ?? '';
  const pbId = playbookId ?? (playbooks.some((p) => p.id === fallback) ? fallback : (playbooks[0]?.id ?? ''));
  const playbook = playbooks.find((p) => p.id === pbId);
  // Texts and calls need a number, and land in the contact's window in their zone: ask now.
  const phoneSteps = playbook ? phoneStepCount(playbook.steps) : 0;
  const zoneProblem = timeZone.trim() !== '' && !isValidTimeZone(timeZone.trim());

  const enrol = async () => {
    setBusy(true);
    setError(undefined);
    try {
      if (zoneProblem) throw new Error(t('enrol_bad_zone', { zone: timeZone }));
      const zone = timeZone.trim();
      if (existing && (phone.trim() !== existing.phone || (zone && zone !== existing.timeZone))) {
        const patch: ContactPatch = {};
        if (phone.trim() !== existing.phone) patch.phone = phone.trim();
        if (zone && zone !== existing.timeZone) patch.timeZone = zone;
        await request('contact.update', { contactId: existing.id, patch, via: 'sidebar' });
      }
      await request('enrol', {
        contact: record
          ? {
              ...contactFromRecord(record),
              firstName,
              lastName,
              company,
              title: jobTitle,
              ...(phone.trim() ? { phone: phone.trim() } : {}),
              ...(zone ? { timeZone: zone } : {}),
              ...(language ? { language } : {}),
            }
          : {
              email: person.email,
              firstName,
              lastName,
              company,
              ...(phone.trim() ? { phone: phone.trim() } : {}),
              ...(zone ? { timeZone: zone } : {}),
              ...(language ? { language } : {}),
            },
        playbookId: pbId,
        source: src,
        via: 'sidebar',
      });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const display =
    [firstName, lastName].filter(Boolean).join(' ') || person.email || record?.name || t('enrol_new_contact');
  return (
    <section className="sb-card" data-testid="enrol-form">
      {existing ? null : (
        <div className="sb-who">
          <Avatar name={display} />
          <div className="sb-who-text">
            <div className="sb-name">{display}</div>
            <div className="sb-sub tb-muted">{person.email || t('enrol_no_email')}</div>
          </div>
        </div>
      )}
      <p className="sb-lead tb-muted">{title ?? t('sidebar_not_in_sequence')}</p>
      <div className="sb-grid2">
        <label className="sb-field">
          <span>{t('field_first_name')}</span>
          <input value={firstName} onChange={(e) => setFirst(e.target.value)} data-testid="enrol-first" />
        </label>
        <label className="sb-field">
          <span>{t('field_last_name')}</span>
          <input value={lastName} onChange={(e) => setLast(e.target.value)} data-testid="enrol-last" />
        </label>
      </div>
      <label className="sb-field">
        <span>{t('field_company')}</span>
        <input
          value={company}
          onChange={(e) => setCompany(e.target.value)}
          placeholder={t('common_optional')}
        />
      </label>
      {record ? (
        // The phone comes from the page too: the field below (shown for text and call playbooks) starts with it.
        <label className="sb-field">
          <span>{t('field_title')}</span>
          <input value={jobTitle} onChange={(e) => setJobTitle(e.target.value)} data-testid="enrol-title" />
        </label>
      ) : null}
      <label className="sb-field">
        <span>{t('field_lead_source')}</span>
        <select
          value={src}
          data-testid="enrol-source"
          onChange={(e) => {
            setSource(e.target.value as LeadSource);
            setPlaybookId(undefined);
          }}
        >
          <LeadSourceOptions />
        </select>
      </label>
      <label className="sb-field">
        <span>{t('field_playbook')}</span>
        <select value={pbId} data-testid="enrol-playbook" onChange={(e) => setPlaybookId(e.target.value)}>
          <PlaybookOptions playbooks={playbooks} me={me} />
        </select>
      </label>
      {playbook && teammateOf(playbook, me) ? (
        <p className="sb-hint sb-team-by" data-testid="enrol-playbook-team">
          {t('team_library_by', { name: teammateOf(playbook, me) ?? '' })}
        </p>
      ) : null}
      {playbook ? <p className="sb-hint tb-muted">{builtInText(playbook.description)}</p> : null}
      {existing ? null : (
        <div className="sb-field">
          <span>{t('lang_writes_in')}</span>
          <LanguageSelect
            label={t('lang_select_label')}
            value={language ?? DEFAULT_LANGUAGE}
            onChange={(l) => setPickedLanguage(l || DEFAULT_LANGUAGE)}
            testId="enrol-language"
          />
          {!pickedLanguage && languageGuess ? (
            <small className="tb-muted" data-testid="enrol-language-guess">
              {t('lang_guessed_from', { source: t(GUESS_SOURCE_KEYS[languageGuess.source]) })}
            </small>
          ) : null}
        </div>
      )}
      {phoneSteps > 0 ? (
        <div className="sb-phone-ask" data-testid="enrol-phone-ask">
          <label className="sb-field">
            <span>{t('field_phone')}</span>
            <input
              type="tel"
              value={phone}
              placeholder="+1 212 555 0100"
              data-testid="enrol-phone"
              onChange={(e) => setPhone(e.target.value)}
            />
          </label>
          <div className="sb-field">
            <span>{t('field_their_zone')}</span>
            <TimeZonePicker
              value={timeZone}
              zones={zones}
              onChange={setTimeZone}
              suggestions={suggestZones(phone)}
              suggestionLabel={t('enrol_from_number')}
              invalid={zoneProblem}
              testId="enrol-timezone"
            />
          </div>
          <p className="sb-hint tb-muted" data-testid="enrol-phone-note">
            {phone.trim()
              ? tn('enrol_phone_note', phoneSteps, {
                  zone: timeZone.trim()
                    ? ''
                    : t('enrol_phone_note_zone', { zone: settings.timeZone.replace(/_/g, ' ') }),
                })
              : tn('enrol_phone_missing', phoneSteps)}
          </p>
        </div>
      ) : null}
      {error ? (
        <p className="tb-problem error" role="alert">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        className="primary sb-wide"
        disabled={busy || !pbId}
        data-testid="enrol-submit"
        onClick={() => void enrol()}
      >
        {busy
          ? t('enrol_enrolling')
          : firstName
            ? t('enrol_submit', { name: firstName })
            : t('enrol_submit_contact')}
      </button>
    </section>
  );
}

/** Initials in a circle. */
export function Avatar({ name }: { name: string }) {
  const initials =
    name
      .split(/[\s@.]+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((w) => w.charAt(0).toUpperCase())
      .join('') || '?';
  return (
    <span className="sb-avatar" aria-hidden="true">
      {initials}
    </span>
  );
}
