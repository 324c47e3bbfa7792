/** Text cleanup for values read off host pages: one line, bounded, no invisible characters. */

/** Longest field value we keep; page text beyond this is not a name or a title. */
const MAX = 300;

/** Text collapsed to one trimmed line without zero-width or bidi-control characters, at most `max` long. */
export function clean(raw: string | null | undefined, max = MAX): string {
  if (!raw) return '';
  return raw
    .replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max)
    .trim();
}

/** Cleaned text content of an element, or '' for none. */
export function textOf(el: Element | null | undefined, max = MAX): string {
  return el ? clean(el.textContent, max) : '';
}

/** Cleaned attribute value, or ''. */
export function attrOf(el: Element | null | undefined, name: string, max = MAX): string {
  return el ? clean(el.getAttribute(name), max) : '';
}

/** Text of the element's own text nodes and children except those matching `skip`. */
export function textWithout(el: Element, skip: string, max = MAX): string {
  let out = '';
  const walk = (node: Node): void => {
    for (let c = node.firstChild; c && out.length < max * 4; c = c.nextSibling) {
      if (c.nodeType === 3) out += (c as Text).data;
      else if (c.nodeType === 1) {
        let skipIt = false;
        try {
          skipIt = (c as Element).matches(skip);
        } catch {
          // bad selector: keep the text
        }
        if (!skipIt) walk(c);
        else out += ' ';
      }
    }
  };
  walk(el);
  return clean(out, max);
}

/**
 * Rendered text of an element whose content may live in open shadow roots (native shadow DOM):
 * a shadow host's text is its shadow tree's, with each slot replaced by what is assigned to it
 * (or its fallback content); plain elements give their children's text.
 */
export function deepTextOf(el: Element | null | undefined, max = MAX): string {
  if (!el) return '';
  let out = '';
  const walk = (node: Node): void => {
    if (out.length > max * 4) return;
    if (node.nodeType === 3) {
      out += (node as Text).data;
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 11) return;
    const e = node as Element;
    if (node.nodeType === 1 && e.tagName === 'SLOT') {
      let assigned: Node[] = [];
      try {
        assigned = (e as HTMLSlotElement).assignedNodes();
      } catch {
        // engine without slot assignment: fall back to the slot's own content
      }
      if (assigned.length) {
        for (const n of assigned) walk(n);
        return;
      }
    }
    const sr = node.nodeType === 1 ? e.shadowRoot : null;
    for (let c = (sr ?? node).firstChild; c; c = c.nextSibling) walk(c);
  };
  walk(el);
  return clean(out, max);
}
