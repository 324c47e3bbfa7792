import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { RepSettings } from '@/lib/db/schema';
import { type LibraryEntry, unknownMergeFields } from '@/lib/db/templates';
import { messageMap, t, tn } from '@/lib/i18n';
import { CHANNEL_LABELS, PURPOSE_LABELS } from '@/lib/labels';
import { request } from '@/lib/messaging/client';
import { MERGE_FIELDS, type Template } from '@/lib/templates';
import { TemplatePreview } from './TemplatePreview';

/** What each merge field becomes, for the help list (read at use, in the interface language). */
const FIELD_HELP: Record<string, string> = messageMap({
  firstName: 'tpl_help_first_name',
  lastName: 'tpl_help_last_name',
  fullName: 'tpl_help_full_name',
  company: 'tpl_help_company',
  title: 'tpl_help_title',
  topic: 'tpl_help_topic',
  leadSource: 'tpl_help_lead_source',
  email: 'tpl_help_email',
  phone: 'tpl_help_phone',
  'rep.name': 'tpl_help_rep_name',
  'rep.company': 'tpl_help_rep_company',
  'rep.phone': 'tpl_help_rep_phone',
  'rep.signature': 'tpl_help_rep_signature',
  'rep.reconnectLink': 'tpl_help_rep_reconnect_link',
  'rep.bookingLink': 'tpl_help_rep_booking_link',
  meetingSlots: 'tpl_help_meeting_slots',
  lastTouch: 'tpl_help_last_touch',
});

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
  const tpl = entry.template;
  const [name, setName] = useState(tpl.name);
  const [subject, setSubject] = useState(tpl.subject ?? '');
  const [body, setBody] = useState(tpl.body);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const subjectRef = useRef<HTMLInputElement>(null);
  const lastField = useRef<Field>('body');
  const pendingCaret = useRef<{ field: Field; pos: number } | null>(null);

  const isEmail = tpl.channel === 'email';
  const dirty = name !== tpl.name || body !== tpl.body || (isEmail && subject !== (tpl.subject ?? ''));
  const draft: Template = useMemo(
    () => ({ ...tpl, name, body, ...(isEmail ? { subject } : {}) }),
    [tpl, name, body, subject, isEmail],
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
      const res = await request('template.save', { mode: 'edit', id: tpl.id, changes });
      onNotice(t('tpl_saved_version', { version: res.template.version }));
    });
  const duplicate = () =>
    run(async () => {
      const res = await request('template.save', {
        mode: 'duplicate',
        fromId: tpl.id,
        // The copy is named in the rep's language unless they renamed it before duplicating.
        changes: {
          ...(dirty ? changes : {}),
          name: name !== tpl.name ? name : t('tpl_copy_name', { name: tpl.name }),
        },
      });
      onSelect(res.template.id);
      onNotice(t('tpl_created', { name: res.template.name }));
    });
  const reset = () => {
    if (!window.confirm(t('tpl_reset_confirm'))) return;
    return run(async () => {
      const res = await request('template.reset', { id: tpl.id });
      onNotice(t('tpl_reset_done', { version: res.template.version }));
    });
  };
  const remove = () => {
    if (!window.confirm(t('tpl_delete_confirm', { name: tpl.name }))) return;
    return run(async () => {
      await request('template.delete', { id: tpl.id });
      onSelect(null);
      onNotice(t('tpl_deleted', { name: tpl.name }));
    });
  };

  return (
    <div className="tb-tpl-editor" data-testid="template-editor">
      <div className="tb-tpl-form">
        <div className="tb-row tb-tpl-meta">
          <span className="tb-chip">{CHANNEL_LABELS[tpl.channel]}</span>
          <span className="tb-chip">{PURPOSE_LABELS[tpl.purpose]}</span>
          <span className="tb-chip" data-testid="template-version">
            v{tpl.version}
          </span>
          <span className="tb-muted">
            {entry.origin === 'built-in'
              ? t('tpl_origin_built_in')
              : entry.origin === 'edited'
                ? t('tpl_origin_edited')
                : t('tpl_origin_custom')}
          </span>
        </div>
        <label>
          <span>{t('field_name')}</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={120}
            data-testid="template-name"
          />
        </label>
        {isEmail && (
          <label>
            <span>{t('tpl_subject')}</span>
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
          <span>{tpl.channel === 'call' ? t('tpl_talk_track') : t('tpl_message')}</span>
          <textarea
            ref={bodyRef}
            value={body}
            rows={tpl.channel === 'sms' ? 5 : 12}
            onFocus={() => {
              lastField.current = 'body';
            }}
            onChange={(e) => setBody(e.target.value)}
            data-testid="template-body"
          />
        </label>
        {unknown.length > 0 && (
          <p className="tb-problem error">
            {tn('tpl_unknown_fields', unknown.length, { fields: unknown.map((f) => `{{${f}}}`).join(', ') })}
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
            {t('common_save')}
          </button>
          {dirty && (
            <button
              type="button"
              onClick={() => {
                setName(tpl.name);
                setSubject(tpl.subject ?? '');
                setBody(tpl.body);
              }}
            >
              {t('common_discard')}
            </button>
          )}
          <button type="button" disabled={busy} onClick={duplicate} data-testid="template-duplicate">
            {t('tpl_duplicate')}
          </button>
          {entry.origin === 'edited' && (
            <button type="button" disabled={busy} onClick={reset} data-testid="template-reset">
              {t('tpl_reset')}
            </button>
          )}
          {entry.origin === 'custom' && (
            <button type="button" className="danger" disabled={busy} onClick={remove}>
              {t('common_delete')}
            </button>
          )}
        </div>
        <details className="tb-tpl-fields" open>
          <summary>{t('tpl_fields_summary')}</summary>
          <ul>
            {MERGE_FIELDS.map((f) => (
              <li key={f}>
                <button
                  type="button"
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => insertField(f)}
                  title={t('tpl_field_insert', { help: FIELD_HELP[f] ?? f })}
                  data-testid={`insert-${f}`}
                >
                  {`{{${f}}}`}
                </button>
              </li>
            ))}
          </ul>
          <p className="tb-muted">
            {t('tpl_fields_fallback')} <code>{t('tpl_fields_fallback_example')}</code>.{' '}
            {t('tpl_fields_custom')} <code>{t('tpl_fields_custom_example')}</code>.
          </p>
        </details>
      </div>
      <TemplatePreview template={draft} settings={settings} />
    </div>
  );
}
