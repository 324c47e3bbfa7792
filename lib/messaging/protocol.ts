/**
 * The one typed protocol between extension contexts.
 *
 * - runtime messages: extension pages and the Gmail content script -> background (writes, badge).
 * - frame messages: Gmail content script <-> sidebar iframe, over window.postMessage with the
 *   origin and source checked on both ends (no `tabs` permission needed).
 *
 * Payloads are JSON-safe: ids and epoch-ms numbers, never Date objects.
 */
import type { CallOutcome, LeadSource } from '@/lib/cadence/types';
import type { PageView } from '@/lib/sites/types';

/** Fields a rep or a page can supply for a new contact. */
export interface ContactInput {
  email: string;
  firstName?: string;
  lastName?: string;
  company?: string;
  phone?: string;
  title?: string;
  timeZone?: string;
  topic?: string;
  linkedinUrl?: string;
}

export type EnrolmentAction =
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'booked' }
  | { kind: 'opted-out' }
  | { kind: 'withdraw-opt-out' }
  | { kind: 'remove' };

/** Every runtime request, by type, with its payload and response. */
export interface RuntimeRequests {
  /** Recompute the badge now (after any write done outside the background). */
  'badge.refresh': { req: Record<string, never>; res: { due: number; overdue: number } };
  /** Create (or reuse) the contact and enrol it in a playbook. */
  enrol: {
    req: { contact: ContactInput; playbookId: string; source: LeadSource; via: string };
    res: { enrolmentId: number; contactId: number };
  };
  'touch.complete': {
    req: { touchId: number; text?: string; via: string };
    res: { alreadyDone: boolean };
  };
  'touch.skip': { req: { touchId: number; via: string }; res: { ok: true } };
  'touch.snooze': { req: { touchId: number; minutes: number; via: string }; res: { dueAt: number } };
  'call.outcome': {
    req: { touchId: number; outcome: CallOutcome; via: string };
    res: { ok: true };
  };
  'reply.log': {
    req: { contactId: number; at?: number; threadId?: string; via: string };
    res: { paused: number };
  };
  'enrolment.action': {
    req: { enrolmentId: number; action: EnrolmentAction; via: string };
    res: { state: string };
  };
  'note.add': {
    req: { contactId: number; enrolmentId?: number; text: string; via: string };
    res: { ok: true };
  };
  /** The content script saw a compose holding an inserted draft being sent. */
  'gmail.sent': {
    req: { touchId: number; to: string[]; subject: string; bodyText: string };
    res: { recorded: boolean };
  };
}

export type RuntimeType = keyof RuntimeRequests;

export type RuntimeMessage = {
  [K in RuntimeType]: { type: K; payload: RuntimeRequests[K]['req'] };
}[RuntimeType];

export type RuntimeResponse<K extends RuntimeType> =
  | { ok: true; data: RuntimeRequests[K]['res'] }
  | { ok: false; error: string };

/** Messages the content script posts into the sidebar iframe. */
export type ToSidebar =
  | { tb: 'view'; view: PageView }
  | { tb: 'insert-result'; requestId: string; ok: boolean; reason?: string }
  | { tb: 'collapsed'; collapsed: boolean };

/** Messages the sidebar iframe posts to the content script. */
export type FromSidebar =
  | { tb: 'ready' }
  | { tb: 'collapse'; collapsed: boolean }
  | {
      tb: 'insert';
      requestId: string;
      touchId?: number;
      to?: string;
      subject?: string;
      body: string;
    };

const RUNTIME_TYPES: ReadonlySet<string> = new Set<RuntimeType>([
  'badge.refresh',
  'enrol',
  'touch.complete',
  'touch.skip',
  'touch.snooze',
  'call.outcome',
  'reply.log',
  'enrolment.action',
  'note.add',
  'gmail.sent',
]);

/** Shape check for an incoming runtime message (handlers validate payload fields themselves). */
export function isRuntimeMessage(value: unknown): value is RuntimeMessage {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; payload?: unknown };
  return (
    typeof v.type === 'string' &&
    RUNTIME_TYPES.has(v.type) &&
    typeof v.payload === 'object' &&
    v.payload !== null
  );
}

function isTagged(value: unknown): value is { tb: string } {
  return typeof value === 'object' && value !== null && typeof (value as { tb?: unknown }).tb === 'string';
}

export function isFromSidebar(value: unknown): value is FromSidebar {
  if (!isTagged(value)) return false;
  return value.tb === 'ready' || value.tb === 'collapse' || value.tb === 'insert';
}

export function isToSidebar(value: unknown): value is ToSidebar {
  if (!isTagged(value)) return false;
  return value.tb === 'view' || value.tb === 'insert-result' || value.tb === 'collapsed';
}

/** Hosts whose content scripts may talk to the background. */
export const ALLOWED_CONTENT_ORIGINS: readonly string[] = ['https://mail.google.com'];

/**
 * A runtime message is accepted only from this extension: its own pages (no tab, or a tab URL
 * under the extension origin) or its content scripts on an allowed host.
 */
export function isTrustedSender(
  sender: { id?: string; url?: string; origin?: string; tab?: unknown },
  extensionId: string,
  extensionOrigin: string,
): boolean {
  if (sender.id !== extensionId) return false;
  const url = sender.url ?? '';
  if (url.startsWith(extensionOrigin)) return true;
  return ALLOWED_CONTENT_ORIGINS.some((o) => url.startsWith(`${o}/`));
}
