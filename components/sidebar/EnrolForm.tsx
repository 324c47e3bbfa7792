import { useState } from 'react';
import type { LeadSource, Playbook } from '@/lib/cadence/types';
import type { RepSettings } from '@/lib/db/schema';
import { request } from '@/lib/messaging/client';
import { splitName } from '@/lib/sidebar/people';
import type { Person } from '@/lib/sites/types';
import { LeadSourceOptions } from '@/components/ui/LeadSourceOptions';

interface Props {
  person: Person;
  /** Set when the contact exists (re-enrolling after a finished sequence). */
  existing?: { firstName: string; lastName: string; company: string; leadSource: LeadSource };
  title?: string;
  settings: RepSettings;
  playbooks: Playbook[];
}

/** Enrol the person in view in one click: defaults come from the rep's settings. */
export function EnrolForm({ person, existing, title, settings, playbooks }: Props) {
  const guess = splitName(person.name, person.email);
  const [firstName, setFirst] = useState(existing?.firstName ?? guess.firstName);
  const [lastName, setLast] = useState(existing?.lastName ?? guess.lastName);
  const [company, setCompany] = useState(existing?.company ?? '');
  const [source, setSource] = useState<LeadSource>();
  const [playbookId, setPlaybookId] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const src = source ?? existing?.leadSource ?? settings.defaultSource;
  const fallback = settings.defaultPlaybookBySource[src] ?? playbooks[0]?.id ?? '';
  const pbId = playbookId ?? (playbooks.some((p) => p.id === fallback) ? fallback : (playbooks[0]?.id ?? ''));
  const playbook = playbooks.find((p) => p.id === pbId);

  const enrol = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await request('enrol', {
        contact: { email: person.email, firstName, lastName, company },
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

  const display = [firstName, lastName].filter(Boolean).join(' ') || person.email;
  return (
    <section className="sb-card" data-testid="enrol-form">
      {existing ? null : (
        <div className="sb-who">
          <Avatar name={display} />
          <div className="sb-who-text">
            <div className="sb-name">{display}</div>
            <div className="sb-sub tb-muted">{person.email}</div>
          </div>
        </div>
      )}
      <p className="sb-lead tb-muted">{title ?? 'Not in a sequence yet.'}</p>
      <div className="sb-grid2">
        <label className="sb-field">
          <span>First name</span>
          <input value={firstName} onChange={(e) => setFirst(e.target.value)} data-testid="enrol-first" />
        </label>
        <label className="sb-field">
          <span>Last name</span>
          <input value={lastName} onChange={(e) => setLast(e.target.value)} data-testid="enrol-last" />
        </label>
      </div>
      <label className="sb-field">
        <span>Company</span>
        <input value={company} onChange={(e) => setCompany(e.target.value)} placeholder="Optional" />
      </label>
      <label className="sb-field">
        <span>Lead source</span>
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
        <span>Playbook</span>
        <select value={pbId} data-testid="enrol-playbook" onChange={(e) => setPlaybookId(e.target.value)}>
          {playbooks.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      {playbook ? <p className="sb-hint tb-muted">{playbook.description}</p> : null}
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
        {busy ? 'Enrolling…' : `Enrol ${firstName || 'contact'}`}
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
