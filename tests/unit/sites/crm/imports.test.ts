import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../../../../lib/sites');
const SITES = ['hubspot', 'salesforce', 'pipedrive', 'linkedin'];

function files(dir: string): string[] {
  try {
    return readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
    });
  } catch {
    return [];
  }
}

const FILES = [...files(join(ROOT, 'dom')), ...SITES.flatMap((s) => files(join(ROOT, s)))];

describe('record-page adapters stay content-script sized and know one site', () => {
  it.each(FILES)('%s', (file) => {
    const src = readFileSync(file, 'utf8');
    const imports = [...src.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
    for (const spec of imports) {
      expect(spec).not.toMatch(/^(dexie|react|react-dom|date-fns|@date-fns|zustand|chart\.js|papaparse)/);
      // Problems are messages (key + params): the message maker, never the catalogue.
      if (spec === '@/lib/i18n/msg') continue;
      expect(spec.startsWith('.')).toBe(true);
      // A site folder may use the shared helpers and the types, never another site.
      expect(spec).toMatch(/^\.\/|^\.\.\/(dom|types)$/);
    }
    expect(src).not.toMatch(/Date\.now\(|new Date\(\)|performance\.now\(/);
  });

  it('the message maker they use imports nothing at run time', () => {
    const src = readFileSync(join(ROOT, '../i18n/msg.ts'), 'utf8');
    const runtime = [...src.matchAll(/^import\s+(?!type\b)[^;]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    expect(runtime).toEqual([]);
  });
});
