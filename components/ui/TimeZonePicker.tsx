import { useId } from 'react';
import { t } from '@/lib/i18n';

interface Props {
  value: string;
  onChange(zone: string): void;
  /** Every zone the browser knows (searchable as the rep types). */
  zones: readonly string[];
  /** Zones to offer in one click (from the phone's country code, or the browser's own zone). */
  suggestions?: readonly string[];
  /** Words before the suggestion buttons ("From the phone number:"). */
  suggestionLabel?: string;
  invalid?: boolean;
  testId?: string;
  label?: string;
}

/** A searchable IANA zone field: type to filter the browser's zone list, or take a suggestion. */
export function TimeZonePicker({
  value,
  onChange,
  zones,
  suggestions = [],
  suggestionLabel = t('tz_suggested'),
  invalid,
  testId,
  label = t('tz_label'),
}: Props) {
  const listId = useId();
  const offered = suggestions.filter((z) => z !== value);
  return (
    <span className="tb-zone-picker">
      <input
        list={listId}
        value={value}
        aria-label={label}
        aria-invalid={invalid || undefined}
        placeholder={t('tz_placeholder')}
        autoComplete="off"
        spellCheck={false}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value)}
      />
      <datalist id={listId}>
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      {offered.length ? (
        <span className="tb-zone-suggest" data-testid={testId ? `${testId}-suggestions` : undefined}>
          <span className="tb-muted">{suggestionLabel}</span>
          {offered.map((z) => (
            <button key={z} type="button" className="tb-zone-chip" onClick={() => onChange(z)}>
              {z.replace(/_/g, ' ')}
            </button>
          ))}
        </span>
      ) : null}
    </span>
  );
}
