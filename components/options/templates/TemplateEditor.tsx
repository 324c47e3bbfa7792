import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { RepSettings } from '@/lib/db/schema';
import { type LibraryEntry, unknownMergeFields } from '@/lib/db/templates';
import { CHANNEL_LABELS, PURPOSE_LABELS } from '@/lib/labels';
import { request } from '@/lib/messaging/client';
import { MERGE_FIELDS, type Template } from '@/lib/templates';
import { TemplatePreview } from './TemplatePreview';

/** What each merge field becomes, for the help list. */
const FIELD_HELP: Record<string, string> = {
  firstName: "Contact's first name",
  lastName: "Contact's last name",
  fullName: "Contact's full name",
  company: "Contact's company",
  title: "Contact's job title",
  topic: 'What they asked about',
  leadSource: 'Where the lead came from, in words',
  email: "Contact's email",
  phone: "Contact's phone",
  'rep.name': 'Your name',
  'rep.company': 'Your company',
  'rep.phone': 'Your phone',
  'rep.signature': 'Your signature (or name and company)',
  'rep.reconnectLink': 'Your "pick it up again" link',
  'rep.bookingLink': 'Your booking page',
  meetingSlots: 'Two meeting times in your working hours',
  lastTouch: 'Your last message or call, in words',
};

interface Props {
  entry: LibraryEntry;
  settings: RepSettings;
  /** A new template was created (duplicate) or this one is gone (delete). */
  onSelect(id: string | null): void;
  onNotice(text: string): void;
  onDirtyChange(dirty: boolean): void;
}

type Field = 'subject' | 'body';

/** Edits one template (a new version on save) next to its live preview. */
export function TemplateEditor({ entry, settings, onSelect, onNotice, onDirtyChange }: Props) {
  const t = entry.template;
  const [name, setName] = useState(t.name);
  const [subject, setSubject] = useState(t.subject ?? '');
  const [body, setBody] = useState(t.body);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const subjectRef = useRef<HTMLInputElement>(null);
  const lastField = useRef<Field>('body');
  const pendingCaret = useRef<{ field: Field; pos: number } | null>(null);

  const isEmail = t.channel === 'email';
  const dirty = name !== t.name || body !== t.body || (isEmail && subject !== (t.subject ?? ''));
  const draft: Template = useMemo(
    () => ({ ...t, name, body, ...(isEmail ? { subject } : {}) }),
    [t, name, body, subject, isEmail],
  );
  const unknown = useMemo(
    () => unknownMergeFields(`${isEmail ? subject : ''}\n${body}`),
    [subject, body, isEmail],
  );

  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  useLayoutEffect(() => {
    const p = pendingCaret.current;
    if (!p) return;
    pendingCaret.current = null;
    const el = p.field === 'body' ? bodyRef.current : subjectRef.current;
    el?.focus();
    el?.setSelectionRange(p.pos, p.pos);
  });

  function insertField(field: string) {
    const target: Field = lastField.current === 'subject' && isEmail ? 'subject' : 'body';
    const el = target === 'body' ? bodyRef.current : subjectRef.current;
    const value = target === 'body' ? body : subject;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    const token = `{{${field}}}`;
    const next = value.slice(0, start) + token + value.slice(end);
    pendingCaret.current = { field: target, pos: start + token.length };
    if (target === 'body') setBody(next);
    else setSubject(next);
  }

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  const changes = { name, body, ...(isEmail ? { subject } : {}) };
  const save = () =>
    run(async () => {
      const res = await request('template.save', { mode: 'edit', id: t.id, changes });
      onNotice(`Saved as version ${res.template.version}. Messages already sent keep their text.`);
    });
  const duplicate = () =>
    run(async () => {
      const res = await request('template.save', {
        mode: 'duplicate',
        fromId: t.id,
        ...(dirty ? { changes } : {}),
      });
      onSelect(res.template.id);
      onNotice(`Created "${res.template.name}".`);
    });
  const reset = () => {
    if (!window.confirm('Go back to the built-in text? Your edits to this template will be replaced.'))
      return;
    return run(async () => {
      const res = await request('template.reset', { id: t.id });
      onNotice(`Back to the built-in text (version ${res.template.version}).`);
    });
  };
  const remove = () => {
    if (!window.confirm(`Delete "${t.name}"?`)) return;
    return run(async () => {
      await request('template.delete', { id: t.id });
      onSelect(null);
      onNotice(`Deleted "${t.name}".`);
    });
  };

  return (
    <div className="tb-tpl-editor" data-testid="template-editor">
      <div className="tb-tpl-form">
        <div className="tb-row tb-tpl-meta">
          <span className="tb-chip">{CHANNEL_LABELS[t.channel]}</span>
          <span className="tb-chip">{PURPOSE_LABELS[t.purpose]}</span>
          <span className="tb-chip" data-testid="template-version">
            v{t.version}
          </span>
          <span className="tb-muted">
            {entry.origin === 'built-in'
              ? 'Built-in'
              : entry.origin === 'edited'
                ? 'Edited built-in'
                : 'Yours'}
          </span>
        </div>
        <label>
          <span>Name</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={120}
            data-testid="template-name"
          />
        </label>
        {isEmail && (
          <label>
            <span>Subject</span>
            <input
              ref={subjectRef}
              value={subject}
              maxLength={300}
              onFocus={() => {
                lastField.current = 'subject';
              }}
              onChange={(e) => setSubject(e.target.value)}
              data-testid="template-subject"
            />
          </label>
        )}
        <label>
          <span>
            {t.channel === 'call' ? 'Talk track (add a "Voicemail" line for the script)' : 'Message'}
          </span>
          <textarea
            ref={bodyRef}
            value={body}
            rows={t.channel === 'sms' ? 5 : 12}
            onFocus={() => {
              lastField.current = 'body';
            }}
            onChange={(e) => setBody(e.target.value)}
            data-testid="template-body"
          />
        </label>
        {unknown.length > 0 && (
          <p className="tb-problem error">
            Unknown field{unknown.length > 1 ? 's' : ''}: {unknown.map((f) => `{{${f}}}`).join(', ')}. Saving
            is blocked until it's fixed.
          </p>
        )}
        {error && (
          <p className="tb-problem error" role="alert">
            {error}
          </p>
        )}
        <div className="tb-row">
          <button
            type="button"
            className="primary"
            disabled={busy || !dirty || unknown.length > 0}
            onClick={save}
            data-testid="template-save"
          >
            Save
          </button>
          {dirty && (
            <button
              type="button"
              onClick={() => {
                setName(t.name);
                setSubject(t.subject ?? '');
                setBody(t.body);
              }}
            >
              Discard changes
            </button>
          )}
          <button type="button" disabled={busy} onClick={duplicate} data-testid="template-duplicate">
            Duplicate
          </button>
          {entry.origin === 'edited' && (
            <button type="button" disabled={busy} onClick={reset} data-testid="template-reset">
              Reset to default
            </button>
          )}
          {entry.origin === 'custom' && (
            <button type="button" className="danger" disabled={busy} onClick={remove}>
              Delete
            </button>
          )}
        </div>
        <details className="tb-tpl-fields" open>
          <summary>Merge fields · click one to insert it at the cursor (hover for what it holds)</summary>
          <ul>
            {MERGE_FIELDS.map((f) => (
              <li key={f}>
                <button
                  type="button"
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => insertField(f)}
                  title={`${FIELD_HELP[f] ?? f}: click to insert`}
                  data-testid={`insert-${f}`}
                >
                  {`{{${f}}}`}
                </button>
              </li>
            ))}
          </ul>
          <p className="tb-muted">
            Add a fallback after a bar, used when the value is missing: <code>{'{{firstName|there}}'}</code>.
            Your own imported columns are <code>{'{{custom.<name>}}'}</code>.
          </p>
        </details>
      </div>
      <TemplatePreview template={draft} settings={settings} />
    </div>
  );
}
