/**
 * Built-in template library and template versioning. Wording is our own: short, one ask per
 * message, a personal first line, an off-ramp where it helps. Facts come from the seeds.
 *
 * Content a rep must supply (a real case study, a stat, a tip, meeting notes) is a
 * `{{custom.<key>}}` field, so a missing piece shows as a highlighted marker instead of
 * invented claims going out.
 */
import { CHANNELS, type Channel, PURPOSES, type Purpose } from '@/lib/cadence';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from './language';
import { DE } from './library-de';
import { ES } from './library-es';
import { FR } from './library-fr';
import { PT_BR } from './library-pt-br';
import type { Template, TemplateWording } from './types';

function tpl(
  purpose: Purpose,
  channel: Channel,
  variant: string,
  name: string,
  body: string,
  subject?: string,
): Template {
  const t: Template = {
    id: `${purpose}.${channel}.${variant}`,
    purpose,
    channel,
    variant,
    name,
    body,
    version: 1,
    builtIn: true,
  };
  if (subject !== undefined) t.subject = subject;
  return t;
}

const SIGN = '\n\n{{rep.signature}}';

/** Order matters: the first template of a purpose and channel is its default. */
const BUILT_INS: readonly Template[] = [
  // acknowledge: first reply to an inquiry, one qualifying question
  tpl(
    'acknowledge',
    'sms',
    'default',
    'Acknowledge: quick qualifying text',
    "Hi {{firstName|there}}, it's {{rep.name}} at {{rep.company}}. Thanks for asking about {{topic|our services}}. Do you need this soon, or are you still planning?",
  ),
  tpl(
    'acknowledge',
    'email',
    'default',
    'Acknowledge: first email, one question',
    "Hi {{firstName|there}},\n\nI'm {{rep.name}} with {{rep.company}}. I'm getting in touch about {{topic|your plans}} at {{company|your company}}, and I'd rather ask than guess what you need.\n\nIs this on your list for the next few months, or further out?" +
      SIGN,
    'A quick question about {{topic|your plans}}',
  ),
  tpl(
    'acknowledge',
    'email',
    'inbound',
    'Acknowledge: thanks for your inquiry',
    "Hi {{firstName|there}},\n\nThanks for asking about {{topic|our services}}. I'm {{rep.name}}, and I'll be your contact at {{rep.company}}.\n\nSo I can come prepared: is this something you need in the next few weeks, or are you still comparing options?" +
      SIGN,
    'Got your request, {{firstName|thank you}}',
  ),

  // confirm: confirmation with value prop and a soft booking ask
  tpl(
    'confirm',
    'email',
    'default',
    'Confirm: what happens next + soft booking ask',
    "Hi {{firstName|there}},\n\nThanks for your request about {{topic|your project}}. This is {{rep.name}} at {{rep.company}}, and I'll look after you from here.\n\nMost people in your position want three answers: what it costs, how long it takes, and whether it fits. A 15-minute call is the quickest way to get all three.\n\nIf that sounds useful, pick any time that suits you: {{rep.bookingLink}}" +
      SIGN,
    'Your {{topic|request}}: what happens next',
  ),
  tpl(
    'confirm',
    'sms',
    'default',
    'Confirm: receipt + booking link',
    'Hi {{firstName|there}}, {{rep.name}} at {{rep.company}}. Got your request about {{topic|your project}}. Book a quick call here: {{rep.bookingLink}}',
  ),

  // call: talk track plus the voicemail to leave
  tpl(
    'call',
    'call',
    'default',
    'Call: talk track and voicemail',
    "Call {{fullName|this contact}} about {{topic|their request}}\n\nTalk track\n- Hi {{firstName|there}}, it's {{rep.name}} from {{rep.company}}. You asked about {{topic|our services}}. Is now an OK time for two minutes?\n- Ask one open question: what made you look into this now?\n- Listen first. If it fits, offer a 15-minute call to go through options.\n\nVoicemail (keep it under 30 seconds)\nHi {{firstName|there}}, it's {{rep.name}} from {{rep.company}}, calling about your {{topic|request}}. I have a couple of ideas for you. Call or text me at {{rep.phone}}. Again, {{rep.phone}}. Talk soon.",
  ),

  // voicemail: ringless drop
  tpl(
    'voicemail',
    'voicemail',
    'default',
    'Voicemail drop: short and personal',
    "Hi {{firstName|there}}, it's {{rep.name}} with {{rep.company}}, following up on your {{topic|request}}. I have a quick idea I'd like to share. A text is fine if that's easier. My number is {{rep.phone}}. Once more, {{rep.phone}}. Thanks!",
  ),

  // voicemail-nudge: refer back to the call
  tpl(
    'voicemail-nudge',
    'sms',
    'default',
    'Voicemail nudge: easier to text?',
    'Hi {{firstName|there}}, {{rep.name}} here. I {{lastTouch|tried calling you}} about {{topic|your request}}. Would text be easier? A quick yes or no is plenty.',
  ),
  tpl(
    'voicemail-nudge',
    'email',
    'default',
    'Voicemail nudge: easier by email?',
    "Hi {{firstName|there}},\n\nI {{lastTouch|tried to reach you by phone}} about {{topic|your request}}. Phone tag is no fun, so here's the short version: in about 15 minutes I can walk you through the options and a ballpark price.\n\nWould email suit you better? Reply here and we'll keep it in writing." +
      SIGN,
    'About my call on {{topic|your request}}',
  ),

  // follow-up: next-day follow-up, and the generic fallback per channel
  tpl(
    'follow-up',
    'email',
    'default',
    'Follow-up: next step',
    "Hi {{firstName|there}},\n\nI {{lastTouch|got in touch}} about {{topic|your request}}. In case email suits you better, here's what I'd cover on a short call: the options that fit {{company|your situation}}, a ballpark price, and timing.\n\nDoes later this week work for 15 minutes?" +
      SIGN,
    'Next step on {{topic|your request}}',
  ),
  tpl(
    'follow-up',
    'sms',
    'default',
    'Follow-up: short text',
    'Hi {{firstName|there}}, {{rep.name}} from {{rep.company}}. Still happy to help with {{topic|your request}}. What time suits you for a 10-minute call?',
  ),
  tpl(
    'follow-up',
    'linkedin',
    'default',
    'Follow-up: LinkedIn message',
    "Hi {{firstName|there}}, thanks for connecting. I'm the person at {{rep.company}} looking after your question about {{topic|our services}}. Would a short call this week help?",
  ),
  tpl(
    'follow-up',
    'task',
    'default',
    'Follow-up: task note',
    'Follow up with {{fullName|this contact}} about {{topic|their request}}\n\nReview the last touch, pick the channel they answered on before, and send one clear next step.',
  ),

  // value: something useful, one per variant
  tpl(
    'value',
    'email',
    'case-study',
    'Value: case study',
    'Hi {{firstName|there}},\n\nA client of ours had a question much like yours about {{topic|this}}. Here is what happened: {{custom.caseStudy}}\n\nI have a one-page write-up with the details. Want me to send it over?' +
      SIGN,
    'How a team like {{company|yours}} handled it',
  ),
  tpl(
    'value',
    'email',
    'stat',
    'Value: one relevant number',
    "Hi {{firstName|there}},\n\nOne number stood out while I was thinking about {{topic|your project}} at {{company|your company}}: {{custom.stat}}\n\nIf that matches what you're seeing, I can show you what it means for you in 15 minutes. Would that be useful?" +
      SIGN,
    'A number worth knowing about {{topic|this}}',
  ),
  tpl(
    'value',
    'email',
    'tip',
    'Value: one quick tip',
    "Hi {{firstName|there}},\n\nOne thing that often trips people up with {{topic|projects like yours}}: {{custom.tip}}\n\nNo pitch attached. If you'd like a second opinion on your situation, reply and I'll take a look." +
      SIGN,
    'One tip for {{topic|your project}}',
  ),
  tpl(
    'value',
    'email',
    'resource',
    'Value: resource link with P.S. teaser',
    "Hi {{firstName|there}},\n\nHere's the link for {{topic|the resource you asked for}}: {{custom.resourceLink}}\n\nStart with the first section; it answers what most people ask us first. If anything is unclear, hit reply." +
      SIGN +
      '\n\nP.S. In a few days I will send you a short story of how another team put this to work.',
    'The link you asked for, {{firstName|as promised}}',
  ),

  // question: one clear question
  tpl(
    'question',
    'email',
    'default',
    'Question: one question, one-word answer',
    'Hi {{firstName|there}},\n\nOne question, and a one-word answer is fine: is {{topic|this}} a priority for {{company|you}} this quarter, or later in the year?\n\nEither answer helps me send you the right thing.' +
      SIGN,
    'One question about {{topic|your request}}',
  ),
  tpl(
    'question',
    'sms',
    'default',
    'Question: reply-YES ask',
    "Hi {{firstName|there}}, {{rep.name}} here. Can I send you a short breakdown of {{topic|your options}}? Reply YES and I'll text it over.",
  ),

  // multi-thread: a second contact at the same company
  tpl(
    'multi-thread',
    'email',
    'default',
    'Multi-thread: right person?',
    "Hi {{firstName|there}},\n\nI've been talking with your team at {{company|your company}} about {{topic|a recent request}}, and I'm not sure I've reached the person who owns it.\n\nIs that you, or is there someone better for me to talk to?" +
      SIGN,
    'The right person at {{company|your company}}',
  ),
  tpl(
    'multi-thread',
    'task',
    'default',
    'Multi-thread: find a second contact',
    'Find a second contact at {{company|this company}}\n\n{{fullName|The primary contact}} has left two touches in a row unanswered. Look for someone else who would own {{topic|this}} (company site or LinkedIn), add them as a contact, and send them the multi-thread email.',
  ),

  // meeting-ask: two concrete times
  tpl(
    'meeting-ask',
    'email',
    'default',
    'Meeting ask: two concrete times',
    "Hi {{firstName|there}},\n\nI'd like to set up 15 minutes to go through {{topic|your request}} and answer your questions. Would {{meetingSlots}} work for you?\n\nIf neither fits, grab any open time here: {{rep.bookingLink}}" +
      SIGN,
    'Quick call about {{topic|your request}}',
  ),
  tpl(
    'meeting-ask',
    'sms',
    'default',
    'Meeting ask: two times by text',
    'Hi {{firstName|there}}, {{rep.name}} here. Could we talk about {{topic|your request}} for 15 minutes, {{meetingSlots}}?',
  ),

  // breakup: polite last message with an easy way back
  tpl(
    'breakup',
    'email',
    'default',
    'Breakup: last note, door open',
    "Hi {{firstName|there}},\n\nI haven't heard back, so I'll assume {{topic|this}} isn't a priority right now, and this will be my last note.\n\nIf the timing changes, you can pick things up here whenever you like: {{rep.reconnectLink}}\n\nAll the best." +
      SIGN,
    'Closing the loop on {{topic|your request}}',
  ),
  tpl(
    'breakup',
    'sms',
    'default',
    'Breakup: last text with reconnect link',
    'Hi {{firstName|there}}, {{rep.name}} here. Last text from me about {{topic|your request}}. If timing changes, reconnect here: {{rep.reconnectLink}}',
  ),

  // final-check-in: still interested? no pressure
  tpl(
    'final-check-in',
    'email',
    'default',
    'Final check-in: no pressure',
    "Hi {{firstName|there}},\n\nAre you still interested in help with {{topic|your request}}? No pressure either way. If the timing isn't right, that's completely fine, and a one-line reply lets me know." +
      SIGN,
    'Still looking into {{topic|this}}?',
  ),
  tpl(
    'final-check-in',
    'sms',
    'default',
    'Final check-in: short text',
    'Hi {{firstName|there}}, still interested in help with {{topic|your request}}? No pressure at all, a yes or no is all I need. - {{rep.name}}',
  ),

  // re-engage: after a long silence
  tpl(
    're-engage',
    'email',
    'default',
    'Re-engage: after a long silence',
    'Hi {{firstName|there}},\n\nA while back you asked us about {{topic|your project}}. A lot can change in a few months, so I wanted to see where things landed.\n\nIs it still something you could use a hand with?' +
      SIGN,
    'About {{topic|your project}}, a few months on',
  ),
  tpl(
    're-engage',
    'sms',
    'default',
    'Re-engage: short text',
    'Hi {{firstName|there}}, {{rep.name}} from {{rep.company}}. A few months ago you asked about {{topic|your project}}. Still need a hand with it?',
  ),

  // after-meeting: recap within 24 h
  tpl(
    'after-meeting',
    'email',
    'default',
    'After meeting: recap and next step',
    "Hi {{firstName|there}},\n\nThanks for your time today. Here's what I took away:\n\n- Where things stand: {{custom.meetingNotes}}\n- Next step: {{custom.nextStep}}\n\nIf I missed or misread anything, reply and I'll correct it." +
      SIGN,
    'Recap: {{topic|our call}} and next steps',
  ),

  // meeting-reminder: before a booked meeting (rule "booked-reminders")
  tpl(
    'meeting-reminder',
    'sms',
    'default',
    'Meeting reminder: short text',
    'Hi {{firstName|there}}, {{rep.name}} here: a reminder of our meeting about {{topic|your project}}. Need another time? Just reply.',
  ),
  tpl(
    'meeting-reminder',
    'email',
    'default',
    'Meeting reminder: what to bring',
    "Hi {{firstName|there}},\n\nA quick reminder of our meeting about {{topic|your project}}. If there's anything you'd like me to prepare, or a question you want answered first, reply here.\n\nIf the time no longer suits you, say so and we'll find another." +
      SIGN,
    'Reminder: our meeting about {{topic|your project}}',
  ),

  // LinkedIn
  tpl(
    'linkedin-connect',
    'linkedin',
    'default',
    'LinkedIn: connection note',
    "Hi {{firstName|there}}, thanks for your interest in {{topic|what we do}} at {{rep.company}}. I'd like to stay connected here too. - {{rep.name}}",
  ),
  tpl(
    'linkedin-engage',
    'linkedin',
    'default',
    'LinkedIn: engage with a post',
    'Engage with {{fullName|this contact}} on LinkedIn\n\nFind a recent post of theirs that genuinely interests you and leave a comment: a specific observation or a question of your own. Keep it about their post, not your product. No links, no pitch.',
  ),

  // assign: internal note
  tpl(
    'assign',
    'task',
    'default',
    'Assign: new lead note',
    'New lead: {{fullName|name unknown}}, {{title|no title}} at {{company|no company}}\nTopic: {{topic|not given}}\nSource: {{leadSource|unknown}}\nPhone: {{phone|none}}\nEmail: {{email|none}}\n\nAssign an owner within 2 minutes so the first touch goes out on time.',
  ),
];

/** The other languages' wording, keyed by the English built-in's id. */
const WORDINGS: Readonly<Record<Exclude<Language, 'en'>, Readonly<Record<string, TemplateWording>>>> = {
  es: ES,
  de: DE,
  fr: FR,
  'pt-BR': PT_BR,
};

/**
 * The id of a built-in in another language: the English id plus the language, so English ids
 * (stored in reps' edited copies since before #14) never change.
 */
export function localizedId(id: string, language: Language): string {
  return language === 'en' ? id : `${id}.${language}`;
}

/**
 * Every built-in in every language. A translation missing an entry simply has no template for
 * it, and `pickTemplate` falls back to English (a unit test keeps the sets identical).
 */
const ALL_BUILT_INS: readonly Template[] = [
  ...BUILT_INS,
  ...(
    Object.entries(WORDINGS) as [Exclude<Language, 'en'>, Readonly<Record<string, TemplateWording>>][]
  ).flatMap(([language, words]) =>
    BUILT_INS.flatMap((en) => {
      const w = words[en.id];
      if (!w) return [];
      const t: Template = { ...en, id: localizedId(en.id, language), name: w.name, body: w.body, language };
      if (w.subject !== undefined) t.subject = w.subject;
      else delete t.subject;
      return [t];
    }),
  ),
];

/** The language a template is written in: English unless it says otherwise. */
export function templateLanguage(t: Pick<Template, 'language'>): Language {
  return isLanguage(t.language) ? t.language : DEFAULT_LANGUAGE;
}

/** Purposes whose wording works as a stand-in, tried in order, on the same channel. */
const RELATED: Readonly<Record<Purpose, readonly Purpose[]>> = {
  acknowledge: ['confirm'],
  confirm: ['acknowledge'],
  call: ['voicemail'],
  voicemail: ['call'],
  'voicemail-nudge': [],
  'follow-up': ['question'],
  value: [],
  question: [],
  'multi-thread': [],
  'meeting-ask': ['question'],
  breakup: ['final-check-in'],
  'final-check-in': [],
  're-engage': ['final-check-in'],
  'after-meeting': [],
  'meeting-reminder': ['confirm'],
  'linkedin-connect': ['linkedin-engage'],
  'linkedin-engage': [],
  assign: [],
};

/** Last resort per channel, so every channel always has something to draft from. */
const CHANNEL_GENERIC: Readonly<Record<Channel, Purpose>> = {
  email: 'follow-up',
  sms: 'follow-up',
  call: 'call',
  voicemail: 'voicemail',
  linkedin: 'follow-up',
  task: 'follow-up',
};

/**
 * The built-in templates in `language` (English by default), or in every language with 'all'.
 * Fresh copies: callers may mutate them freely.
 */
export function getTemplates(language: Language | 'all' = DEFAULT_LANGUAGE): Template[] {
  const list =
    language === 'all' ? ALL_BUILT_INS : ALL_BUILT_INS.filter((t) => templateLanguage(t) === language);
  return list.map((t) => ({ ...t }));
}

/** The built-in with this id (in any language), as a fresh copy. */
export function getBuiltIn(id: string): Template | undefined {
  const t = ALL_BUILT_INS.find((b) => b.id === id);
  return t ? { ...t } : undefined;
}

function findIn(
  lib: readonly Template[],
  purpose: Purpose,
  channel: Channel,
  variant?: string,
): Template | undefined {
  if (variant !== undefined) {
    const exact = lib.find((t) => t.purpose === purpose && t.channel === channel && t.variant === variant);
    if (exact) return exact;
  }
  return lib.find((t) => t.purpose === purpose && t.channel === channel);
}

/**
 * The template to draft a step with. Tries, on the requested channel: the purpose with the
 * variant, the purpose's default, related purposes, then the channel's generic template;
 * first in `library` (e.g. the rep's edited set), then in the built-ins. The contact's
 * `language` comes first: a Spanish built-in beats the rep's edited English copy, since the
 * contact would not read the latter; English is the fallback. Always returns a template on the
 * requested channel for any valid purpose and channel.
 */
export function pickTemplate(
  purpose: Purpose,
  channel: Channel,
  variant?: string,
  library: readonly Template[] = BUILT_INS,
  language: Language = DEFAULT_LANGUAGE,
): Template {
  const validPurpose: Purpose = PURPOSES.includes(purpose) ? purpose : 'follow-up';
  const validChannel: Channel = CHANNELS.includes(channel) ? channel : 'email';
  const chain: Purpose[] = [
    validPurpose,
    ...RELATED[validPurpose],
    'follow-up',
    CHANNEL_GENERIC[validChannel],
  ];
  const languages: Language[] =
    isLanguage(language) && language !== DEFAULT_LANGUAGE ? [language, DEFAULT_LANGUAGE] : [DEFAULT_LANGUAGE];
  // A step that names its template (the rep's own, by variant) keeps it: in the contact's language
  // when the rep wrote that version, else in English (the draft then says so), never swapped for
  // another template of the purpose.
  if (variant !== undefined) {
    for (const lang of languages) {
      const own = library === BUILT_INS ? [] : library.filter((t) => templateLanguage(t) === lang);
      const builtIns = ALL_BUILT_INS.filter((t) => templateLanguage(t) === lang);
      for (const lib of [own, builtIns]) {
        const exact = lib.find(
          (t) => t.purpose === validPurpose && t.channel === validChannel && t.variant === variant,
        );
        if (exact) return { ...exact };
      }
    }
  }
  for (const lang of languages) {
    const builtIns = ALL_BUILT_INS.filter((t) => templateLanguage(t) === lang);
    const own = library === BUILT_INS ? [] : library.filter((t) => templateLanguage(t) === lang);
    for (const lib of own.length ? [own, builtIns] : [builtIns]) {
      for (const [i, p] of chain.entries()) {
        const found = findIn(lib, p, validChannel, i === 0 ? variant : undefined);
        if (found) return { ...found };
      }
    }
  }
  // Unreachable while the built-ins cover CHANNEL_GENERIC; kept so the signature never lies.
  return { ...BUILT_INS[0]! };
}

/** Fields a rep may change on a template. */
export type TemplateChanges = Partial<Pick<Template, 'name' | 'subject' | 'body' | 'variant'>>;

/**
 * A new template with the changes applied and `version` bumped. Once edited it is no longer
 * the shipped text, so `builtIn` becomes false; the id is kept so `resetToDefault` still works.
 */
export function editTemplate(t: Template, changes: TemplateChanges): Template {
  return { ...t, ...changes, id: t.id, version: t.version + 1, builtIn: false };
}

/**
 * The shipped text for a built-in id, or undefined when there is none. Pass the current
 * template so the reset counts as a new version (version = current + 1) and stale drafts show.
 */
export function resetToDefault(id: string, current?: Template): Template | undefined {
  const b = getBuiltIn(id);
  if (!b) return undefined;
  if (current) b.version = Math.max(b.version, current.version + 1);
  return b;
}

/** A user-owned copy under a new id, starting its own version history. */
export function duplicateTemplate(t: Template, newId: string): Template {
  return { ...t, id: newId, name: `${t.name} (copy)`, version: 1, builtIn: false };
}
