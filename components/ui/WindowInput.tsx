import type { ContactWindow } from '@/lib/cadence/types';
import { weekdayName } from '@/lib/format/datetime';
import { t, uiLocale } from '@/lib/i18n';

const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];

/** Days of the week and a from-to time: a contact window (or working hours). */
export function WindowInput({
  value,
  onChange,
  label,
  testId,
}: {
  value: ContactWindow;
  onChange(w: ContactWindow): void;
  /** Names the time fields for screen readers ("Window start"). */
  label: string;
  testId?: string;
}) {
  return (
    <div className="ce-window" data-testid={testId}>
      <span className="ce-days">
        {WEEK_ORDER.map((d) => (
          <label key={d}>
            <input
              type="checkbox"
              checked={value.days.includes(d)}
              onChange={(e) =>
                onChange({
                  ...value,
                  days: e.target.checked
                    ? [...value.days, d].sort((a, b) => a - b)
                    : value.days.filter((x) => x !== d),
                })
              }
            />
            {weekdayName(d, uiLocale())}
          </label>
        ))}
      </span>
      <span className="ce-times">
        <input
          type="time"
          aria-label={t('window_start', { label })}
          data-testid={testId ? `${testId}-start` : undefined}
          value={value.start}
          onChange={(e) => onChange({ ...value, start: e.target.value })}
        />
        {t('window_to')}
        <input
          type="time"
          aria-label={t('window_end', { label })}
          data-testid={testId ? `${testId}-end` : undefined}
          value={value.end}
          onChange={(e) => onChange({ ...value, end: e.target.value })}
        />
      </span>
    </div>
  );
}
