import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../../../../lib/sites');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

// The adapter's own files (lib/sites also holds the sidebar frame, which is owned elsewhere).
const ADAPTER_FILES = [...files(join(ROOT, 'gmail')), join(ROOT, 'types.ts'), join(ROOT, 'index.ts')];

describe('the site adapter stays content-script sized', () => {
  it.each(ADAPTER_FILES)('%s imports nothing heavy and reads no clock', (file) => {
    const src = readFileSync(file, 'utf8');
    const imports = [...src.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
    for (const spec of imports) {
      expect(spec).not.toMatch(/^(dexie|react|react-dom|date-fns|@date-fns|zustand|chart\.js|papaparse)/);
      expect(spec).not.toMatch(/lib\/db|\.\.\/db/);
      // Only relative imports inside lib/sites, and the message maker (no runtime imports).
      if (spec === '@/lib/i18n/msg') continue;
      expect(spec!.startsWith('.')).toBe(true);
    }
    expect(src).not.toMatch(/Date\.now\(|new Date\(\)|performance\.now\(/);
  });
});
