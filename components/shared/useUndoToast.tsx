import { useCallback, useEffect, useState } from 'react';
import { Toast } from '@/components/ui/Toast';
import { request } from '@/lib/messaging/client';
import type { UndoTicket } from '@/lib/messaging/protocol';
import { t, uiLanguageNow, uiLocale } from '@/lib/i18n';
import { errorText, renderMsg } from '@/lib/i18n/message';

/**
 * A label inside a sentence ("Undone: marked done."): lower-cased first letter, except in German,
 * where the label may start with a noun ("Anruf protokolliert").
 */
export function inSentence(label: string): string {
  if (uiLanguageNow() === 'de') return label;
  return `${label.charAt(0).toLocaleLowerCase(uiLocale())}${label.slice(1)}`;
}

/** A notice without an undo stays this long. */
const NOTICE_MS = 6_000;

interface Shown {
  message: string;
  ticket?: UndoTicket;
  error?: boolean;
  /** Epoch ms when it goes away. */
  until: number;
}

/**
 * One toast per surface: `show` after an action (with the background's undo ticket when it has
 * one), `element` to render. Undo asks the background, which restores everything in one
 * transaction; a toast whose entry expired hides itself.
 */
export function useUndoToast(): {
  show(message: string, ticket?: UndoTicket, error?: boolean): void;
  element: React.ReactNode;
} {
  const [shown, setShown] = useState<Shown>();
  const [busy, setBusy] = useState(false);

  const show = useCallback((message: string, ticket?: UndoTicket, error = false) => {
    // Half a second of margin: an Undo clicked at the very end must still find its entry.
    const until = ticket ? ticket.expiresAt - 500 : Date.now() + NOTICE_MS;
    setShown({ message, ticket, error, until });
  }, []);

  useEffect(() => {
    if (!shown) return;
    const t = setTimeout(() => setShown(undefined), Math.max(0, shown.until - Date.now()));
    return () => clearTimeout(t);
  }, [shown]);

  const undo = async () => {
    const ticket = shown?.ticket;
    if (!ticket) return;
    setBusy(true);
    try {
      const res = await request('undo', { undoId: ticket.id });
      show(t('toast_undone', { what: inSentence(renderMsg(res.label)) }));
    } catch (err) {
      show(errorText(err), undefined, true);
    } finally {
      setBusy(false);
    }
  };

  const element = shown ? (
    <Toast
      message={shown.message}
      actionLabel={shown.ticket ? t('toast_undo') : undefined}
      onAction={() => void undo()}
      onDismiss={() => setShown(undefined)}
      error={shown.error}
      busy={busy}
    />
  ) : null;
  return { show, element };
}
