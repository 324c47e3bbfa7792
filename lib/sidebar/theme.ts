/**
 * Light or dark, read from the colours the host page computes. Pure and tiny: the Gmail content
 * script imports it.
 */

/** The sidebar's two looks. */
export type Theme = 'light' | 'dark';

/** Parses `rgb()` / `rgba()` as `getComputedStyle` reports it; null for anything else. */
export function parseRgb(
  css: string | null | undefined,
): { r: number; g: number; b: number; a: number } | null {
  const m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/i.exec(
    (css ?? '').trim(),
  );
  if (!m) return null;
  const alphaRaw = m[4];
  let a = 1;
  if (alphaRaw !== undefined)
    a = alphaRaw.endsWith('%') ? Number.parseFloat(alphaRaw) / 100 : Number(alphaRaw);
  return { r: Number(m[1]), g: Number(m[2]), b: Number(m[3]), a };
}

/** Relative luminance (WCAG), 0 = black, 1 = white. */
export function luminance(c: { r: number; g: number; b: number }): number {
  const ch = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b);
}

/**
 * The theme of a page from the background colours of an element and its ancestors (nearest
 * first) and, when every background is transparent, from its text colour.
 */
export function themeFromColors(backgrounds: readonly string[], textColor?: string): Theme {
  for (const bg of backgrounds) {
    const c = parseRgb(bg);
    if (c && c.a > 0.5) return luminance(c) < 0.2 ? 'dark' : 'light';
  }
  const text = parseRgb(textColor);
  // Light text on a background we cannot see (an image wallpaper) means a dark page.
  return text && luminance(text) > 0.6 ? 'dark' : 'light';
}
