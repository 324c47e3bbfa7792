import { expect, it } from 'vitest';
import { type ActivityExportRow, exportActivitiesCsv } from '@/lib/csv/export';
import { detectFormat, mapRows, parseCsvText, planDedupe } from '@/lib/csv/import';
import { median, record } from './record';

const DAY = 86_400_000;
const START = Date.parse('2026-01-01T00:00:00Z');

/** Small deterministic PRNG so every run measures the same data. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function activities(n: number): ActivityExportRow[] {
  const rand = rng(11);
  const zones = ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe'];
  const channels = ['email', 'sms', 'call', 'voicemail', 'linkedin'];
  const texts = [
    'Quick question about your Q3 rollout',
    'Left a voicemail, said I would text',
    'Replied: "sounds good, call me Tuesday"',
    '=HYPERLINK("http://example.com")',
    'Line one\nline two, with a comma',
    '',
  ];
  return Array.from({ length: n }, (_, i) => ({
    at: START + Math.floor(rand() * 365 * DAY),
    timeZone: zones[i % zones.length]!,
    contactName: `Contact ${i}`,
    email: `contact${i}@example.com`,
    company: `Company ${i % 700}, Inc`,
    enrolmentId: `enr_${(i * 2654435761) >>> 0}`,
    playbook: 'Speed to lead (7 touches)',
    step: (i % 9) + 1,
    channel: channels[i % channels.length]!,
    purpose: 'follow-up',
    kind: 'touch-done',
    outcome: i % 3 === 0 ? 'no-answer' : '',
    text: texts[i % texts.length]!,
  }));
}

async function exportAll(rows: ActivityExportRow[]): Promise<number> {
  let length = 0;
  // Like the page: keep each chunk (a Blob part) and move on.
  for await (const chunk of exportActivitiesCsv(rows)) length += chunk.length;
  return length;
}

it('csv.export.100k', async () => {
  const rows = activities(100_000);
  await exportAll(rows); // warm-up: JIT and the time-zone offset memo
  const samples: number[] = [];
  for (let round = 0; round < 5; round++) {
    const t0 = performance.now();
    const length = await exportAll(rows);
    samples.push(performance.now() - t0);
    expect(length).toBeGreaterThan(100_000 * 100);
  }
  const value = median(samples);
  record({ name: 'csv.export.100k', value, unit: 'ms', budget: 1500 });
  expect(value).toBeGreaterThan(0);
});

function contactsCsv(n: number): string {
  const lines = [
    '"Record ID","First Name","Last Name","Email","Phone Number","Contact owner","Lead Status","Associated Company"',
  ];
  for (let i = 0; i < n; i++) {
    const email = i % 97 === 0 ? '' : `Person.${i}@Example.com`;
    lines.push(
      `"${1000 + i}","First${i}","Last, ${i}","${email}","+1 202 555 ${String(i % 10_000).padStart(4, '0')}","Jane Seller","Open","Company ${i % 300}"`,
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

it('csv.import.10k', () => {
  const text = contactsCsv(10_000);
  const existing = new Set(Array.from({ length: 5_000 }, (_, i) => `person.${i * 2}@example.com`));
  const run = () => {
    const parsed = parseCsvText(text);
    const { mapping } = detectFormat(parsed.headers);
    const { drafts, rejected } = mapRows(parsed, mapping);
    return { plan: planDedupe(drafts, existing, 'skip'), rejected };
  };
  run(); // warm-up
  const samples: number[] = [];
  let last = run();
  for (let round = 0; round < 5; round++) {
    const t0 = performance.now();
    last = run();
    samples.push(performance.now() - t0);
  }
  expect(last.rejected.length).toBe(Math.ceil(10_000 / 97));
  expect(last.plan.toCreate.length + last.plan.skipped.length).toBe(10_000 - last.rejected.length);
  const value = median(samples);
  record({ name: 'csv.import.10k', value, unit: 'ms', budget: 3000 });
  expect(value).toBeGreaterThan(0);
});
