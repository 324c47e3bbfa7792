import { describe, expect, it } from 'vitest';
import { getBuiltIn, render } from '@/lib/templates';
import { fullContext } from './fixtures';

/**
 * Golden drafts: every built-in rendered for one fixed contact (Dana at Harbor Bakery, New York),
 * at Tue 2026-03-03 10:00 New York, after a call that ended in a voicemail yesterday. The rep
 * works Mon-Fri 09:00-17:00 New York time.
 */
function draft(id: string, first = false): string {
  const t = getBuiltIn(id);
  if (!t) throw new Error(`no built-in ${id}`);
  const r = render(t, fullContext({ isFirstSms: first }));
  const head = r.subject === undefined ? '' : `Subject: ${r.subject}\n---\n`;
  const problems = r.problems.length ? `\n---\n${r.problems.map((p) => p.code).join(', ')}` : '';
  return `${head}${r.body}${problems}`;
}

describe('golden drafts', () => {
  it('acknowledge.sms.default (first text)', () => {
    expect(draft('acknowledge.sms.default', true)).toMatchInlineSnapshot(`
      "Hi Dana, it's Sam Rivera at Brightline Roofing. Thanks for asking about roof repair. Do you need this soon, or are you still planning?

      Reply STOP to opt out.
      ---
      opt-out-added"
    `);
  });

  it('acknowledge.email.default', () => {
    expect(draft('acknowledge.email.default')).toMatchInlineSnapshot(`
      "Subject: A quick question about roof repair
      ---
      Hi Dana,

      I'm Sam Rivera with Brightline Roofing. I'm getting in touch about roof repair at Harbor Bakery, and I'd rather ask than guess what you need.

      Is this on your list for the next few months, or further out?

      Sam Rivera
      Brightline Roofing"
    `);
  });

  it('acknowledge.email.inbound', () => {
    expect(draft('acknowledge.email.inbound')).toMatchInlineSnapshot(`
      "Subject: Got your request, Dana
      ---
      Hi Dana,

      Thanks for asking about roof repair. I'm Sam Rivera, and I'll be your contact at Brightline Roofing.

      So I can come prepared: is this something you need in the next few weeks, or are you still comparing options?

      Sam Rivera
      Brightline Roofing"
    `);
  });

  it('confirm.email.default', () => {
    expect(draft('confirm.email.default')).toMatchInlineSnapshot(`
      "Subject: Your roof repair: what happens next
      ---
      Hi Dana,

      Thanks for your request about roof repair. This is Sam Rivera at Brightline Roofing, and I'll look after you from here.

      Most people in your position want three answers: what it costs, how long it takes, and whether it fits. A 15-minute call is the quickest way to get all three.

      If that sounds useful, pick any time that suits you: https://brightline.example/book

      Sam Rivera
      Brightline Roofing"
    `);
  });

  it('confirm.sms.default (first text)', () => {
    expect(draft('confirm.sms.default', true)).toMatchInlineSnapshot(`
      "Hi Dana, Sam Rivera at Brightline Roofing. Got your request about roof repair. Book a quick call here: https://brightline.example/book

      Reply STOP to opt out.
      ---
      opt-out-added"
    `);
  });

  it('call.call.default', () => {
    expect(draft('call.call.default')).toMatchInlineSnapshot(`
      "Call Dana Whitfield about roof repair

      Talk track
      - Hi Dana, it's Sam Rivera from Brightline Roofing. You asked about roof repair. Is now an OK time for two minutes?
      - Ask one open question: what made you look into this now?
      - Listen first. If it fits, offer a 15-minute call to go through options.

      Voicemail (keep it under 30 seconds)
      Hi Dana, it's Sam Rivera from Brightline Roofing, calling about your roof repair. I have a couple of ideas for you. Call or text me at 555 201 0100. Again, 555 201 0100. Talk soon."
    `);
  });

  it('voicemail.voicemail.default', () => {
    expect(draft('voicemail.voicemail.default')).toMatchInlineSnapshot(
      `"Hi Dana, it's Sam Rivera with Brightline Roofing, following up on your roof repair. I have a quick idea I'd like to share. A text is fine if that's easier. My number is 555 201 0100. Once more, 555 201 0100. Thanks!"`,
    );
  });

  it('voicemail-nudge.sms.default', () => {
    expect(draft('voicemail-nudge.sms.default')).toMatchInlineSnapshot(
      `"Hi Dana, Sam Rivera here. I left you a voicemail yesterday about roof repair. Would text be easier? A quick yes or no is plenty."`,
    );
  });

  it('voicemail-nudge.email.default', () => {
    expect(draft('voicemail-nudge.email.default')).toMatchInlineSnapshot(`
      "Subject: About my call on roof repair
      ---
      Hi Dana,

      I left you a voicemail yesterday about roof repair. Phone tag is no fun, so here's the short version: in about 15 minutes I can walk you through the options and a ballpark price.

      Would email suit you better? Reply here and we'll keep it in writing.

      Sam Rivera
      Brightline Roofing"
    `);
  });

  it('follow-up.email.default', () => {
    expect(draft('follow-up.email.default')).toMatchInlineSnapshot(`
      "Subject: Next step on roof repair
      ---
      Hi Dana,

      I left you a voicemail yesterday about roof repair. In case email suits you better, here's what I'd cover on a short call: the options that fit Harbor Bakery, a ballpark price, and timing.

      Does later this week work for 15 minutes?

      Sam Rivera
      Brightline Roofing"
    `);
  });

  it('follow-up.sms.default', () => {
    expect(draft('follow-up.sms.default')).toMatchInlineSnapshot(
      `"Hi Dana, Sam Rivera from Brightline Roofing. Still happy to help with roof repair. What time suits you for a 10-minute call?"`,
    );
  });

  it('follow-up.linkedin.default', () => {
    expect(draft('follow-up.linkedin.default')).toMatchInlineSnapshot(
      `"Hi Dana, thanks for connecting. I'm the person at Brightline Roofing looking after your question about roof repair. Would a short call this week help?"`,
    );
  });

  it('follow-up.task.default', () => {
    expect(draft('follow-up.task.default')).toMatchInlineSnapshot(`
      "Follow up with Dana Whitfield about roof repair

      Review the last touch, pick the channel they answered on before, and send one clear next step."
    `);
  });

  it('value.email.case-study', () => {
    expect(draft('value.email.case-study')).toMatchInlineSnapshot(`
      "Subject: How a team like Harbor Bakery handled it
      ---
      Hi Dana,

      A client of ours had a question much like yours about roof repair. Here is what happened: a bakery down the road had a leak over their ovens; we patched it in a day and they never closed.

      I have a one-page write-up with the details. Want me to send it over?

      Sam Rivera
      Brightline Roofing"
    `);
  });

  it('value.email.stat', () => {
    expect(draft('value.email.stat')).toMatchInlineSnapshot(`
      "Subject: A number worth knowing about roof repair
      ---
      Hi Dana,

      One number stood out while I was thinking about roof repair at Harbor Bakery: most flat roofs need resealing every 5 to 7 years.

      If that matches what you're seeing, I can show you what it means for you in 15 minutes. Would that be useful?

      Sam Rivera
      Brightline Roofing"
    `);
  });

  it('value.email.tip', () => {
    expect(draft('value.email.tip')).toMatchInlineSnapshot(`
      "Subject: One tip for roof repair
      ---
      Hi Dana,

      One thing that often trips people up with roof repair: clear the drains before the spring rains.

      No pitch attached. If you'd like a second opinion on your situation, reply and I'll take a look.

      Sam Rivera
      Brightline Roofing"
    `);
  });

  it('value.email.resource', () => {
    expect(draft('value.email.resource')).toMatchInlineSnapshot(`
      "Subject: The link you asked for, Dana
      ---
      Hi Dana,

      Here's the link for roof repair: https://brightline.example/guide

      Start with the first section; it answers what most people ask us first. If anything is unclear, hit reply.

      Sam Rivera
      Brightline Roofing

      P.S. In a few days I will send you a short story of how another team put this to work."
    `);
  });

  it('question.email.default', () => {
    expect(draft('question.email.default')).toMatchInlineSnapshot(`
      "Subject: One question about roof repair
      ---
      Hi Dana,

      One question, and a one-word answer is fine: is roof repair a priority for Harbor Bakery this quarter, or later in the year?

      Either answer helps me send you the right thing.

      Sam Rivera
      Brightline Roofing"
    `);
  });

  it('question.sms.default', () => {
    expect(draft('question.sms.default')).toMatchInlineSnapshot(
      `"Hi Dana, Sam Rivera here. Can I send you a short breakdown of roof repair? Reply YES and I'll text it over."`,
    );
  });

  it('multi-thread.email.default', () => {
    expect(draft('multi-thread.email.default')).toMatchInlineSnapshot(`
      "Subject: The right person at Harbor Bakery
      ---
      Hi Dana,

      I've been talking with your team at Harbor Bakery about roof repair, and I'm not sure I've reached the person who owns it.

      Is that you, or is there someone better for me to talk to?

      Sam Rivera
      Brightline Roofing"
    `);
  });

  it('multi-thread.task.default', () => {
    expect(draft('multi-thread.task.default')).toMatchInlineSnapshot(`
      "Find a second contact at Harbor Bakery

      Dana Whitfield has left two touches in a row unanswered. Look for someone else who would own roof repair (company site or LinkedIn), add them as a contact, and send them the multi-thread email."
    `);
  });

  it('meeting-ask.email.default', () => {
    expect(draft('meeting-ask.email.default')).toMatchInlineSnapshot(`
      "Subject: Quick call about roof repair
      ---
      Hi Dana,

      I'd like to set up 15 minutes to go through roof repair and answer your questions. Would Wednesday at 10 AM or Friday at 2 PM work for you?

      If neither fits, grab any open time here: https://brightline.example/book

      Sam Rivera
      Brightline Roofing"
    `);
  });

  it('meeting-ask.sms.default', () => {
    expect(draft('meeting-ask.sms.default')).toMatchInlineSnapshot(
      `"Hi Dana, Sam Rivera here. Could we talk about roof repair for 15 minutes, Wednesday at 10 AM or Friday at 2 PM?"`,
    );
  });

  it('breakup.email.default', () => {
    expect(draft('breakup.email.default')).toMatchInlineSnapshot(`
      "Subject: Closing the loop on roof repair
      ---
      Hi Dana,

      I haven't heard back, so I'll assume roof repair isn't a priority right now, and this will be my last note.

      If the timing changes, you can pick things up here whenever you like: https://brightline.example/r/dana

      All the best.

      Sam Rivera
      Brightline Roofing"
    `);
  });

  it('breakup.sms.default', () => {
    expect(draft('breakup.sms.default')).toMatchInlineSnapshot(
      `"Hi Dana, Sam Rivera here. Last text from me about roof repair. If timing changes, reconnect here: https://brightline.example/r/dana"`,
    );
  });

  it('final-check-in.email.default', () => {
    expect(draft('final-check-in.email.default')).toMatchInlineSnapshot(`
      "Subject: Still looking into roof repair?
      ---
      Hi Dana,

      Are you still interested in help with roof repair? No pressure either way. If the timing isn't right, that's completely fine, and a one-line reply lets me know.

      Sam Rivera
      Brightline Roofing"
    `);
  });

  it('final-check-in.sms.default', () => {
    expect(draft('final-check-in.sms.default')).toMatchInlineSnapshot(
      `"Hi Dana, still interested in help with roof repair? No pressure at all, a yes or no is all I need. - Sam Rivera"`,
    );
  });

  it('re-engage.email.default', () => {
    expect(draft('re-engage.email.default')).toMatchInlineSnapshot(`
      "Subject: About roof repair, a few months on
      ---
      Hi Dana,

      A while back you asked us about roof repair. A lot can change in a few months, so I wanted to see where things landed.

      Is it still something you could use a hand with?

      Sam Rivera
      Brightline Roofing"
    `);
  });

  it('re-engage.sms.default', () => {
    expect(draft('re-engage.sms.default')).toMatchInlineSnapshot(
      `"Hi Dana, Sam Rivera from Brightline Roofing. A few months ago you asked about roof repair. Still need a hand with it?"`,
    );
  });

  it('after-meeting.email.default', () => {
    expect(draft('after-meeting.email.default')).toMatchInlineSnapshot(`
      "Subject: Recap: roof repair and next steps
      ---
      Hi Dana,

      Thanks for your time today. Here's what I took away:

      - Where things stand: the leak is over the back storeroom
      - Next step: I send a written quote by Friday

      If I missed or misread anything, reply and I'll correct it.

      Sam Rivera
      Brightline Roofing"
    `);
  });

  it('linkedin-connect.linkedin.default', () => {
    expect(draft('linkedin-connect.linkedin.default')).toMatchInlineSnapshot(
      `"Hi Dana, thanks for your interest in roof repair at Brightline Roofing. I'd like to stay connected here too. - Sam Rivera"`,
    );
  });

  it('linkedin-engage.linkedin.default', () => {
    expect(draft('linkedin-engage.linkedin.default')).toMatchInlineSnapshot(`
      "Engage with Dana Whitfield on LinkedIn

      Find a recent post of theirs that genuinely interests you and leave a comment: a specific observation or a question of your own. Keep it about their post, not your product. No links, no pitch."
    `);
  });

  it('assign.task.default', () => {
    expect(draft('assign.task.default')).toMatchInlineSnapshot(`
      "New lead: Dana Whitfield, Owner at Harbor Bakery
      Topic: roof repair
      Source: our website
      Phone: +1 555 010 0199
      Email: dana@harborbakery.example

      Assign an owner within 2 minutes so the first touch goes out on time."
    `);
  });
});
