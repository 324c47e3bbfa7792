/**
 * The few words the renderer writes itself (meeting times, the last touch, the SMS opt-out
 * line), per contact language. Dates and times come from `Intl` through lib/format/datetime;
 * only the glue around them ("at", "on", "a las", "am") lives here. Pure.
 */
import { TZDate } from '@date-fns/tz';
import { formatHour, formatMonthDay, formatTime, formatWeekdayLong } from '@/lib/format/datetime';
import { type Language, LOCALE_OF } from './language';

/** What the last outreach was, in the words of `{{lastTouch}}`. */
export type TouchAction =
  | 'emailed'
  | 'texted'
  | 'voicemail'
  | 'linkedin'
  | 'spoke'
  | 'tried-calling'
  | 'called';

/** When it was, relative to now in the contact's calendar. */
export type TouchWhen =
  | { kind: 'today' }
  | { kind: 'yesterday' }
  | { kind: 'weekday'; at: number }
  | { kind: 'date'; at: number; withYear: boolean };

/** Intl's newer data puts a narrow no-break space before AM/PM; a message wants a plain one. */
function plain(s: string): string {
  return s.replace(/[\u202f\u00a0]/g, ' ');
}

/** Weekday index (0 = Sunday) of `at` in `timeZone`: Portuguese picks "no"/"na" by it. */
function weekdayIndex(at: number, timeZone: string): number {
  return new TZDate(at, timeZone).getDay();
}

function whenWords(lang: Language, w: TouchWhen, timeZone: string): string {
  const loc = LOCALE_OF[lang];
  if (w.kind === 'today')
    return { en: 'earlier today', es: 'hoy', de: 'heute', fr: "aujourd'hui", 'pt-BR': 'hoje' }[lang];
  if (w.kind === 'yesterday')
    return { en: 'yesterday', es: 'ayer', de: 'gestern', fr: 'hier', 'pt-BR': 'ontem' }[lang];
  if (w.kind === 'weekday') {
    const day = formatWeekdayLong(w.at, timeZone, loc);
    if (lang === 'en') return `on ${day}`;
    if (lang === 'es') return `el ${day}`;
    if (lang === 'de') return `am ${day}`;
    if (lang === 'fr') return day;
    const d = weekdayIndex(w.at, timeZone);
    return `${d === 0 || d === 6 ? 'no' : 'na'} ${day}`;
  }
  const date = plain(formatMonthDay(w.at, timeZone, loc, w.withYear));
  return { en: `on ${date}`, es: `el ${date}`, de: `am ${date}`, fr: `le ${date}`, 'pt-BR': `em ${date}` }[
    lang
  ];
}

/** "left you a voicemail yesterday", "te dejé un mensaje de voz ayer", "ich habe Sie gestern angerufen". */
export function lastTouchWords(
  lang: Language,
  action: TouchAction,
  when: TouchWhen,
  timeZone: string,
): string {
  const w = whenWords(lang, when, timeZone);
  switch (lang) {
    case 'en':
      return `${
        {
          emailed: 'emailed you',
          texted: 'texted you',
          voicemail: 'left you a voicemail',
          linkedin: 'reached out on LinkedIn',
          spoke: 'spoke with you',
          'tried-calling': 'tried calling you',
          called: 'called you',
        }[action]
      } ${w}`;
    case 'es':
      return `${
        {
          emailed: 'te escribí un correo',
          texted: 'te envié un mensaje',
          voicemail: 'te dejé un mensaje de voz',
          linkedin: 'te escribí por LinkedIn',
          spoke: 'hablamos',
          'tried-calling': 'intenté llamarte',
          called: 'te llamé',
        }[action]
      } ${w}`;
    case 'de':
      // German puts the time in the middle of the verb bracket.
      return {
        emailed: `ich habe Ihnen ${w} eine E-Mail geschrieben`,
        texted: `ich habe Ihnen ${w} eine SMS geschickt`,
        voicemail: `ich habe Ihnen ${w} eine Sprachnachricht hinterlassen`,
        linkedin: `ich habe Ihnen ${w} auf LinkedIn geschrieben`,
        spoke: `wir haben ${w} miteinander gesprochen`,
        'tried-calling': `ich habe ${w} versucht, Sie anzurufen`,
        called: `ich habe Sie ${w} angerufen`,
      }[action];
    case 'fr':
      return `${
        {
          emailed: 'je vous ai envoyé un e-mail',
          texted: 'je vous ai envoyé un SMS',
          voicemail: 'je vous ai laissé un message vocal',
          linkedin: 'je vous ai écrit sur LinkedIn',
          spoke: 'nous nous sommes parlé',
          'tried-calling': "j'ai essayé de vous appeler",
          called: 'je vous ai appelé',
        }[action]
      } ${w}`;
    case 'pt-BR':
      return `${
        {
          emailed: 'enviei um e-mail para você',
          texted: 'mandei uma mensagem para você',
          voicemail: 'deixei uma mensagem de voz para você',
          linkedin: 'escrevi para você no LinkedIn',
          spoke: 'conversamos',
          'tried-calling': 'tentei ligar para você',
          called: 'liguei para você',
        }[action]
      } ${w}`;
  }
}

/** A meeting time as the contact's language writes it: "10 AM", "a las 10:00", "um 10 Uhr". */
function slotTime(lang: Language, at: number, timeZone: string, minutes: number, hours: number): string {
  const loc = LOCALE_OF[lang];
  const mm = String(minutes).padStart(2, '0');
  switch (lang) {
    case 'en':
      return `at ${plain(minutes === 0 ? formatHour(at, timeZone, loc) : formatTime(at, timeZone, loc))}`;
    case 'es':
      return `${hours === 1 ? 'a la' : 'a las'} ${plain(formatTime(at, timeZone, loc))}`;
    case 'de':
      return `um ${plain(minutes === 0 ? formatHour(at, timeZone, loc) : `${formatTime(at, timeZone, loc)} Uhr`)}`;
    case 'fr':
      return `à ${plain(formatHour(at, timeZone, loc))}${minutes === 0 ? '' : ` ${mm}`}`;
    case 'pt-BR':
      return `${hours === 1 ? 'à' : 'às'} ${hours}h${minutes === 0 ? '' : mm}`;
  }
}

/** One meeting slot: "Wednesday at 10 AM", "el miércoles a las 10:00", "mercredi à 10 h". */
export function slotWords(lang: Language, at: number, timeZone: string, withDate: boolean): string {
  const loc = LOCALE_OF[lang];
  const z = new TZDate(at, timeZone);
  const weekday = formatWeekdayLong(at, timeZone, loc);
  const date = withDate ? plain(formatMonthDay(at, timeZone, loc)) : '';
  const time = slotTime(lang, at, timeZone, z.getMinutes(), z.getHours());
  switch (lang) {
    case 'en':
      return `${weekday}${withDate ? `, ${date}` : ''} ${time}`;
    case 'es':
      return `el ${weekday}${withDate ? ` ${date}` : ''} ${time}`;
    case 'de':
      return `${weekday}${withDate ? `, ${date},` : ''} ${time}`;
    case 'fr':
      return `${weekday}${withDate ? ` ${date}` : ''} ${time}`;
    case 'pt-BR': {
      const d = z.getDay();
      return `${d === 0 || d === 6 ? 'no' : 'na'} ${weekday}${withDate ? `, ${date},` : ''} ${time}`;
    }
  }
}

/** The word joining two meeting slots. */
export const OR_WORD: Readonly<Record<Language, string>> = {
  en: 'or',
  es: 'o',
  de: 'oder',
  fr: 'ou',
  'pt-BR': 'ou',
};

/** Added to a first text that has no opt-out wording. STOP stays STOP: carriers honour it. */
export const OPT_OUT_TEXTS: Readonly<Record<Language, string>> = {
  en: 'Reply STOP to opt out.',
  es: 'Responde STOP para no recibir más mensajes.',
  de: 'Antworten Sie STOP, um keine SMS mehr zu erhalten.',
  fr: 'Répondez STOP pour ne plus recevoir de SMS.',
  'pt-BR': 'Responda STOP para não receber mais mensagens.',
};
