import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
// The pages load lib/i18n, which answers the client's messages (the English fallback here).
import '@/lib/i18n';
import { BackgroundStoppedError, request, requestUndoable } from '@/lib/messaging/client';

afterEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
});

const CLOSED =
  'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received';

describe('request', () => {
  it('turns a worker stopped mid-write into a clear, retryable message (and does not resend the write)', async () => {
    const spy = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error(CLOSED));
    const err = await request('touch.skip', { touchId: 1, via: 'popup' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackgroundStoppedError);
    expect((err as Error).message).toMatch(
      /background stopped before it answered.*whole or not at all.*try again/,
    );
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('treats no answer at all (the port closed) the same way', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    await expect(
      request('contacts.import', { drafts: [], mode: 'skip', via: 'import' }),
    ).rejects.toBeInstanceOf(BackgroundStoppedError);
  });

  it('asks again once for a read, since the browser restarts the worker', async () => {
    const spy = vi
      .spyOn(fakeBrowser.runtime, 'sendMessage')
      .mockRejectedValueOnce(new Error('Could not establish connection. Receiving end does not exist.'))
      .mockResolvedValueOnce({ ok: true, data: { due: 1, overdue: 0 } });
    await expect(request('badge.refresh', {})).resolves.toEqual({ due: 1, overdue: 0 });
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('passes other errors and the undo ticket through', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValueOnce(new Error('boom'));
    await expect(request('badge.refresh', {})).rejects.toThrow('boom');
    const undo = { id: 4, label: 'Skipped', expiresAt: 9 };
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValueOnce({
      ok: true,
      data: { ok: true },
      undo,
    });
    await expect(requestUndoable('touch.skip', { touchId: 1, via: 'popup' })).resolves.toEqual({
      data: { ok: true },
      undo,
    });
  });
});
