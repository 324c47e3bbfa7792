import { describe, expect, it } from 'vitest';
import { adapterForUrl } from '@/lib/sites';
import { decideKind, isGmailUrl, parseRoute } from '@/lib/sites/gmail';

describe('parseRoute', () => {
  it.each([
    ['https://mail.google.com/mail/u/0/', { kind: 'none' }],
    ['https://mail.google.com/mail/u/0/#inbox', { kind: 'list', section: 'inbox' }],
    [
      'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmNqPfbLlNrJtVrbHdSx',
      { kind: 'thread', section: 'inbox', threadToken: 'FMfcgzQXJWDsKmNqPfbLlNrJtVrbHdSx' },
    ],
    [
      'https://mail.google.com/mail/u/1/#label/Clients%2FAcme/FMfcgzQXJWDsKmNqPfbLlNrJtVrbHdSx',
      { kind: 'thread', section: 'label' },
    ],
    ['https://mail.google.com/mail/u/0/#search/pricing', { kind: 'list', section: 'search' }],
    ['https://mail.google.com/mail/u/0/#inbox?compose=new', { kind: 'list', composeParam: true }],
    ['https://mail.google.com/mail/?view=cm&fs=1&to=a%40b.com', { kind: 'compose' }],
    ['https://mail.google.com/mail/u/0/#settings/general', { kind: 'other', section: 'settings' }],
    ['#sent', { kind: 'list', section: 'sent' }],
    ['', { kind: 'none' }],
  ])('%s', (url, expected) => expect(parseRoute(url)).toMatchObject(expected));
});

describe('decideKind', () => {
  it('lets the DOM decide and the route break ties', () => {
    const thread = parseRoute('#inbox/FMfcgzQXJWDsKmNqPfbLlNrJtVrbHdSx');
    const list = parseRoute('#inbox');
    expect(decideKind(thread, { hasThread: true, rowCount: 20, composeCount: 0 })).toBe('thread');
    expect(decideKind(list, { hasThread: true, rowCount: 20, composeCount: 0 })).toBe('inbox');
    expect(decideKind(list, { hasThread: true, rowCount: 0, composeCount: 0 })).toBe('thread');
    expect(decideKind(list, { hasThread: false, rowCount: 0, composeCount: 1 })).toBe('compose');
    expect(decideKind(thread, { hasThread: false, rowCount: 0, composeCount: 0 })).toBe('unknown');
  });
});

describe('adapter registry', () => {
  it('matches Gmail only', () => {
    expect(isGmailUrl('https://mail.google.com/mail/u/0/#inbox')).toBe(true);
    expect(adapterForUrl('https://mail.google.com/mail/u/0/')?.site).toBe('gmail');
    expect(adapterForUrl('https://mail.google.com.evil.example/mail/')).toBeUndefined();
    expect(adapterForUrl('https://calendar.google.com/')).toBeUndefined();
  });
});
