import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** Finds a Chromium: CHROMIUM_BIN, Debian's, chromium-browser on PATH, or Playwright's own. */
export function findChromium(): string {
  const candidates: (string | undefined)[] = [process.env.CHROMIUM_BIN, '/usr/bin/chromium'];
  for (const name of ['chromium-browser', 'chromium']) {
    try {
      candidates.push(execFileSync('which', [name], { encoding: 'utf8' }).trim() || undefined);
    } catch {
      // not on PATH
    }
  }
  try {
    candidates.push(chromium.executablePath());
  } catch {
    // Playwright has no browser of its own here
  }
  const found = candidates.find((c) => c && existsSync(c));
  if (!found) {
    throw new Error(
      'No Chromium found. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`), ' +
        'or point CHROMIUM_BIN at a Chromium/Chrome binary, or run `npx playwright install chromium`.',
    );
  }
  return found;
}
