// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { closestDeep, DeepQuery, first, isHidden, shadowRoots } from '@/lib/sites/dom';

function page(html: string): Document {
  return new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
}

describe('selector lists', () => {
  it('takes the earliest selector that matches and survives a bad one', () => {
    const doc = page('<p class="b">b</p><p data-x="a">a</p>');
    expect(first(doc, ['::bogus(', '[data-x]', '.b'])?.textContent).toBe('a');
    expect(first(doc, ['.none'])).toBeNull();
  });
});

describe('open shadow roots', () => {
  it('finds elements in nested shadow roots only when the light DOM has none', () => {
    const doc = page('<div id="host"></div><span class="x">light</span>');
    const outer = doc.getElementById('host')!.attachShadow({ mode: 'open' });
    outer.innerHTML = '<div id="inner"></div><b class="deep">one</b>';
    const inner = (outer.getElementById('inner') as Element).attachShadow({ mode: 'open' });
    inner.innerHTML = '<b class="deep">two</b>';
    expect(shadowRoots(doc)).toHaveLength(2);
    const q = new DeepQuery(doc);
    expect(q.all(['.x']).map((e) => e.textContent)).toEqual(['light']);
    expect(q.all(['.nope', '.deep']).map((e) => e.textContent)).toEqual(['one', 'two']);
    const two = q.all(['.deep'])[1]!;
    expect(closestDeep(two, '#host')).toBe(doc.getElementById('host'));
  });

  it('sees hidden and aria-hidden ancestors across shadow boundaries', () => {
    const doc = page(
      '<section aria-hidden="true"><div id="h"></div></section><div hidden><i id="g"></i></div>',
    );
    const sr = doc.getElementById('h')!.attachShadow({ mode: 'open' });
    sr.innerHTML = '<em>x</em>';
    const em = sr.querySelector('em')!;
    expect(isHidden(em, true)).toBe(true);
    expect(isHidden(em, false)).toBe(false);
    expect(isHidden(doc.getElementById('g')!, false)).toBe(true);
  });
});
