import { describe, expect, it } from 'vitest';
import { luminance, parseRgb, themeFromColors } from '@/lib/sidebar/theme';

describe('theme detection', () => {
  it('parses computed colours', () => {
    expect(parseRgb('rgb(31, 31, 31)')).toEqual({ r: 31, g: 31, b: 31, a: 1 });
    expect(parseRgb('rgba(0, 0, 0, 0)')).toEqual({ r: 0, g: 0, b: 0, a: 0 });
    expect(parseRgb('rgb(10 20 30 / 50%)')).toEqual({ r: 10, g: 20, b: 30, a: 0.5 });
    expect(parseRgb('transparent')).toBeNull();
    expect(luminance({ r: 255, g: 255, b: 255 })).toBeCloseTo(1);
  });
  it('takes the nearest opaque background', () => {
    expect(themeFromColors(['rgba(0, 0, 0, 0)', 'rgb(32, 33, 36)', 'rgb(255, 255, 255)'])).toBe('dark');
    expect(themeFromColors(['rgb(246, 248, 252)'])).toBe('light');
  });
  it('falls back to the text colour, then light', () => {
    expect(themeFromColors(['rgba(0, 0, 0, 0)'], 'rgb(227, 227, 227)')).toBe('dark');
    expect(themeFromColors(['rgba(0, 0, 0, 0)'], 'rgb(32, 33, 36)')).toBe('light');
    expect(themeFromColors([])).toBe('light');
  });
});
