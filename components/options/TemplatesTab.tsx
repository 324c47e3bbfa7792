import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useMemo, useRef, useState } from 'react';
import { CHANNELS, type Channel, PURPOSES } from '@/lib/cadence/types';
import { getDb, getSettings } from '@/lib/db';
import { languageName } from '@/lib/format/datetime';
import { t, uiLanguageNow, uiLocale } from '@/lib/i18n';
import { type LibraryEntry, listTemplates } from '@/lib/db/templates';
import { request } from '@/lib/messaging/client';
import {
  DEFAULT_LANGUAGE,
  LANGUAGE_NAMES,
  LANGUAGES,
  type Language,
  languageOr,
} from '@/lib/templates/language';
import { localizedId } from '@/lib/templates/library';
import { CHANNEL_LABELS, PURPOSE_LABELS } from '@/lib/labels';
import { ShareSwitch, TeamChip, useTeamView } from './team/TeamLibrary';
import { TemplateEditor } from './templates/TemplateEditor';
import './templates/templates.css';

/** The template library: every built-in (or the rep's edit of it) and the rep's own, editable. */
export function TemplatesTab() {
  // A rep who reads the dashboard in German starts on the German library.
  const [language, setLanguage] = useState<Language>(() => languageOr(uiLanguageNow()));
  const data = useLiveQuery(async () => {
    const db = getDb();
    const [library, english, settings] = await Promise.all([
      listTemplates(db, language),
      language === DEFAULT_LANGUAGE ? Promise.resolve([]) : listTemplates(db, DEFAULT_LANGUAGE),
      getSettings(db),
    ]);
    // The rep's own English templates with no version in this language yet.
    const have = new Set(library.map((e) => e.template.variant));
    const untranslated = english.filter((e) => e.origin === 'custom' && !have.has(e.template.variant));
    return { library, untranslated, settings, language };
  }, [language]);
  const [channel, setChannel] = useState<Channel | 'all'>('all');
  const [query, setQuery] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const dirty = useRef(false);
  const team = useTeamView();
  const onDirtyChange = useCallback((d: boolean) => {
    dirty.current = d;
  }, []);

  const groups = useMemo(() => {
    if (!data) return [];
    const q = query.trim().toLowerCase();
    const shown = data.library.filter(
      (e) =>
        (channel === 'all' || e.template.channel === channel) &&
        (!q || `${e.template.name} ${e.template.body} ${e.template.subject ?? ''}`.toLowerCase().includes(q)),
    );
    return PURPOSES.map((p) => ({
      purpose: p,
      entries: shown.filter((e) => e.template.purpose === p),
    })).filter((g) => g.entries.length > 0);
  }, [data, channel, query]);

  if (!data) return <p className="tb-muted">{t('common_loading')}</p>;
  // While the other language loads, the previous list stays; its ids are not this language's.
  const loaded = data.language === language;
  // The language as a word of the rep's sentence ("Spanish", "espagnol"); the picker keeps endonyms.
  const inWords = languageName(language, uiLocale());
  const selected: LibraryEntry | undefined =
    data.library.find((e) => e.template.id === selectedId) ?? groups[0]?.entries[0] ?? data.library[0];

  /** The same template in another language: built-ins and the rep's own versions share the base id. */
  const switchLanguage = (next: Language) => {
    if (dirty.current && !window.confirm(t('dash_confirm_discard'))) return;
    dirty.current = false;
    setNotice(null);
    const base = selected?.template.id.replace(/\.(es|de|fr|pt-BR)$/, '');
    setSelectedId(base ? localizedId(base, next) : null);
    setLanguage(next);
  };
  const translate = (entry: LibraryEntry) => {
    void request('template.save', { mode: 'translate', fromId: entry.template.id, language })
      .then(({ template }) => {
        jump(template.id);
        setNotice(t('tpl_translate_started', { language: inWords, name: entry.template.name }));
      })
      .catch((err: unknown) => setNotice(err instanceof Error ? err.message : String(err)));
  };

  const select = (id: string | null) => {
    if (dirty.current && id !== selected?.template.id && !window.confirm(t('dash_confirm_discard'))) return;
    dirty.current = false;
    setNotice(null);
    setSelectedId(id);
  };
  // After a duplicate or delete the editor's changes went with it: no need to ask.
  const jump = (id: string | null) => {
    dirty.current = false;
    setSelectedId(id);
  };

  return (
    <div className="tb-tpl">
      <aside className="tb-tpl-list" aria-label={t('tab_templates')}>
        <div className="tb-tpl-filters">
          <select
            aria-label={t('tpl_language')}
            value={language}
            onChange={(e) => switchLanguage(e.target.value as Language)}
            data-testid="template-language"
          >
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
          <input
            type="search"
            placeholder={t('tpl_search')}
            aria-label={t('tpl_search')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <select
            aria-label={t('common_channel')}
            value={channel}
            onChange={(e) => setChannel(e.target.value as Channel | 'all')}
            data-testid="template-channel-filter"
          >
            <option value="all">{t('tpl_all_channels')}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_LABELS[c]}
              </option>
            ))}
          </select>
        </div>
        {groups.length === 0 && <p className="tb-muted">{t('tpl_no_match')}</p>}
        {loaded && data.untranslated.length > 0 ? (
          <div data-testid="template-untranslated">
            <div className="tb-section-title">{t('tpl_untranslated_title', { language: inWords })}</div>
            <p className="tb-muted tb-tpl-hint">{t('tpl_untranslated_hint', { language: inWords })}</p>
            <ul>
              {data.untranslated.map((e) => (
                <li key={e.template.id}>
                  <button
                    type="button"
                    onClick={() => translate(e)}
                    data-testid={`template-translate-${e.template.id}`}
                  >
                    <span className="tb-tpl-item-name">{e.template.name}</span>
                    <span className="tb-tpl-item-meta tb-muted">
                      {t('tpl_write_version', { language: inWords })}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {groups.map((g) => (
          <div key={g.purpose}>
            <div className="tb-section-title">{PURPOSE_LABELS[g.purpose]}</div>
            <ul>
              {g.entries.map((e) => (
                <li key={e.template.id}>
                  <button
                    type="button"
                    className={e.template.id === selected?.template.id ? 'active' : ''}
                    aria-current={e.template.id === selected?.template.id ? 'true' : undefined}
                    onClick={() => select(e.template.id)}
                    data-testid={`template-item-${e.template.id}`}
                  >
                    <span className="tb-tpl-item-name">{e.template.name}</span>
                    <span className="tb-tpl-item-meta">
                      <span className="tb-muted">{CHANNEL_LABELS[e.template.channel]}</span>
                      {e.origin === 'edited' && <span className="tb-chip today">{t('tpl_chip_edited')}</span>}
                      {e.origin === 'custom' && !e.team && (
                        <span className="tb-chip today">{t('tpl_chip_yours')}</span>
                      )}
                      <TeamChip share={e.team} team={team} />
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </aside>
      <section className="tb-tpl-detail">
        {notice && (
          <p className="tb-tpl-notice" role="status" data-testid="template-notice">
            {notice}
          </p>
        )}
        {selected ? (
          <>
            <h2>{selected.template.name}</h2>
            {selected.origin === 'custom' && (
              <ShareSwitch
                kind="template"
                id={selected.template.id}
                share={selected.team}
                team={team}
                onNotice={setNotice}
              />
            )}
            <TemplateEditor
              // A saved version remounts the editor on the stored text.
              key={`${selected.template.id}@${selected.template.version}`}
              entry={selected}
              settings={data.settings}
              onSelect={jump}
              onNotice={setNotice}
              onDirtyChange={onDirtyChange}
            />
          </>
        ) : (
          <p className="tb-muted">{t('tpl_pick')}</p>
        )}
      </section>
    </div>
  );
}
