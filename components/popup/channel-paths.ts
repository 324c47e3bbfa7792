import type { Channel } from '@/lib/cadence/types';

/** Each channel's line icon (ChannelIcon, and the popup's first paint). */
export const CHANNEL_PATHS: Record<Channel, string> = {
  email: 'M3 5h18v14H3z M3 6l9 7 9-7',
  sms: 'M4 4h16v12H8l-4 4z M8 9h8 M8 12h5',
  call: 'M5 3h4l2 5-3 2a11 11 0 0 0 6 6l2-3 5 2v4a2 2 0 0 1-2 2A17 17 0 0 1 3 5a2 2 0 0 1 2-2z',
  voicemail:
    'M6.5 15.5a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7z M17.5 15.5a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7z M6.5 15.5h11',
  linkedin: 'M4 4h16v16H4z M8 10v6 M8 7.5v.5 M12 16v-6 M12 12.5a2.5 2.5 0 0 1 5 0V16',
  task: 'M4 4h16v16H4z M8 12l3 3 5-6',
};
