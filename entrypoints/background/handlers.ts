import type { RuntimeMessage } from '@/lib/messaging/protocol';
import { refreshBadge } from './badge';

/** Routes each runtime message to the repository that does the work. */
export async function handleMessage(msg: RuntimeMessage): Promise<unknown> {
  switch (msg.type) {
    case 'badge.refresh':
      return refreshBadge();
    default:
      throw new Error(`Not supported yet: ${msg.type}`);
  }
}
