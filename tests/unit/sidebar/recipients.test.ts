import { describe, expect, it } from 'vitest';
import { insertTarget, recipientsOf, wrongRecipients } from '@/lib/sidebar/recipients';
import type { ComposeView, PageView } from '@/lib/sites/types';

const person = (email: string) => ({ email, name: '' });
const compose = (id: string, patch: Partial<ComposeView> = {}): ComposeView => ({
  id,
  focused: false,
  to: [],
  cc: [],
  subject: '',
  bodyText: '',
  inline: false,
  ...patch,
});
const view = (composes: ComposeView[]): PageView => ({
  site: 'gmail',
  kind: 'inbox',
  url: 'https://mail.google.com/mail/u/0/#inbox',
  composes,
  inboxRows: [],
  problems: [],
});

describe('where a draft would land', () => {
  it('picks the given compose, else the focused one, else the last', () => {
    const v = view([compose('a'), compose('b', { focused: true }), compose('c')]);
    expect(insertTarget(v)?.id).toBe('b');
    expect(insertTarget(v, 'c')?.id).toBe('c');
    expect(insertTarget(view([compose('a'), compose('c')]))?.id).toBe('c');
    expect(insertTarget(view([]))).toBeUndefined();
    expect(insertTarget(undefined)).toBeUndefined();
  });

  it('warns only when the compose is addressed, and not to the contact (To, Cc or Bcc)', () => {
    const to = (c: Partial<ComposeView>) => view([compose('x', { focused: true, ...c })]);
    expect(wrongRecipients(to({}), 'bob@example.org')).toBeUndefined();
    expect(wrongRecipients(view([]), 'bob@example.org')).toBeUndefined();
    expect(wrongRecipients(to({ to: [person('Bob@Example.org')] }), 'bob@example.org')).toBeUndefined();
    expect(wrongRecipients(to({ bcc: [person('bob@example.org')] }), 'bob@example.org')).toBeUndefined();
    expect(
      wrongRecipients(
        to({ to: [person('carol@example.org')], cc: [person('carol@example.org'), person('dan@x.io')] }),
        'bob@example.org',
      ),
    ).toEqual(['carol@example.org', 'dan@x.io']);
    expect(wrongRecipients(to({ to: [person('carol@example.org')] }), undefined)).toEqual([
      'carol@example.org',
    ]);
    expect(recipientsOf(compose('x', { to: [person(' A@b.c ')], bcc: [person('a@b.c')] }))).toEqual([
      'a@b.c',
    ]);
  });
});
