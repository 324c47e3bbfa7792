import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from '@/lib/stores/dashboard';

describe('dashboard routes in the URL hash', () => {
  it.each([
    ['', { tab: 'contacts' }],
    ['#/import', { tab: 'import' }],
    ['#settings', { tab: 'settings' }],
    ['#/contacts/42', { tab: 'contacts', contactId: 42 }],
    ['#/contacts/0', { tab: 'contacts' }],
    ['#/contacts/abc', { tab: 'contacts' }],
    ['#/contacts/1e3', { tab: 'contacts' }],
    ['#/settings/42', { tab: 'settings' }],
    ['#/nope', { tab: 'contacts' }],
    ['#/__proto__', { tab: 'contacts' }],
  ])('%s -> %o', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('writes back what it reads', () => {
    for (const r of [{ tab: 'metrics' as const }, { tab: 'contacts' as const, contactId: 7 }]) {
      expect(parseRoute(routeHash(r))).toEqual(r);
    }
    expect(routeHash({ tab: 'contacts', contactId: 7 })).toBe('#/contacts/7');
  });
});
