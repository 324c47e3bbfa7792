import { useMemo, useState } from 'react';
import { guessLanguage, type LanguageSource } from '@/lib/contacts/language';
import type { ContactRow } from '@/lib/db/schema';
import { request } from '@/lib/messaging/client';
import { pageLanguageEvidence } from '@/lib/sidebar/language';
import type { PageView } from '@/lib/sites/types';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from '@/lib/templates/language';
import { type MessageKey, t } from '@/lib/i18n';

/** Where a guess came from, in the interface language (lib/contacts stays free of i18n for the content scripts). */
const GUESS_SOURCE_KEYS: Record<LanguageSource, MessageKey> = {
  field: 'lang_source_field',
  text: 'lang_source_text',
  phone: 'lang_source_phone',
};

/**
 * The language their drafts are written in, changed in one pick. When none is set and the page
 * (their emails, the record's field) or their phone suggests another one, it is offered, never
 * applied by itself: it is stored only when the rep clicks.
 */
export function LanguageControl({ contact, view }: { contact: ContactRow; view: PageView | undefined }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const current = isLanguage(contact.language) ? contact.language : undefined;
  const guess = useMemo(
    () =>
      current
        ? undefined
        : guessLanguage({
            ...pageLanguageEvidence(view, contact.emailLower ?? contact.email),
            phone: contact.phone || undefined,
          }),
    [current, view, contact.emailLower, contact.email, contact.phone],
  );

  const save = (language: Language | null) => {
    setBusy(true);
    setError(undefined);
    void request('contact.update', { contactId: contact.id, patch: { language }, via: 'sidebar' })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))
      .finally(() => setBusy(false));
  };

  return (
    <>
      <select
        className="tb-chip sb-lang"
        aria-label={t('lang_select_label')}
        title={t('lang_select_label')}
        value={current ?? ''}
        disabled={busy}
        data-testid="contact-language-chip"
        onChange={(e) => save(isLanguage(e.target.value) ? e.target.value : null)}
      >
        <option value="">{t('lang_english_not_set')}</option>
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
      {guess && guess.language !== 'en' ? (
        <button
          type="button"
          className="tb-link-button sb-lang-guess"
          disabled={busy}
          data-testid="contact-language-guess"
          title={t('lang_guessed_from_title', { source: t(GUESS_SOURCE_KEYS[guess.source]) })}
          onClick={() => save(guess.language)}
        >
          {t('lang_write_in', { language: LANGUAGE_NAMES[guess.language] })}
        </button>
      ) : null}
      {error ? (
        <span className="tb-problem error" role="alert">
          {error}
        </span>
      ) : null}
    </>
  );
}
