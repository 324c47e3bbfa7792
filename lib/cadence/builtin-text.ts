/**
 * The words the built-in playbooks and rules ship with (names, descriptions, step notes, rule
 * names), each with its catalogue key. They are stored and compared in English (snapshots keep
 * them, copies start from them); a surface shows the key's message in the rep's language, and any
 * other text (a name or note the rep typed) as it is. Pure: keys only, no catalogue.
 */
import type { MessageKey } from '@/lib/i18n/msg';

/** Built-in English text -> its message (the English message is this same text). */
export const BUILT_IN_TEXT: Readonly<Record<string, MessageKey>> = {
  'Resource email, a LinkedIn connection, a case study, one call, engagement on a post, a close.':
    'builtin_linkedin_desc',
  'Email and LinkedIn, 14 days': 'builtin_linkedin_name',
  'Text, call and email on day 0, then one channel at a time, ending with an insight email in week two.':
    'builtin_multichannel_desc',
  'Multichannel drip': 'builtin_multichannel_name',
  'Text first for speed, email for depth, two calls at different times, a polite close on day 14.':
    'builtin_seven_touch_desc',
  '7 touches in 14 days': 'builtin_seven_touch_name',
  'Call and email inside five minutes, a short burst in week one, a check-in at two weeks, a re-engage at 90 days.':
    'builtin_speed_to_lead_desc',
  'Speed to lead, 90 days': 'builtin_speed_to_lead_name',
  'Assign in minutes, confirm, call and text on day 0, then value, a question, a second contact, a meeting ask and a close.':
    'builtin_ten_touchpoints_desc',
  '10 touchpoints': 'builtin_ten_touchpoints_name',
  'A case study, a stat or one tip.': 'note_case_stat_tip',
  'Comment on something they posted.': 'note_comment_post',
  'Confirm receipt and say what happens next.': 'note_confirm_next',
  'Connect with a short note.': 'note_connect_note',
  'Offer an easy no.': 'note_easy_no',
  'The 5-minute rule.': 'note_five_minute_rule',
  'Helpful, not a pitch.': 'note_helpful',
  'An insight or the answer to a common objection.': 'note_insight_objection',
  'Instant acknowledgement.': 'note_instant_ack',
  'Try for a live connection.': 'note_live_connection',
  'Low pressure, brief.': 'note_low_pressure',
  'If the call was missed: context, a resource, the next step.': 'note_missed_call_email',
  'Try a new angle.': 'note_new_angle',
  'One clear action.': 'note_one_action',
  'One question only.': 'note_one_question',
  'Call at a different time of day than the first call.': 'note_other_time',
  'The promised case study.': 'note_promised_case',
  'Refer to the voicemail you just left.': 'note_refer_voicemail',
  'The call went unanswered: a short text to go with it.': 'note_call_unanswered',
  'Ask them to reply YES for a quick call.': 'note_reply_yes',
  'The resource, plus a P.S. teasing what comes next.': 'note_resource_ps',
  'Route the lead to its rep.': 'note_route_lead',
  'A second contact at the same company.': 'note_second_contact',
  'Thank them and ask one qualifying question.': 'note_thank_qualify',
  'Offer two concrete times.': 'note_two_times',
  'Value prop plus a soft booking link.': 'note_value_booking',
  'Have a voicemail under 30 s ready.': 'note_voicemail_ready',
  'Voicemail under 30 s.': 'note_voicemail_short',
  'Meeting booked: reminders the day before and an hour before, recap within 24 h':
    'rule_builtin_booked_reminders',
  'Missed appointment: re-book with a text, an email the same day, a call the next day':
    'rule_builtin_missed_rebook',
  'Call not answered: text within 10 minutes': 'rule_builtin_no_answer_text',
  'No reply after the last step: slower nurture path': 'rule_builtin_no_reply_renurture',
  'Reply asks for a call: propose a call due now': 'rule_builtin_reply_call_me',
  'Reply says not interested: propose finishing with no re-nurture': 'rule_builtin_reply_not_interested',
  'Reply asks to stop: propose an opt-out': 'rule_builtin_reply_opt_out',
  'Voicemail left: the next text refers to it': 'rule_builtin_voicemail_reference',
};
