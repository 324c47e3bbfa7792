import { describe, expect, it } from 'vitest';
import { countWords, extractVoicemailScript, speakingTime, spokenWordCount } from '@/lib/templates';
import { LANGUAGES } from '@/lib/templates/language';
import { getTemplates } from '@/lib/templates/library';

describe('voicemail length', () => {
  it('counts words, ignoring lone punctuation', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('  Hi Dana - it’s Sam.  ')).toBe(4);
  });

  it('reads a phone number digit by digit', () => {
    expect(spokenWordCount('Call me at 555 201 0100.')).toBe(3 + 10);
    expect(spokenWordCount('Call me at 555-201-0100.')).toBe(3 + 10);
    expect(spokenWordCount('in 15 minutes')).toBe(3);
  });

  it('150 words per minute: 75 words is 30 s and passes, 76 is over', () => {
    expect(speakingTime('word '.repeat(75))).toEqual({
      words: 75,
      spokenWords: 75,
      seconds: 30,
      overLimit: false,
    });
    expect(speakingTime('word '.repeat(76))).toMatchObject({ seconds: 30.4, overLimit: true });
  });

  it('extracts the voicemail section of a call script', () => {
    const script = 'Call Dana\n\nTalk track\n- hello\n\nVoicemail (under 30 s)\nHi Dana, call me back.';
    expect(extractVoicemailScript(script)).toBe('Hi Dana, call me back.');
    expect(extractVoicemailScript('no section here')).toBeUndefined();
  });

  it('finds the voicemail heading in each language the library is written in', () => {
    expect(extractVoicemailScript('Leitfaden\n- hallo\n\nMailbox (unter 30 Sekunden)\nHallo Dana.')).toBe(
      'Hallo Dana.',
    );
    expect(extractVoicemailScript('Guion\n\nBuzón de voz:\nHola, Dana.')).toBe('Hola, Dana.');
    expect(extractVoicemailScript('Trame\n\nMessage vocal (moins de 30 secondes)\nBonjour.')).toBe(
      'Bonjour.',
    );
    expect(extractVoicemailScript('Roteiro\n\nMensagem de voz\nOi, Dana.')).toBe('Oi, Dana.');
    // A word that merely starts like a heading is not one.
    expect(extractVoicemailScript('Mailboxes fill up fast\nso call early')).toBeUndefined();
  });

  it.each(LANGUAGES)('every built-in %s call script has a voicemail part', (language) => {
    const calls = getTemplates(language).filter((t) => t.channel === 'call');
    expect(calls.length).toBeGreaterThan(0);
    for (const t of calls) expect(extractVoicemailScript(t.body), t.id).toBeTruthy();
  });
});
