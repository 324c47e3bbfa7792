import { describe, expect, it } from 'vitest';
import { defaultSettings } from '@/lib/db/settings';
import { missingProfileFields, needsSetup, suggestedSignature } from '@/lib/settings/setup';

describe('first-run setup', () => {
  it('greets a fresh install, and never again once done, skipped or named', () => {
    const fresh = defaultSettings('UTC');
    expect(needsSetup(fresh)).toBe(true);
    expect(needsSetup({ ...fresh, setupDone: true })).toBe(false);
    // A rep who filled in the settings before the setup existed is not asked again.
    expect(needsSetup({ ...fresh, name: 'Jane' })).toBe(false);
    expect(needsSetup({ ...fresh, name: '   ' })).toBe(true);
  });

  it('names the placeholders a draft would still carry', () => {
    expect(missingProfileFields(defaultSettings('UTC'))).toEqual([
      'rep.name',
      'rep.company',
      'rep.signature',
    ]);
    expect(missingProfileFields({ name: 'Jane', company: 'Northwind', signature: '' })).toEqual([
      'rep.signature',
    ]);
  });

  it('proposes a plain signature', () => {
    expect(suggestedSignature(' Jane Seller ', 'Northwind')).toBe('Jane Seller\nNorthwind');
    expect(suggestedSignature('Jane', '')).toBe('Jane');
  });
});
