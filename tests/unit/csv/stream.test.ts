import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, parseCsvBlob, parseCsvText } from '@/lib/csv/import';
import { LineBreakNormaliser } from '@/lib/csv/import/parse';

const FIXTURES = join(__dirname, '../../fixtures/csv');
const SPECTRUM = join(__dirname, '../../../node_modules/csv-spectrum/csvs');
const noYield = () => Promise.resolve();

/** The whole-text reading a slice-by-slice one must match. */
function whole(bytes: Uint8Array) {
  return parseCsvText(decodeCsvBytes(bytes).text);
}

function blobOf(bytes: Uint8Array): Blob {
  return new Blob([bytes as BlobPart]);
}

/** The line-break rewrite as it was before it streamed (one pass over the whole text). */
function oracle(text: string, delimiter: string): string {
  if (text.indexOf('\r') === -1) return text;
  const d = delimiter.charCodeAt(0);
  let out = '';
  let from = 0;
  let inQuotes = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) i++;
        else inQuotes = false;
      }
      continue;
    }
    if (c === 34 && fieldStart) {
      inQuotes = true;
      fieldStart = false;
    } else if (c === 13) {
      out += `${text.slice(from, i)}\n`;
      if (text.charCodeAt(i + 1) === 10) i++;
      from = i + 1;
      fieldStart = true;
    } else {
      fieldStart = c === 10 || c === d;
    }
  }
  return from === 0 ? out + text : out + text.slice(from);
}

const csvish = fc.stringMatching(/^[a,;"\r\n é]{0,60}$/);

describe('LineBreakNormaliser', () => {
  it('gives the same text whatever the pieces are cut at (CRLF and doubled quotes across cuts)', () => {
    fc.assert(
      fc.property(csvish, fc.array(fc.nat(60)), fc.constantFrom(',', ';'), (text, cuts, d) => {
        const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const n = new LineBreakNormaliser(d);
        let out = '';
        let prev = 0;
        for (const c of [...at, text.length]) {
          out += n.push(text.slice(prev, c));
          prev = c;
        }
        out += n.end();
        expect(out).toBe(oracle(text, d));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('parseCsvBlob', () => {
  const files = [
    ...readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.csv'))
      .map((f) => join(FIXTURES, f)),
    ...readdirSync(SPECTRUM).map((f) => join(SPECTRUM, f)),
  ];

  it.each(files)('reads %s in 17-byte slices exactly as the whole text', async (file) => {
    const bytes = new Uint8Array(readFileSync(file));
    const got = await parseCsvBlob(blobOf(bytes), { sliceBytes: 17, yieldToEventLoop: noYield });
    expect(got).toEqual(whole(bytes));
  });

  it('matches the whole-text parse on generated files cut at any slice size', async () => {
    const cell = fc.oneof(fc.stringMatching(/^[a-zé ,;"\r\n]{0,12}$/), fc.constantFrom('a@example.com', ''));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.integer({ min: 16, max: 40 }),
        async (rows, eol, slice) => {
          const quote = (c: string) => (/[,;"\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
          const text = [['Email', 'First Name', 'Notes'], ...rows]
            .map((r) => r.map(quote).join(','))
            .join(eol);
          const bytes = new TextEncoder().encode(text);
          const got = await parseCsvBlob(blobOf(bytes), { sliceBytes: slice, yieldToEventLoop: noYield });
          expect(got).toEqual(whole(bytes));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('falls back to Windows-1252 when a byte that is not UTF-8 turns up late in the file', async () => {
    const head = 'Email,First Name\r\n';
    const filler = Array.from({ length: 400 }, (_, i) => `p${i}@example.com,Ann\r\n`).join('');
    const bytes = new Uint8Array([
      ...new TextEncoder().encode(head + filler),
      ...[0x6a, 0x40, 0x78, 0x2e, 0x63, 0x6f, 0x2c, 0x4a, 0xfc, 0x72, 0x67, 0x65, 0x6e, 0x80], // j@x.co,Jürgen€
    ]);
    const got = await parseCsvBlob(blobOf(bytes), { sliceBytes: 1024, yieldToEventLoop: noYield });
    expect(got.rows.at(-1)).toEqual(['j@x.co', 'Jürgen€']);
    expect(got).toEqual(whole(bytes));
  });

  it('reads UTF-16 and UTF-8 byte-order marks like the whole-file decoder', async () => {
    const text = 'Email;Name\r\nann@example.com;Zoë\r\n';
    const le = new Uint8Array([
      0xff,
      0xfe,
      ...new Uint8Array(new Uint16Array([...text].map((c) => c.charCodeAt(0))).buffer),
    ]);
    const bom8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    for (const bytes of [le, bom8]) {
      const got = await parseCsvBlob(blobOf(bytes), { yieldToEventLoop: noYield });
      expect(got).toEqual(whole(bytes));
      expect(got.rows).toEqual([['ann@example.com', 'Zoë']]);
    }
    expect((await parseCsvBlob(blobOf(bom8))).hadBom).toBe(true);
  });

  it('says so for an empty or binary file, and stops when cancelled', async () => {
    expect((await parseCsvBlob(blobOf(new Uint8Array(0)))).errors[0]?.code).toBe('empty-file');
    expect((await parseCsvBlob(blobOf(new Uint8Array([0, 1, 2, 0, 0, 5])))).errors[0]?.code).toBe('not-text');
    const text = `Email,Name\n${Array.from({ length: 3000 }, (_, i) => `p${i}@example.com,P${i}`).join('\n')}`;
    const signal = { aborted: false };
    const seen: number[] = [];
    const got = await parseCsvBlob(blobOf(new TextEncoder().encode(text)), {
      sliceBytes: 4096,
      signal,
      yieldToEventLoop: noYield,
      onProgress: (f) => {
        seen.push(f);
        if (seen.length === 3) signal.aborted = true;
      },
    });
    expect(got.aborted).toBe(true);
    expect(got.rows.length).toBeGreaterThan(0);
    expect(got.rows.length).toBeLessThan(3000);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1]!)).toBe(true);
  });
});
