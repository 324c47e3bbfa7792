import type { Segment } from '@/lib/templates';
import { t } from '@/lib/i18n';

/** Rendered text with every unfilled merge field highlighted, so the rep sees what to fix. */
export function DraftText({
  segments,
  label,
  inline = false,
}: {
  segments: readonly Segment[];
  label: string;
  /** Inline inside a line of text (the subject) instead of a block of its own. */
  inline?: boolean;
}) {
  const Tag = inline ? 'span' : 'div';
  return (
    <Tag className={inline ? 'tb-draft-inline' : 'tb-draft'} role="group" aria-label={label}>
      {segments.map((s, i) =>
        s.kind === 'missing' || s.kind === 'unknown' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reorder.
          <mark key={i} className="tb-missing" title={t('draft_missing_field', { field: s.field ?? '' })}>
            {s.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reorder.
          <span key={i}>{s.text}</span>
        ),
      )}
    </Tag>
  );
}
