import type { Channel } from '@/lib/cadence/types';
import { CHANNEL_LABELS } from '@/lib/touches/labels';
import { CHANNEL_PATHS } from './channel-paths';

/** A small line icon for a channel, with its name for screen readers. */
export function ChannelIcon({ channel }: { channel: Channel }) {
  return (
    <svg
      className={`tb-channel-icon ch-${channel}`}
      viewBox="0 0 24 24"
      width="16"
      height="16"
      role="img"
      aria-label={CHANNEL_LABELS[channel]}
    >
      <path
        d={CHANNEL_PATHS[channel]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
