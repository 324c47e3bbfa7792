import { useMemo } from 'react';
import type { MetricsData } from '@/lib/db/metrics-data';
import { formatNumber } from '@/lib/format/datetime';
import { formatElapsed, formatRate } from '@/lib/format/figures';
import { t, uiLocale } from '@/lib/i18n';
import type { Delta, DeltaKind } from '@/lib/metrics/review';
import { buildTeamReview, computeTeamMetrics, type TeamReviewRow } from '@/lib/metrics/team';
import type { Week } from '@/lib/metrics/week';
import type { TeamMe } from '@/lib/db';
import { deltaShort } from './format';

/**
 * "12" or "3 · 25%": a count with its rate, the rate only when there is something to divide.
 * Rates and times read as the weekly review writes them (lib/format/figures).
 */
function withRate(n: number, of: number, rate: number): string {
  const locale = uiLocale();
  return of > 0 ? `${formatNumber(n, locale)} · ${formatRate(rate, locale)}` : formatNumber(n, locale);
}

/** One figure and, under it, its change from the week before (coloured good or bad news). */
function Cell(props: { id: string; figure: string; change: Delta; kind: DeltaKind }) {
  const { id, figure, change, kind } = props;
  const text = deltaShort(change, kind);
  return (
    <td data-testid={`team-${id}`}>
      <span data-testid="team-figure">{figure}</span>
      {text ? (
        <span className={`tb-mx-delta ${change.tone}`} data-testid="team-change">
          {text}
        </span>
      ) : null}
    </td>
  );
}

function Cells({ review }: { review: TeamReviewRow }) {
  const { row, change } = review;
  const locale = uiLocale();
  return (
    <>
      <Cell id="sent" figure={formatNumber(row.sent, locale)} change={change.sent} kind="count" />
      <Cell
        id="replied"
        figure={withRate(row.replied, row.sent, row.replyRate)}
        change={change.replyRate}
        kind="rate"
      />
      <Cell id="enrolled" figure={formatNumber(row.enrolled, locale)} change={change.enrolled} kind="count" />
      <Cell
        id="booked"
        figure={withRate(row.booked, row.enrolled, row.bookedRate)}
        change={change.bookedRate}
        kind="rate"
      />
      <Cell
        id="first-touch"
        figure={row.firstTouchMedianMs === null ? '–' : formatElapsed(row.firstTouchMedianMs, locale)}
        change={change.firstTouch}
        kind="minutes"
      />
      <Cell id="texted" figure={formatNumber(row.texted, locale)} change={change.texted} kind="count" />
      <Cell
        id="opted-out"
        figure={withRate(row.optedOut, row.texted, row.optOutRate)}
        change={change.optOutRate}
        kind="rate"
      />
    </>
  );
}

/**
 * The week rep by rep (team sync on): the review's figures credited to the rep who earned each
 * (lib/metrics/team.ts), and the team's totals underneath.
 */
export function TeamSection(props: { week: Week; prev: Week; data: MetricsData; me?: TeamMe }) {
  const { week, prev, data, me } = props;
  // Each rep against their own week before, as the personal review sets the week against the last.
  const team = useMemo(
    () =>
      buildTeamReview(
        computeTeamMetrics({ from: week.from, to: week.to, ...data }),
        computeTeamMetrics({ from: prev.from, to: prev.to, ...data }),
      ),
    [week.from, week.to, prev.from, prev.to, data],
  );
  return (
    <section className="tb-card tb-mx-figure tb-mx-team" data-testid="metrics-team">
      <h3>{t('team_metrics_title')}</h3>
      <p className="tb-muted">
        {t('team_metrics_subtitle')} {t('team_metrics_change_hint')}
      </p>
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
          {team.rows.map((review) => {
            const { row } = review;
            return (
              <tr key={row.rep?.id ?? ''} data-testid="team-row" className={row.rep ? undefined : 'tb-muted'}>
                <th scope="row" data-testid="team-rep">
                  {row.rep
                    ? row.rep.id === me?.id
                      ? t('team_metrics_you', { name: row.rep.name })
                      : row.rep.name
                    : t('team_metrics_unknown_rep')}
                </th>
                <Cells review={review} />
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr data-testid="team-total">
            <th scope="row">{t('team_metrics_total')}</th>
            <Cells review={team.total} />
          </tr>
        </tfoot>
      </table>
      {team.rows.some((r) => !r.row.rep) && (
        <p className="tb-muted tb-mx-note">{t('team_metrics_unknown_hint')}</p>
      )}
    </section>
  );
}
