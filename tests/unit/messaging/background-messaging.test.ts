import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage } from '@/entrypoints/background/handlers';
import { registerMessaging } from '@/entrypoints/background/messaging';
import { enrolContact, getDb, saveSettings } from '@/lib/db';
import { resetI18n, uiLanguage } from '@/lib/i18n';
import { type Msg, renderMsg } from '@/lib/i18n/message';

const PAGE = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };
const GMAIL = { id: fakeBrowser.runtime.id, url: 'https://mail.google.com/mail/u/0/#inbox', tab: { id: 1 } };

async function send(message: unknown, sender: object = PAGE): Promise<unknown> {
  const answers = await fakeBrowser.runtime.onMessage.trigger(message, sender);
  return answers.find((a: unknown) => a !== undefined);
}

let enrolmentId = 0;
let contactId = 0;

beforeAll(async () => {
  registerMessaging(handleMessage);
  const db = getDb();
  await saveSettings(db, { timeZone: 'UTC' });
  ({ enrolmentId, contactId } = await enrolContact(db, {
    contact: { email: 'ada@example.com', firstName: 'Ada' },
    playbookId: 'seven-touch-14-day',
    source: 'web-form',
    via: 'test',
    now: Date.parse('2026-03-03T10:00:00Z'),
  }));
});

async function snapshot() {
  const db = getDb();
  return {
    contacts: await db.contacts.toArray(),
    enrolments: await db.enrolments.toArray(),
    touches: await db.touches.toArray(),
    activities: await db.activities.toArray(),
  };
}

describe('background messaging', () => {
  it("refuses in the rep's interface language, with the message as data", async () => {
    await uiLanguage.setValue('es');
    resetI18n();
    try {
      const answer = (await send({
        type: 'note.add',
        payload: { contactId, text: '   ', via: 'sidebar' },
      })) as {
        ok: boolean;
        error?: string;
        msg?: unknown;
      };
      expect(answer).toEqual({
        ok: false,
        error: 'Una nota necesita algo de texto.',
        msg: { key: 'err_note_empty' },
      });
    } finally {
      await uiLanguage.removeValue();
      resetI18n();
    }
  });

  it('answers a malformed request (our bug) in the rep language, a rep mistake in its own words', async () => {
    await uiLanguage.setValue('de');
    resetI18n();
    try {
      const bug = await send({ type: 'touch.complete', payload: { touchId: Number.NaN, via: 'popup' } });
      expect(bug).toEqual({
        ok: false,
        error:
          'Touchbase konnte diese Anfrage nicht verarbeiten. Lade die Seite neu und versuch es noch einmal.',
        msg: { key: 'request_malformed' },
      });
      const long = await send({
        type: 'enrol',
        payload: {
          contact: { email: 'b@example.com', company: 'x'.repeat(2_001) },
          playbookId: 'seven-touch-14-day',
          source: 'web-form',
          via: 'sidebar',
        },
      });
      expect(long).toMatchObject({ ok: false, error: 'Firma: kein gültiger Text (oder zu lang).' });
    } finally {
      await uiLanguage.removeValue();
      resetI18n();
    }
  });

  it('answers malformed payloads with a clean refusal and writes nothing', async () => {
    const before = await snapshot();
    const touchId = before.touches[0]?.id ?? 1;
    const bad = [
      { type: 'enrolment.action', payload: { enrolmentId, action: { kind: 'explode' }, via: 'sidebar' } },
      { type: 'enrolment.action', payload: { enrolmentId, via: 'sidebar' } },
      { type: 'touch.complete', payload: { touchId, via: 'popup', text: { html: '<b>' } } },
      { type: 'touch.complete', payload: { touchId: Number.NaN, via: 'popup' } },
      { type: 'touch.snooze', payload: { touchId, minutes: 1e300, via: 'popup' } },
      { type: 'call.outcome', payload: { touchId, outcome: 'hung-up', via: 'popup' } },
      { type: 'reply.log', payload: { contactId, at: Number.NaN, via: 'gmail' } },
      { type: 'note.add', payload: { contactId: Number.NaN, text: 'x', via: 'sidebar' } },
      { type: 'note.add', payload: { contactId, text: 'x'.repeat(2_000_000), via: 'sidebar' } },
      {
        type: 'enrol',
        payload: {
          contact: { email: 'b@example.com', firstName: 12 },
          playbookId: 'x',
          source: 'web-form',
          via: 's',
        },
      },
    ];
    for (const message of bad) {
      const answer = (await send(message)) as { ok: boolean; error?: string };
      expect(answer, message.type).toMatchObject({ ok: false });
      expect(typeof answer.error).toBe('string');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('lets the Gmail content script report a send but nothing else', async () => {
    const before = await snapshot();
    for (const message of [
      { type: 'data.deleteAll', payload: { confirm: 'DELETE' } },
      { type: 'enrolment.action', payload: { enrolmentId, action: { kind: 'remove' }, via: 'gmail' } },
      { type: 'note.add', payload: { contactId, text: 'from the page', via: 'gmail' } },
    ]) {
      expect(await send(message, GMAIL), message.type).toBeUndefined();
    }
    expect(await snapshot()).toEqual(before);
  });

  it('ignores other extensions and web pages', async () => {
    const message = { type: 'note.add', payload: { contactId, text: 'hi', via: 'x' } };
    expect(await send(message, { id: 'someone-else', url: PAGE.url })).toBeUndefined();
    expect(await send(message, { id: PAGE.id, url: 'https://evil.example/' })).toBeUndefined();
    expect(await getDb().activities.where('kind').equals('note').count()).toBe(0);
  });

  it('still handles a well-formed request', async () => {
    const answer = await send({
      type: 'note.add',
      payload: { contactId, text: 'Called, left a message', via: 'popup' },
    });
    expect(answer).toEqual({ ok: true, data: { ok: true } });
  });

  it('issues an undo ticket with a destructive action, and the undo puts everything back', async () => {
    const before = await snapshot();
    const answer = (await send({
      type: 'enrolment.action',
      payload: { enrolmentId, action: { kind: 'opted-out', reason: 'asked' }, via: 'popup' },
    })) as { ok: true; data: unknown; undo: { id: number; label: Msg; expiresAt: number } };
    // The label is a message, read in whatever language the toast is shown in.
    expect(answer).toMatchObject({
      ok: true,
      data: { state: 'opted-out' },
      undo: { label: { key: 'undo_opted_out' } },
    });
    expect(renderMsg(answer.undo.label)).toBe('Opted out');
    expect(await getDb().suppressions.count()).toBe(1);
    expect(await send({ type: 'undo', payload: { undoId: answer.undo.id } })).toEqual({
      ok: true,
      data: { label: { key: 'undo_opted_out' } },
    });
    expect(await snapshot()).toEqual(before);
    expect(await getDb().suppressions.count()).toBe(0);
    // Used once: a second undo is refused with a message, not an exception.
    expect(await send({ type: 'undo', payload: { undoId: answer.undo.id } })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Too late/),
    });
  });
});
