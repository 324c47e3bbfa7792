/**
 * Selector-list queries shared by the record-page adapters. A selector list is tried in order and
 * the first selector that matches anything wins. Every query swallows selector errors: an engine
 * that rejects one syntax must not break the rest.
 */

/** An ordered list of CSS selectors, best hook first. */
export type SelectorList = readonly string[];

/** Bounds the shadow walk so a pathological page costs a few ms at most. */
const MAX_SHADOW_ROOTS = 2000;

/** First element matching the earliest selector in the list that matches anything. */
export function first(root: ParentNode, list: SelectorList): Element | null {
  for (const sel of list) {
    try {
      const el = root.querySelector(sel);
      if (el) return el;
    } catch {
      // unsupported selector in this engine: try the next one
    }
  }
  return null;
}

/** All elements matching the earliest selector in the list that matches anything. */
export function all(root: ParentNode, list: SelectorList): Element[] {
  for (const sel of list) {
    try {
      const els = root.querySelectorAll(sel);
      if (els.length) return Array.from(els);
    } catch {
      // try the next one
    }
  }
  return [];
}

/** `el.matches` that never throws. */
export function matches(el: Element, sel: string): boolean {
  try {
    return el.matches(sel);
  } catch {
    return false;
  }
}

/** Every open shadow root under `root`, nested ones included, in document order. */
export function shadowRoots(root: ParentNode): ShadowRoot[] {
  const out: ShadowRoot[] = [];
  const visit = (node: ParentNode): void => {
    let els: NodeListOf<Element>;
    try {
      els = node.querySelectorAll('*');
    } catch {
      return;
    }
    for (const el of Array.from(els)) {
      if (out.length >= MAX_SHADOW_ROOTS) return;
      const sr = el.shadowRoot;
      if (sr) {
        out.push(sr);
        visit(sr);
      }
    }
  };
  visit(root);
  return out;
}

/**
 * Queries that see through open shadow roots, for pages rendered with native shadow DOM
 * (Salesforce LWC). The light DOM is asked first; the shadow walk happens only when it comes back
 * empty, and the roots are collected once per instance (one instance per extraction).
 */
export class DeepQuery {
  private roots: ShadowRoot[] | undefined;
  constructor(private readonly root: ParentNode) {}

  private shadows(): ShadowRoot[] {
    this.roots ??= shadowRoots(this.root);
    return this.roots;
  }

  /** All matches of one selector, light DOM then shadow roots, without duplicates. */
  allOf(sel: string): Element[] {
    const out: Element[] = [];
    const add = (r: ParentNode): void => {
      try {
        for (const el of Array.from(r.querySelectorAll(sel))) if (!out.includes(el)) out.push(el);
      } catch {
        // unsupported selector
      }
    };
    add(this.root);
    for (const sr of this.shadows()) add(sr);
    return out;
  }

  /**
   * The first shown element of the earliest selector that has one: a selector whose every match
   * sits in a hidden part of the page (a background tab) gives way to the next.
   */
  firstShown(list: SelectorList, ariaHidden: boolean): Element | null {
    for (const sel of list) {
      let hits: Element[];
      try {
        hits = Array.from(this.root.querySelectorAll(sel));
      } catch {
        continue;
      }
      const light = hits.find((e) => !isHidden(e, ariaHidden));
      if (light) return light;
      const deep = this.allOf(sel).find((e) => !hits.includes(e) && !isHidden(e, ariaHidden));
      if (deep) return deep;
    }
    return null;
  }

  /** All matches of the earliest selector in the list that matches anything, anywhere. */
  all(list: SelectorList): Element[] {
    const light = all(this.root, list);
    if (light.length) return light;
    for (const sel of list) {
      const hits = this.allOf(sel);
      if (hits.length) return hits;
    }
    return [];
  }
}

/** Parent element, stepping out of a shadow root to its host. */
export function parentDeep(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.parentNode;
  return root && 'host' in root ? ((root as ShadowRoot).host ?? null) : null;
}

/** Nearest ancestor-or-self matching `sel`, crossing shadow boundaries. */
export function closestDeep(el: Element, sel: string): Element | null {
  for (let e: Element | null = el; e; e = parentDeep(e)) if (matches(e, sel)) return e;
  return null;
}

/**
 * Whether the element sits in a part of the page the user cannot see: `hidden`, `display:none`,
 * or (when `ariaHidden`) an `aria-hidden="true"` ancestor such as a background console tab.
 * Crosses shadow boundaries. LinkedIn marks visible text `aria-hidden`, so callers choose.
 */
export function isHidden(el: Element, ariaHidden: boolean): boolean {
  for (let e: Element | null = el; e; e = parentDeep(e)) {
    if (e.hasAttribute('hidden')) return true;
    if (ariaHidden && e.getAttribute('aria-hidden') === 'true') return true;
    const style = e.getAttribute('style');
    if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  }
  return false;
}
