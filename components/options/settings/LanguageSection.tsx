import { useEffect, useState } from 'react';
import {
  browserLanguage,
  endonym,
  isUiLocaleChoice,
  t,
  UI_LOCALES,
  type UiLocaleChoice,
  uiLanguage,
} from '@/lib/i18n';

/**
 * The interface language: the browser's by default, or one the rep picks. The browser's i18n
 * cannot switch language in a running page, so the dashboard reloads itself to apply the choice;
 * other open surfaces (the popup, a sidebar in a Gmail tab) read it the next time they load.
 * Each language is named in its own words ("Deutsch"), so a rep lost in a foreign one finds theirs.
 */
export function LanguageSection() {
  const [choice, setChoice] = useState<UiLocaleChoice>();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void uiLanguage.getValue().then((v) => setChoice(isUiLocaleChoice(v) ? v : 'auto'));
  }, []);

  const change = async (value: string) => {
    if (!isUiLocaleChoice(value)) return;
    setChoice(value);
    await uiLanguage.setValue(value);
    setSaved(true);
    location.reload();
  };

  return (
    <section data-testid="settings-language">
      <h3>{t('settings_language_title')}</h3>
      <p className="tb-muted" style={{ marginTop: 0 }}>
        {t('settings_language_hint')}
      </p>
      <label className="tb-field">
        <select
          aria-label={t('settings_language_title')}
          value={choice ?? 'auto'}
          disabled={choice === undefined}
          onChange={(e) => void change(e.target.value)}
          data-testid="settings-language-select"
        >
          <option value="auto">
            {t('settings_language_auto', { language: endonym(browserLanguage()) })}
          </option>
          {UI_LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {endonym(l)}
            </option>
          ))}
        </select>
      </label>
      {saved && (
        <p className="tb-muted" role="status">
          {t('settings_language_saved')}
        </p>
      )}
    </section>
  );
}
