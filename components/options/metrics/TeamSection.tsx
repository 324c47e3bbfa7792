import { useMemo } from 'react';
import type { MetricsData } from '@/lib/db/metrics-data';
import { formatNumber } from '@/lib/format/datetime';
import { formatElapsed, formatRate } from '@/lib/format/figures';
import { t, uiLocale } from '@/lib/i18n';
import { computeTeamMetrics, type TeamRow } from '@/lib/metrics/team';
import type { Week } from '@/lib/metrics/week';
import type { TeamMe } from '@/lib/db';

/**
 * "12" or "3 · 25%": a count with its rate, the rate only when there is something to divide.
 * Rates and times read as the weekly review writes them (lib/format/figures).
 */
function withRate(n: number, of: number, rate: number): string {
  const locale = uiLocale();
  return of > 0 ? `${formatNumber(n, locale)} · ${formatRate(rate, locale)}` : formatNumber(n, locale);
}

function Cells({ row }: { row: TeamRow }) {
  const locale = uiLocale();
  return (
    <>
      <td data-testid="team-sent">{formatNumber(row.sent, locale)}</td>
      <td data-testid="team-replied">{withRate(row.replied, row.sent, row.replyRate)}</td>
      <td data-testid="team-enrolled">{formatNumber(row.enrolled, locale)}</td>
      <td data-testid="team-booked">{withRate(row.booked, row.enrolled, row.bookedRate)}</td>
      <td data-testid="team-first-touch">
        {row.firstTouchMedianMs === null ? '–' : formatElapsed(row.firstTouchMedianMs, locale)}
      </td>
      <td data-testid="team-texted">{formatNumber(row.texted, locale)}</td>
      <td data-testid="team-opted-out">{withRate(row.optedOut, row.texted, row.optOutRate)}</td>
    </>
  );
}

/**
 * The week rep by rep (team sync on): the review's figures credited to the rep who earned each
 * (lib/metrics/team.ts), and the team's totals underneath.
 */
export function TeamSection(props: { week: Week; data: MetricsData; me?: TeamMe }) {
  const { week, data, me } = props;
  const team = useMemo(
    () => computeTeamMetrics({ from: week.from, to: week.to, ...data }),
    [week.from, week.to, data],
  );
  return (
    <section className="tb-card tb-mx-figure tb-mx-team" data-testid="metrics-team">
      <h3>{t('team_metrics_title')}</h3>
      <p className="tb-muted">{t('team_metrics_subtitle')}</p>
      <table className="tb-table tb-mx-table">
        <thead>
          <tr>
            <th>{t('team_metrics_col_rep')}</th>
            <th>{t('team_metrics_col_sent')}</th>
            <th>{t('team_metrics_col_replied')}</th>
            <th>{t('team_metrics_col_enrolled')}</th>
            <th>{t('team_metrics_col_booked')}</th>
            <th>{t('team_metrics_col_first_touch')}</th>
            <th>{t('team_metrics_col_texted')}</th>
            <th>{t('team_metrics_col_opted_out')}</th>
          </tr>
        </thead>
        <tbody>
          {team.rows.map((row) => (
            <tr key={row.rep?.id ?? ''} data-testid="team-row" className={row.rep ? undefined : 'tb-muted'}>
              <th scope="row" data-testid="team-rep">
                {row.rep
                  ? row.rep.id === me?.id
                    ? t('team_metrics_you', { name: row.rep.name })
                    : row.rep.name
                  : t('team_metrics_unknown_rep')}
              </th>
              <Cells row={row} />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="team-total">
            <th scope="row">{t('team_metrics_total')}</th>
            <Cells row={team.total} />
          </tr>
        </tfoot>
      </table>
      {team.rows.some((r) => !r.rep) && (
        <p className="tb-muted tb-mx-note">{t('team_metrics_unknown_hint')}</p>
      )}
    </section>
  );
}
