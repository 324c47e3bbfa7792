/**
 * No component renders English outside the catalogue: JSX text, string literals shown in JSX, and
 * the attributes a rep reads or hears (title, aria-label, placeholder, alt, label). Non-words
 * ("·", "→", "…") pass by themselves; the few words that read the same in every language are
 * in ALLOWED (literals.ts).
 *
 * PENDING lists the dashboard files not converted yet, with how many literals each still has. It
 * only shrinks: a file that gains a literal fails, and a file that loses some fails until its
 * count here is lowered (or it is removed once clean), so the list can never hide new English.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { componentFiles, literalsIn } from './literals';

const PENDING: Record<string, number> = {};

const files = componentFiles('components', 'entrypoints').map((f) => path.relative('.', f));

describe('no literal English in components', () => {
  it('finds the components to check', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it.each(files.filter((f) => !(f in PENDING)))('%s renders only catalogue text', (file) => {
    expect(literalsIn(file).map((l) => `${l.line}: ${l.text}`)).toEqual([]);
  });

  it.each(Object.entries(PENDING))('%s (pending conversion) has exactly %i literals', (file, count) => {
    expect(literalsIn(file).length).toBe(count);
  });

  it('catches what it should, and lets non-words and t() through', () => {
    const src = `
      export function X({ ok }: { ok: boolean }) {
        return (
          <div title="Open it" aria-label={t('k')} data-testid="not-shown">
            Save changes
            {ok ? 'Turned on' : t('off')}
            <span>· → …</span>
            <span>{\`\${3} of 7\`}</span>
            <input placeholder="Type a name" className="tb-field" />
            <b>Touchbase</b>
          </div>
        );
      }`;
    expect(literalsIn('x.tsx', src).map((l) => l.text)).toEqual([
      'Open it',
      'Save changes',
      'Turned on',
      'of 7',
      'Type a name',
    ]);
  });

  it('catches a phrase passed to a rendering helper, not keys, classes or selectors', () => {
    const src = `
      export function X({ n }: { n: number }) {
        const field = (key: string, label: string) => <label>{label}<input data-testid={key} /></label>;
        document.querySelector('input, textarea, [contenteditable="true"]');
        console.warn('[touchbase] the page did not answer', n);
        return (
          <div className={cx('tb-row tb-muted', n && 'has-error')}>
            {field('base', 'Every lead starts at')}
            {field('high', \`High priority from \${n}\`)}
            {field('medium', t('scoring_field_medium'))}
            {field('x', 'Touchbase Gmail')}
            {downloadFile([text], 'touchbase-rows.csv', 'text/csv;charset=utf-8')}
            {pick('a', 'b', 'one')}
          </div>
        );
      }`;
    expect(literalsIn('x.tsx', src).map((l) => l.text)).toEqual([
      'Every lead starts at',
      'High priority from',
    ]);
  });
});
