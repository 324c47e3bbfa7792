import { LANGUAGE_NAMES, LANGUAGES, type Language } from '@/lib/templates/language';

interface Props {
  /** '' when none is set (only with `unsetLabel`). */
  value: Language | '';
  onChange(value: Language | ''): void;
  /** Offers "none set" under this label (the contact editor: drafts then go out in English). */
  unsetLabel?: string;
  testId: string;
  /** Its accessible name, where no <label> wraps it. */
  label?: string;
}

/** The languages Touchbase writes to contacts in, each named in itself ("Deutsch", "Español"). */
export function LanguageSelect({ value, onChange, unsetLabel, testId, label }: Props) {
  return (
    <select
      aria-label={label}
      value={value}
      data-testid={testId}
      onChange={(e) => onChange(e.target.value as Language | '')}
    >
      {unsetLabel !== undefined ? <option value="">{unsetLabel}</option> : null}
      {LANGUAGES.map((l) => (
        <option key={l} value={l}>
          {LANGUAGE_NAMES[l]}
        </option>
      ))}
    </select>
  );
}
