/**
 * The weekly review's figures as the rep's locale writes them (lib/format/figures), and the
 * week-on-week change as a sentence. The review itself (lib/metrics/review) stays numbers.
 */
import { formatElapsed, formatRate, formatSigned, formatSignedMinutes } from '@/lib/format/figures';
import { formatCount, t, uiLocale } from '@/lib/i18n';
import type { Delta, DeltaKind } from '@/lib/metrics/review';

export { formatCount };

/** "42%" ("42 %"), or "–" when nothing was measured. */
export function pct(rate: number, measured = true): string {
  return measured && Number.isFinite(rate) ? formatRate(rate, uiLocale()) : '–';
}

/** "2 hr 5 min" ("2 Std. 5 Min."), or "–" for no figure. */
export function elapsed(ms: number | null): string {
  return ms === null || !Number.isFinite(ms) ? '–' : formatElapsed(ms, uiLocale());
}

/** "+12 pts vs last week", "no change vs last week", or '' when there is nothing to compare. */
export function deltaText(d: Delta, kind: DeltaKind): string {
  if (d.value === null || d.tone === 'none') return '';
  if (d.value === 0) return t('metrics_no_change');
  return t('metrics_vs_last_week', { delta: signedChange(d.value, kind) });
}

/** "+12 pts", "−3", "+2 min", "0" alone (the Team view's cells), or '' with nothing to compare. */
export function deltaShort(d: Delta, kind: DeltaKind): string {
  return d.value === null || d.tone === 'none' ? '' : signedChange(d.value, kind);
}

function signedChange(value: number, kind: DeltaKind): string {
  const locale = uiLocale();
  return kind === 'rate'
    ? t('metrics_points', { delta: formatSigned(value, locale) })
    : kind === 'minutes'
      ? formatSignedMinutes(value, locale)
      : formatSigned(value, locale);
}
