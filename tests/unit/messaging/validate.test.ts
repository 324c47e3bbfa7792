import { describe, expect, it } from 'vitest';
import type { RuntimeMessage } from '@/lib/messaging/protocol';
import { MAX_TEXT, payloadProblem } from '@/lib/messaging/validate';

const msg = (type: string, payload: unknown) => ({ type, payload }) as unknown as RuntimeMessage;

describe('payloadProblem', () => {
  it('passes the payloads the surfaces really send', () => {
    const good: [string, unknown][] = [
      ['badge.refresh', {}],
      [
        'enrol',
        {
          contact: { email: 'ada@example.com', firstName: 'Ada', lastName: '', company: undefined },
          playbookId: 'seven-touch-14-day',
          source: 'web-form',
          via: 'sidebar',
        },
      ],
      [
        'enrol',
        {
          contact: { externalIds: ['linkedin:https://www.linkedin.com/in/ada/'], firstName: 'Ada' },
          playbookId: 'linkedin-14-day',
          source: 'web-form',
          via: 'sidebar',
        },
      ],
      ['touch.complete', { touchId: 3, via: 'popup', text: undefined }],
      ['touch.complete', { touchId: 3, via: 'sidebar', text: 'Hi Ada' }],
      ['touch.skip', { touchId: 3, via: 'popup' }],
      ['touch.snooze', { touchId: 3, minutes: 60, via: 'popup' }],
      ['call.outcome', { touchId: 3, outcome: 'no-answer', via: 'popup' }],
      ['reply.log', { contactId: 1, via: 'sidebar' }],
      ['reply.log', { contactId: 1, at: 1_772_550_000_000, threadId: 't1', via: 'gmail' }],
      ['enrolment.action', { enrolmentId: 2, action: { kind: 'pause' }, via: 'sidebar' }],
      ['note.add', { contactId: 1, text: 'Called', via: 'sidebar' }],
      [
        'gmail.sent',
        { token: '3', to: ['ada@example.com'], cc: [], bcc: [], subject: 'Hi', bodyText: 'Hello' },
      ],
      [
        'gmail.sent',
        {
          token: 'value:4:abc',
          to: [],
          cc: [],
          bcc: ['ada@example.com'],
          subject: 'Hi',
          bodyText: '',
          scheduledAt: 1,
        },
      ],
      ['sidebar.data', { people: ['ada@example.com'], senders: [] }],
      ['settings.notifications', { enabled: true }],
      ['reply.log', { contactId: 1, at: 5, text: 'Please remove me <b>now</b>', via: 'gmail' }],
      ['contacts.bulk', { contactIds: [1, 2], action: { kind: 'delete' }, via: 'dashboard' }],
      ['contacts.import', { drafts: [], mode: 'skip', via: 'dashboard' }],
      ['template.save', { mode: 'edit', id: 'x', changes: { body: 'b' } }],
      ['template.save', { mode: 'duplicate', fromId: 'x' }],
      ['settings.save', { patch: { name: 'Sam' } }],
      ['backup.restore', { text: '{}' }],
      ['data.deleteAll', { confirm: 'DELETE' }],
      [
        'enrol',
        {
          contact: { email: 'ana@example.com', language: 'es' },
          playbookId: 'p',
          source: 'web-form',
          via: 'x',
        },
      ],
      ['contact.update', { contactId: 1, patch: { language: 'pt-BR' }, via: 'dashboard' }],
      ['contact.update', { contactId: 1, patch: { language: null }, via: 'dashboard' }],
      ['panel.state', { tabId: 0 }],
      ['panel.state', { tabId: 1_010_356_810 }],
      ['panel.command', { tabId: 7, command: { kind: 'insert', body: 'Hi', to: 'ada@example.com' } }],
    ];
    for (const [type, payload] of good) expect(payloadProblem(msg(type, payload)), type).toBeUndefined();
  });

  it('refuses wrong types, missing fields, NaN ids and huge strings', () => {
    const bad: [string, unknown][] = [
      ['touch.complete', { touchId: Number.NaN, via: 'popup' }],
      ['touch.complete', { touchId: '3', via: 'popup' }],
      ['touch.complete', { touchId: 1.5, via: 'popup' }],
      ['touch.complete', { touchId: -1, via: 'popup' }],
      ['touch.complete', { touchId: 3, via: 'popup', text: { evil: true } }],
      ['touch.complete', { touchId: 3, via: 'popup', text: 'x'.repeat(MAX_TEXT + 1) }],
      ['touch.complete', { touchId: 3 }],
      ['touch.skip', { via: 'popup' }],
      ['touch.snooze', { touchId: 3, minutes: Number.POSITIVE_INFINITY, via: 'popup' }],
      ['touch.snooze', { touchId: 3, minutes: 1e300, via: 'popup' }],
      ['touch.snooze', { touchId: 3, minutes: '60', via: 'popup' }],
      ['call.outcome', { touchId: 3, outcome: 'hung-up', via: 'popup' }],
      ['reply.log', { contactId: 1, at: Number.NaN, via: 'gmail' }],
      ['reply.log', { contactId: 1, at: '2026-01-01', via: 'gmail' }],
      ['enrolment.action', { enrolmentId: 2, action: { kind: 'explode' }, via: 'sidebar' }],
      ['enrolment.action', { enrolmentId: 2, action: 'pause', via: 'sidebar' }],
      ['enrolment.action', { enrolmentId: 2, via: 'sidebar' }],
      ['note.add', { contactId: 1, text: 42, via: 'sidebar' }],
      ['note.add', { contactId: 1, enrolmentId: Number.NaN, text: 'x', via: 'sidebar' }],
      ['enrol', { contact: { email: 'a@b.co' }, playbookId: 'p', source: 'martian', via: 'x' }],
      ['enrol', { contact: { firstName: 'No key' }, playbookId: 'p', source: 'web-form', via: 'x' }],
      ['enrol', { contact: { email: '', externalIds: [] }, playbookId: 'p', source: 'web-form', via: 'x' }],
      ['enrol', { contact: { externalIds: 'hubspot:1:2' }, playbookId: 'p', source: 'web-form', via: 'x' }],
      ['enrol', { contact: { externalIds: [7] }, playbookId: 'p', source: 'web-form', via: 'x' }],
      [
        'enrol',
        { contact: { email: 'a@b.co', firstName: 7 }, playbookId: 'p', source: 'web-form', via: 'x' },
      ],
      [
        'enrol',
        {
          contact: { email: 'a@b.co', company: 'x'.repeat(5000) },
          playbookId: 'p',
          source: 'web-form',
          via: 'x',
        },
      ],
      ['enrol', { contact: null, playbookId: 'p', source: 'web-form', via: 'x' }],
      ['enrol', { contact: { email: 'a@b.co' }, playbookId: 'p', source: 'web-form', via: 'x'.repeat(1000) }],
      ['gmail.sent', { token: '3', to: 'ada@example.com', cc: [], bcc: [], subject: 'Hi', bodyText: '' }],
      ['gmail.sent', { token: '3', to: [], cc: [], bcc: [], subject: null, bodyText: '' }],
      ['gmail.sent', { token: '3', to: [], cc: [], subject: 'Hi', bodyText: '' }],
      ['gmail.sent', { token: '', to: [], cc: [], bcc: [], subject: 'Hi', bodyText: '' }],
      [
        'gmail.sent',
        { token: '3', to: [], cc: [], bcc: [], subject: 'Hi', bodyText: '', scheduledAt: Number.NaN },
      ],
      ['sidebar.data', { people: 'ada@example.com' }],
      ['sidebar.data', { people: [1, 2] }],
      ['settings.notifications', { enabled: 'yes' }],
      ['reply.log', { contactId: 1, text: { html: '<b>stop</b>' }, via: 'gmail' }],
      ['reply.log', { contactId: 1, text: 'x'.repeat(2_001), via: 'gmail' }],
      ['contacts.bulk', { contactIds: [1, Number.NaN], action: { kind: 'delete' }, via: 'd' }],
      ['contacts.bulk', { contactIds: [1], action: { kind: 'nuke' }, via: 'd' }],
      ['contacts.import', { drafts: 'x', mode: 'skip', via: 'd' }],
      ['contacts.import', { drafts: [], mode: 'merge', via: 'd' }],
      ['template.save', { mode: 'other', id: 'x' }],
      ['template.delete', { id: '' }],
      ['settings.save', { patch: null }],
      ['backup.restore', { text: 5 }],
      ['data.deleteAll', {}],
      [
        'enrol',
        {
          contact: { email: 'ana@example.com', language: 'it' },
          playbookId: 'p',
          source: 'web-form',
          via: 'x',
        },
      ],
      ['contact.update', { contactId: 1, patch: { language: 'Spanish' }, via: 'dashboard' }],
      ['contact.update', { contactId: 1, patch: { language: 7 }, via: 'dashboard' }],
      ['panel.state', {}],
      ['panel.state', { tabId: -1 }],
      ['panel.state', { tabId: 1.5 }],
      ['panel.state', { tabId: '7' }],
      ['panel.command', { tabId: 7 }],
      ['panel.command', { tabId: 7, command: { kind: 'explode' } }],
      ['panel.command', { tabId: Number.NaN, command: { kind: 'insert', body: 'Hi' } }],
    ];
    for (const [type, payload] of bad) {
      // English for our own bugs, a message for what a rep can cause (validate-messages.test.ts).
      const problem = payloadProblem(msg(type, payload));
      expect(problem, `${type} ${JSON.stringify(payload)?.slice(0, 80)}`).toBeDefined();
    }
  });
});
