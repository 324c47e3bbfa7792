import { describe, expect, it } from 'vitest';
import { CHANNELS } from '@/lib/cadence';

describe('harness', () => {
  it('resolves the @ alias and fake browser', () => {
    expect(CHANNELS).toContain('sms');
    expect(typeof browser.storage.local.get).toBe('function');
  });
});
