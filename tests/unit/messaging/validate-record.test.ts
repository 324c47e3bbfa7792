import { describe, expect, it } from 'vitest';
import type { RuntimeMessage } from '@/lib/messaging/protocol';
import { payloadProblem } from '@/lib/messaging/validate';

const msg = (type: string, payload: unknown) => ({ type, payload }) as unknown as RuntimeMessage;

describe('contact.update and settings.save payloads', () => {
  it('passes what the record editor and the settings tab send', () => {
    for (const payload of [
      { contactId: 1, patch: { phone: '+44 20 7946 0958', timeZone: 'Europe/London' }, via: 'dashboard' },
      {
        contactId: 1,
        patch: { otherEmails: ['a@b.co'], window: null, custom: { Plan: 'Pro' } },
        via: 'sidebar',
      },
      {
        contactId: 1,
        patch: { window: { days: [1, 2], start: '09:00', end: '17:00' }, notes: 'x' },
        via: 'sidebar',
      },
    ]) {
      expect(payloadProblem(msg('contact.update', payload))).toBeUndefined();
    }
    expect(
      payloadProblem(msg('settings.save', { patch: { reengageDays: 75 }, replan: true })),
    ).toBeUndefined();
  });

  it('refuses malformed ones with a reason', () => {
    const bad: unknown[] = [
      { contactId: 0, patch: {}, via: 'x' },
      { contactId: 1, patch: 'phone', via: 'x' },
      { contactId: 1, patch: { phone: 42 }, via: 'x' },
      { contactId: 1, patch: { optOut: { sms: true } }, via: 'x' },
      { contactId: 1, patch: { otherEmails: 'a@b.co' }, via: 'x' },
      { contactId: 1, patch: { window: { days: 'all' } }, via: 'x' },
      { contactId: 1, patch: { custom: { k: 1 } }, via: 'x' },
      { contactId: 1, patch: { firstName: 'x'.repeat(5_000) }, via: 'x' },
      { contactId: 1, patch: {}, via: 7 },
    ];
    for (const payload of bad)
      expect(payloadProblem(msg('contact.update', payload))).toEqual(expect.any(String));
    expect(payloadProblem(msg('settings.save', { patch: {}, replan: 'yes' }))).toEqual(expect.any(String));
  });
});
