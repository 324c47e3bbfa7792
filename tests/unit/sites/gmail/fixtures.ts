/** Loads Gmail fixture pages into the test window's live document (so focus and selection work). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(__dirname, '../../../fixtures/gmail');

/** Raw HTML of a fixture file. */
export function fixtureHtml(name: string): string {
  return readFileSync(join(DIR, name), 'utf8');
}

/** Replaces the live document's head, body and title with the fixture's. */
export function loadFixture(name: string): Document {
  const parsed = new DOMParser().parseFromString(fixtureHtml(name), 'text/html');
  // happy-dom would try to fetch the 2014 capture's dead script URL; scripts are not under test.
  for (const s of Array.from(parsed.querySelectorAll('script'))) s.remove();
  document.head.innerHTML = parsed.head.innerHTML;
  document.body.innerHTML = parsed.body.innerHTML;
  document.body.className = parsed.body.className;
  document.title = parsed.title;
  return document;
}

/** All fixture file names. */
export const FIXTURES = [
  'gmail-compose-dialog-2020-10.html',
  'gmail-compose-send.SYNTHETIC.html',
  'gmail-empty.html',
  'gmail-inbox-list-2014-12-18.html',
  'gmail-inbox-replies.SYNTHETIC.html',
  'gmail-inbox-rows.SYNTHETIC.html',
  'gmail-multi-compose.SYNTHETIC.html',
  'gmail-thread-de.SYNTHETIC.html',
  'gmail-thread-es.SYNTHETIC.html',
  'gmail-thread-reply.SYNTHETIC.html',
  'gmail-thread-with-compose.SYNTHETIC.html',
] as const;
