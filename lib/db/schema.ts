import Dexie, { type EntityTable } from 'dexie';
import type {
  ActivityKind,
  CadenceStep,
  CallOutcome,
  Channel,
  ContactWindow,
  EnrolmentState,
  LeadSource,
  PauseReason,
  Playbook,
  Purpose,
  TouchState,
} from '@/lib/cadence/types';

/** A person a rep follows up with. `emailLower` is the unique, case-insensitive key. */
export interface ContactRow {
  id: number;
  email: string;
  emailLower: string;
  firstName: string;
  lastName: string;
  company: string;
  phone: string;
  title: string;
  linkedinUrl?: string;
  /** IANA zone of the contact; falls back to the rep's zone when unknown. */
  timeZone: string;
  leadSource: LeadSource;
  topic?: string;
  notes: string;
  /** Channels the contact asked us to stop using. */
  optOut: Partial<Record<Channel, boolean>>;
  custom: Record<string, string>;
  createdAt: number;
  updatedAt: number;
}

/** One contact in one playbook. `steps` is a snapshot (already adjusted for the lead source). */
export interface EnrolmentRow {
  id: number;
  contactId: number;
  playbookId: string;
  playbookName: string;
  source: LeadSource;
  state: EnrolmentState;
  pauseReason?: PauseReason;
  enrolledAt: number;
  timeZone: string;
  steps: CadenceStep[];
  stateChangedAt: number;
  /** Latest activity touching this enrolment (a touch done, a reply), for "last touch" views. */
  lastTouchAt?: number;
}

/**
 * A planned or completed step. Only touches of active enrolments are `planned`: pausing or
 * stopping an enrolment deletes its planned touches, so the `[state+dueAt]` index alone answers
 * "what is due now" without joins.
 */
export interface TouchRow {
  id: number;
  enrolmentId: number;
  contactId: number;
  /** 1-based step number within the enrolment; 0 for extra touches (after-meeting, re-engage). */
  step: number;
  totalSteps: number;
  channel: Channel;
  purpose: Purpose;
  dueAt: number;
  deadlineAt: number;
  withinMinutes?: number;
  state: TouchState;
  doneAt?: number;
  /** The rendered text that went out, kept so later template edits never rewrite history. */
  text?: string;
  notifiedAt?: number;
}

/** Append-only log of everything that happened. */
export interface ActivityRow {
  id: number;
  at: number;
  kind: ActivityKind;
  contactId?: number;
  enrolmentId?: number;
  touchId?: number;
  step?: number;
  channel?: Channel;
  purpose?: Purpose;
  outcome?: CallOutcome | string;
  text?: string;
  /** Where the activity came from: sidebar, popup, gmail (auto-detected), import, dashboard. */
  via?: string;
}

export interface PlaybookRow extends Playbook {
  updatedAt: number;
}

export interface TemplateRow {
  id: string;
  purpose: Purpose;
  channel: Channel;
  variant: string;
  name: string;
  subject?: string;
  body: string;
  version: number;
  builtIn: boolean;
  updatedAt: number;
}

export interface RepSettings {
  name: string;
  company: string;
  phone: string;
  signature: string;
  reconnectLink: string;
  bookingLink: string;
  timeZone: string;
  window: ContactWindow;
  defaultPlaybookBySource: Partial<Record<LeadSource, string>>;
  defaultSource: LeadSource;
  reengageDays: number;
  notifications: boolean;
  dailyNudge: boolean;
}

export interface SettingsRow {
  key: 'rep';
  value: RepSettings;
}

/** Keeps the last-run bookkeeping of the background (daily nudge) out of memory. */
export interface MetaRow {
  key: string;
  value: number | string;
}

export const DB_NAME = 'touchbase';

export class TouchbaseDb extends Dexie {
  contacts!: EntityTable<ContactRow, 'id'>;
  enrolments!: EntityTable<EnrolmentRow, 'id'>;
  touches!: EntityTable<TouchRow, 'id'>;
  activities!: EntityTable<ActivityRow, 'id'>;
  playbooks!: EntityTable<PlaybookRow, 'id'>;
  templates!: EntityTable<TemplateRow, 'id'>;
  settings!: EntityTable<SettingsRow, 'key'>;
  meta!: EntityTable<MetaRow, 'key'>;

  constructor(name = DB_NAME) {
    super(name);
    // Append-only history: never edit a released version; add a new one with an upgrade.
    this.version(1).stores({
      contacts: '++id, &emailLower, company, updatedAt',
      enrolments: '++id, contactId, [contactId+state], state, playbookId',
      touches: '++id, enrolmentId, contactId, [state+dueAt], [state+deadlineAt], [enrolmentId+step]',
      activities: '++id, at, [contactId+at], [enrolmentId+at], kind',
      playbooks: 'id',
      templates: 'id, [purpose+channel]',
      settings: 'key',
      meta: 'key',
    });
  }
}
