import type { CadenceStep, Playbook } from './types';

const sevenTouch: CadenceStep[] = [
  {
    channel: 'sms',
    day: 0,
    withinMinutes: 5,
    purpose: 'acknowledge',
    note: 'Thank them and ask one qualifying question.',
  },
  {
    channel: 'email',
    day: 0,
    withinMinutes: 60,
    purpose: 'confirm',
    note: 'Value prop plus a soft booking link.',
  },
  { channel: 'call', day: 1, purpose: 'call', note: 'Have a voicemail under 30 s ready.' },
  { channel: 'sms', day: 2, purpose: 'voicemail-nudge' },
  { channel: 'email', day: 4, purpose: 'value', note: 'A case study, a stat or one tip.' },
  { channel: 'call', day: 7, purpose: 'call', note: 'Call at a different time of day than the first call.' },
  { channel: 'sms', day: 14, purpose: 'breakup' },
];

const speedToLead: CadenceStep[] = [
  { channel: 'call', day: 0, withinMinutes: 5, purpose: 'call', note: 'The 5-minute rule.' },
  { channel: 'email', day: 0, withinMinutes: 5, purpose: 'confirm', note: 'Instant acknowledgement.' },
  { channel: 'email', day: 1, purpose: 'follow-up' },
  { channel: 'call', day: 3, purpose: 'call' },
  { channel: 'sms', day: 3, purpose: 'voicemail-nudge' },
  { channel: 'email', day: 7, purpose: 'value', note: 'Helpful, not a pitch.' },
  { channel: 'email', day: 14, purpose: 'final-check-in', note: 'Offer an easy no.' },
  { channel: 'email', day: 90, purpose: 're-engage' },
];

const multichannelDrip: CadenceStep[] = [
  {
    channel: 'sms',
    day: 0,
    withinMinutes: 5,
    purpose: 'acknowledge',
    note: 'Confirm receipt and say what happens next.',
  },
  { channel: 'call', day: 0, purpose: 'call', note: 'Try for a live connection.' },
  {
    channel: 'email',
    day: 0,
    purpose: 'follow-up',
    note: 'If the call was missed: context, a resource, the next step.',
  },
  { channel: 'sms', day: 2, purpose: 'question', note: 'One clear action.' },
  { channel: 'voicemail', day: 3, purpose: 'voicemail' },
  { channel: 'call', day: 5, purpose: 'call', note: 'Try a new angle.' },
  { channel: 'email', day: 10, purpose: 'value', note: 'An insight or the answer to a common objection.' },
];

const tenTouchpoints: CadenceStep[] = [
  { channel: 'task', day: 0, withinMinutes: 2, purpose: 'assign', note: 'Route the lead to its rep.' },
  { channel: 'email', day: 0, withinMinutes: 2, purpose: 'confirm' },
  { channel: 'call', day: 0, withinMinutes: 5, purpose: 'call', note: 'Voicemail under 30 s.' },
  {
    channel: 'sms',
    day: 0,
    withinMinutes: 10,
    purpose: 'acknowledge',
    note: 'Ask them to reply YES for a quick call.',
  },
  { channel: 'email', day: 2, purpose: 'value' },
  { channel: 'email', day: 5, purpose: 'question', note: 'One question only.' },
  {
    channel: 'email',
    day: 10,
    purpose: 'multi-thread',
    requiresTwoUnanswered: true,
    note: 'A second contact at the same company.',
  },
  { channel: 'email', day: 11, purpose: 'meeting-ask', note: 'Offer two concrete times.' },
  { channel: 'email', day: 18, purpose: 'breakup' },
];

const linkedin14: CadenceStep[] = [
  { channel: 'email', day: 1, purpose: 'value', note: 'The resource, plus a P.S. teasing what comes next.' },
  { channel: 'linkedin', day: 3, purpose: 'linkedin-connect', note: 'Connect with a short note.' },
  { channel: 'email', day: 5, purpose: 'value', note: 'The promised case study.' },
  { channel: 'call', day: 8, purpose: 'call', note: 'Low pressure, brief.' },
  { channel: 'linkedin', day: 11, purpose: 'linkedin-engage', note: 'Comment on something they posted.' },
  { channel: 'email', day: 14, purpose: 'breakup' },
];

/** The five playbooks that ship with the product, one per seed. */
export const BUILT_IN_PLAYBOOKS: readonly Playbook[] = [
  {
    id: 'seven-touch-14-day',
    name: '7 touches in 14 days',
    description:
      'Text first for speed, email for depth, two calls at different times, a polite close on day 14.',
    source: '000',
    steps: sevenTouch,
    builtIn: true,
  },
  {
    id: 'speed-to-lead-90',
    name: 'Speed to lead, 90 days',
    description:
      'Call and email inside five minutes, a short burst in week one, a check-in at two weeks, a re-engage at 90 days.',
    source: '001',
    steps: speedToLead,
    builtIn: true,
  },
  {
    id: 'multichannel-drip',
    name: 'Multichannel drip',
    description:
      'Text, call and email on day 0, then one channel at a time, ending with an insight email in week two.',
    source: '002',
    steps: multichannelDrip,
    builtIn: true,
  },
  {
    id: 'ten-touchpoints',
    name: '10 touchpoints',
    description:
      'Assign in minutes, confirm, call and text on day 0, then value, a question, a second contact, a meeting ask and a close.',
    source: '003',
    steps: tenTouchpoints,
    builtIn: true,
  },
  {
    id: 'linkedin-14-day',
    name: 'Email and LinkedIn, 14 days',
    description:
      'Resource email, a LinkedIn connection, a case study, one call, engagement on a post, a close.',
    source: '004',
    steps: linkedin14,
    builtIn: true,
  },
];

/** A deep copy of a built-in playbook, or undefined for an unknown id. */
export function getBuiltInPlaybook(id: string): Playbook | undefined {
  const found = BUILT_IN_PLAYBOOKS.find((p) => p.id === id);
  return found ? { ...found, steps: found.steps.map((s) => ({ ...s })) } : undefined;
}
