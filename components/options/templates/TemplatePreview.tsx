import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { getDb } from '@/lib/db';
import { t, tn } from '@/lib/i18n';
import { renderMsg } from '@/lib/i18n/message';
import type { ContactRow, RepSettings } from '@/lib/db/schema';
import {
  type Problem,
  type RenderResult,
  SMS_LIMITS,
  SUBJECT_MAX_CHARS,
  type Segment,
  type Template,
  VOICEMAIL_MAX_SECONDS,
} from '@/lib/templates';
import { renderPreview, SAMPLE_CONTACT, toRenderActivities } from './preview-context';

/** Rendered text with filled values subtle, missing values marked, unknown fields flagged. */
export function SegmentText({ segments }: { segments: readonly Segment[] }) {
  return (
    <>
      {segments.map((s, i) => {
        // biome-ignore-start lint/suspicious/noArrayIndexKey: segments are a fixed sequence per render.
        if (s.kind === 'missing')
          return (
            <mark key={i} className="tb-missing" title={t('tpl_no_value', { field: s.field })}>
              {s.text}
            </mark>
          );
        if (s.kind === 'unknown')
          return (
            <mark
              key={i}
              className="tb-missing tb-tpl-unknown"
              title={t('tpl_unknown_field', { field: s.field })}
            >
              {s.text}
            </mark>
          );
        if (s.kind === 'value')
          return (
            <span key={i} className="tb-tpl-value" title={s.field}>
              {s.text}
            </span>
          );
        return <span key={i}>{s.text}</span>;
        // biome-ignore-end lint/suspicious/noArrayIndexKey: segments are a fixed sequence per render.
      })}
    </>
  );
}

function Stats({ template, result }: { template: Template; result: RenderResult }) {
  const items: string[] = [];
  if (result.sms) {
    const { segments, encoding, used, remaining } = result.sms;
    const single = SMS_LIMITS[encoding].single;
    items.push(
      tn('tpl_stat_sms_parts', segments),
      // Encoding names are the same in every language.
      `${encoding}${encoding === 'UCS-2' ? ' (Unicode)' : ''}`,
      segments <= 1 ? t('tpl_stat_chars', { used, limit: single }) : tn('tpl_stat_chars_left', remaining),
    );
  }
  if (result.speaking) {
    items.push(
      t('tpl_stat_spoken', { seconds: Math.round(result.speaking.seconds), limit: VOICEMAIL_MAX_SECONDS }),
    );
  }
  if (template.channel === 'email' && result.subject !== undefined) {
    items.push(
      t('tpl_stat_subject', { used: Array.from(result.subject.trim()).length, limit: SUBJECT_MAX_CHARS }),
    );
  }
  if (template.channel !== 'sms' && template.channel !== 'task') {
    items.push(tn('tpl_stat_words', result.body.split(/\s+/).filter(Boolean).length));
  }
  if (!items.length) return null;
  return (
    <p className="tb-tpl-stats tb-muted" data-testid="preview-stats">
      {items.join(' · ')}
    </p>
  );
}

function ProblemList({ problems }: { problems: readonly Problem[] }) {
  if (!problems.length)
    return (
      <p className="tb-tpl-ok" data-testid="preview-ok">
        {t('tpl_ready')}
      </p>
    );
  const sorted = [...problems].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1,
  );
  return (
    <ul className="tb-tpl-problems" data-testid="preview-problems">
      {sorted.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: one render's problems never reorder.
        <li key={i} className={`tb-problem ${p.severity}`}>
          <span className="tb-tpl-sev">
            {p.severity === 'error' ? t('tpl_sev_error') : t('tpl_sev_check')}
          </span>{' '}
          <span className="tb-tpl-problem-text">{p.msg ? renderMsg(p.msg) : p.message}</span>
        </li>
      ))}
    </ul>
  );
}

/** Live preview of the template being edited, against a real contact or a sample one. */
export function TemplatePreview({ template, settings }: { template: Template; settings: RepSettings }) {
  const [contactId, setContactId] = useState<number | 'sample'>('sample');
  // Read once per mount: meeting slots and "last touch" wording stay put while the rep types.
  const [now] = useState(() => new Date());
  const contacts = useLiveQuery(
    () => getDb().contacts.orderBy('updatedAt').reverse().limit(300).toArray(),
    [],
    [] as ContactRow[],
  );
  const picked = useLiveQuery(async () => {
    if (contactId === 'sample') return null;
    const db = getDb();
    const contact = await db.contacts.get(contactId);
    if (!contact) return null;
    const activities = await db.activities
      .where('[contactId+at]')
      .between([contactId, -Infinity], [contactId, Infinity])
      .toArray();
    return { contact, activities: toRenderActivities(activities) };
  }, [contactId]);
  const contact = picked?.contact ?? SAMPLE_CONTACT;
  const activities = picked?.activities;
  const result = useMemo(
    () => renderPreview(template, contact, settings, activities ?? [], now),
    [template, contact, settings, activities, now],
  );

  const label = (c: ContactRow) =>
    [`${c.firstName} ${c.lastName}`.trim() || c.email, c.company].filter(Boolean).join(' · ');

  return (
    <section className="tb-tpl-preview" aria-label={t('tpl_preview')} data-testid="template-preview">
      <div className="tb-row tb-tpl-preview-head">
        <h3>{t('tpl_preview')}</h3>
        <label className="tb-row">
          <span className="tb-muted">{t('tpl_preview_for')}</span>
          <select
            value={String(contactId)}
            onChange={(e) => setContactId(e.target.value === 'sample' ? 'sample' : Number(e.target.value))}
            data-testid="preview-contact"
          >
            <option value="sample">
              {t('tpl_sample_contact', { name: `${SAMPLE_CONTACT.firstName} ${SAMPLE_CONTACT.lastName}` })}
            </option>
            {contacts.map((c) => (
              <option key={c.id} value={c.id}>
                {label(c)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="tb-tpl-message tb-card">
        {result.subjectSegments && (
          <div className="tb-tpl-subject" data-testid="preview-subject">
            <SegmentText segments={result.subjectSegments} />
          </div>
        )}
        <div className="tb-tpl-body" data-testid="preview-body">
          <SegmentText segments={result.segments} />
        </div>
      </div>
      <Stats template={template} result={result} />
      <ProblemList problems={result.problems} />
    </section>
  );
}
