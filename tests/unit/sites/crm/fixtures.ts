/**
 * Loads the CRM and LinkedIn fixture pages for unit tests, and replays in happy-dom what their
 * inline scripts do in a browser (tests do not run page scripts): the lazy card fill and the SPA
 * move. The fixture scripts and these helpers share one contract, described in
 * tests/fixtures/crm/README.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { shadowRoots } from '@/lib/sites/dom';
import type { PageView } from '@/lib/sites/types';

const ROOT = join(__dirname, '../../../fixtures');

/** Raw HTML of `tests/fixtures/<site>/<name>`. */
export function fixtureHtml(site: string, name: string): string {
  return readFileSync(join(ROOT, site, name), 'utf8');
}

/** A fresh document parsed from a fixture (scripts are inert in parsed documents). */
export function parseFixture(site: string, name: string): Document {
  return new DOMParser().parseFromString(fixtureHtml(site, name), 'text/html');
}

/** Does what the fixture's lazy-load script does after its delay. */
export function applyLazy(doc: Document): void {
  for (const t of Array.from(doc.querySelectorAll<HTMLTemplateElement>('template[data-fixture-lazy]'))) {
    const target = doc.querySelector(t.dataset.fixtureLazy ?? '');
    target?.replaceChildren(t.content.cloneNode(true));
  }
}

/** Does what the fixture's SPA script does on a click: re-renders the record; returns the new path. */
export function applySpa(doc: Document): string {
  const t = doc.querySelector<HTMLTemplateElement>('template[data-fixture-next]')!;
  doc.querySelector('[data-fixture-root]')!.replaceChildren(t.content.cloneNode(true));
  return t.dataset.fixtureNext!;
}

const UNHIDING = new Set(['aria-hidden', 'hidden', 'style']);

/** What the record's own person may be shown with; anything else on a view is a leak. */
export interface Expected {
  name: string;
  emails: string[];
  phones: string[];
  /** Strings that must never appear anywhere in a view (signed-in user, colleagues, other records). */
  traps: string[];
}

/**
 * Random removal of elements or attributes never throws and only ever yields the record's person
 * (or nothing): the name is the person's or empty, every email and phone is one of theirs, and no
 * trap string appears anywhere in the view.
 */
export function assertRemovalSafe(
  html: string,
  url: string,
  extract: (doc: Document, url: string) => PageView,
  expected: Expected,
  prepare: (doc: Document) => void = () => {},
): void {
  const digits = expected.phones.map((p) => p.replace(/\D/g, ''));
  fc.assert(
    fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), fc.boolean(), (picks, stripAttrs) => {
      const doc = new DOMParser().parseFromString(html, 'text/html');
      prepare(doc);
      for (const pick of picks) {
        // Shadow trees too: native-shadow pages keep most of the record there.
        const els = [doc.body, ...shadowRoots(doc)].flatMap((r) => Array.from(r.querySelectorAll('*')));
        if (!els.length) break;
        const el = els[pick % els.length]!;
        if (stripAttrs) {
          const attr = el.attributes[pick % Math.max(1, el.attributes.length)];
          // Dropping aria-hidden / hidden does not take a piece away, it shows a background record:
          // a different page, on which reading that record would be right.
          if (attr && !UNHIDING.has(attr.name)) el.removeAttribute(attr.name);
        } else el.remove();
      }
      let view: PageView | undefined;
      expect(() => {
        view = extract(doc, url);
      }).not.toThrow();
      const v = view!;
      expect(['record', 'unknown']).toContain(v.kind);
      expect(JSON.parse(JSON.stringify(v))).toEqual(v);
      const r = v.record;
      if (r) {
        // Part of the name is fine (only the first-name property left); another name is not.
        for (const w of r.name.split(' ').filter(Boolean)) expect(expected.name.split(' ')).toContain(w);
        for (const e of r.emails) expect(expected.emails).toContain(e);
        for (const p of r.phones) expect(digits).toContain(p.replace(/\D/g, ''));
      }
      const json = JSON.stringify(v).toLowerCase();
      for (const t of expected.traps) expect(json).not.toContain(t.toLowerCase());
    }),
    { numRuns: 40, seed: 20261201 },
  );
}

/**
 * Attaches the open shadow roots that declarative shadow DOM (`<template shadowrootmode="open">`)
 * describes, as Chromium's parser does and happy-dom's does not. Nested roots included.
 */
export function attachDeclarativeShadows(root: ParentNode): void {
  for (const t of Array.from(root.querySelectorAll<HTMLTemplateElement>('template[shadowrootmode]'))) {
    const host = t.parentElement;
    if (!host || host.shadowRoot) continue;
    const sr = host.attachShadow({ mode: 'open' });
    sr.appendChild(t.content);
    t.remove();
    attachDeclarativeShadows(sr);
  }
}
