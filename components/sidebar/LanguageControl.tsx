import { useMemo, useState } from 'react';
import { GUESS_SOURCE_LABELS, guessLanguage } from '@/lib/contacts/language';
import type { ContactRow } from '@/lib/db/schema';
import { request } from '@/lib/messaging/client';
import { pageLanguageEvidence } from '@/lib/sidebar/language';
import type { PageView } from '@/lib/sites/types';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from '@/lib/templates/language';

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
        aria-label="The language their drafts are written in"
        title="The language their drafts are written in"
        value={current ?? ''}
        disabled={busy}
        data-testid="contact-language-chip"
        onChange={(e) => save(isLanguage(e.target.value) ? e.target.value : null)}
      >
        <option value="">English (not set)</option>
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
          title={`Guessed from ${GUESS_SOURCE_LABELS[guess.source]}`}
          onClick={() => save(guess.language)}
        >
          Write in {LANGUAGE_NAMES[guess.language]}?
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
