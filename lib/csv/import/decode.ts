/** Bytes of an uploaded file to text, whatever encoding the exporting tool chose. */
import { CSV_BOM } from '../export';

/**
 * Bytes of an uploaded file to text. `File.text()` always assumes UTF-8, but Excel's
 * "CSV (Windows)" and older CRM exports are Windows-1252, and "Unicode text" is UTF-16; decoding
 * those as UTF-8 turns every accented name into `\uFFFD`. Order: a byte-order mark decides;
 * otherwise strict UTF-8; otherwise Windows-1252 (which accepts any byte). A UTF-8 BOM is kept in
 * the text so `hadBom` still reports it.
 */
export function decodeCsvBytes(bytes: ArrayBuffer | Uint8Array): { text: string; encoding: string } {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const [b0, b1, b2] = [view[0], view[1], view[2]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    return { text: CSV_BOM + new TextDecoder('utf-8').decode(view.subarray(3)), encoding: 'utf-8' };
  }
  if (b0 === 0xff && b1 === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(view.subarray(2)), encoding: 'utf-16le' };
  if (b0 === 0xfe && b1 === 0xff)
    return { text: new TextDecoder('utf-16be').decode(view.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(view), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(view), encoding: 'windows-1252' };
  }
}

/** Windows-1252 characters for bytes 0x80-0x9F (the rest equal their Latin-1 code point). */
const CP1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/** By hand, because some runtimes' TextDecoder('windows-1252') is really Latin-1 (Node is one). */
export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += 8192) {
    const codes = Array.from(bytes.subarray(start, start + 8192), (b) =>
      b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b,
    );
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}
