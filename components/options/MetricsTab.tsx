import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { computeMetrics } from '@/lib/cadence/metrics';
import { getDb, getSettings } from '@/lib/db';
import { loadMetricsData } from '@/lib/db/metrics-data';
import { t, tn, uiLocale } from '@/lib/i18n';
import { CHANNEL_LABELS, LEAD_SOURCE_LABELS } from '@/lib/labels';
import {
  buildWeeklyReview,
  type Delta,
  type DeltaKind,
  type RateRow,
  type WeeklyReview,
} from '@/lib/metrics/review';
import { reviewWeeks, weekLabel } from '@/lib/metrics/week';
import { BarChart, type BarSeries } from './metrics/BarChart';
import { deltaText, elapsed, formatCount, pct } from './metrics/format';
import { ReactionsSection } from './metrics/ReactionsSection';
import { TeamSection } from './metrics/TeamSection';
import { takePrimedMetrics } from './metrics/primed';
import { useTeamView } from './team/TeamLibrary';
import './metrics/metrics.css';

const THIS_WEEK = 'var(--tb-accent)';
const LAST_WEEK = '#bdc1c6';

function DeltaText({ d, kind, testId }: { d: Delta; kind: DeltaKind; testId?: string }) {
  if (d.tone === 'none') return <span className="tb-mx-delta none">{t('metrics_no_data_last_week')}</span>;
  return (
    <span className={`tb-mx-delta ${d.tone}`} data-testid={testId}>
      {deltaText(d, kind)}
    </span>
  );
}

function Kpi(props: {
  title: string;
  value: string;
  detail: string;
  delta?: Delta;
  deltaKind?: DeltaKind;
  flag?: string;
  testId: string;
}) {
  return (
    <div className={`tb-card tb-mx-kpi${props.flag ? ' flagged' : ''}`} data-testid={props.testId}>
      <div className="tb-mx-kpi-title">{props.title}</div>
      <div className="tb-mx-kpi-value" data-testid={`${props.testId}-value`}>
        {props.value}
      </div>
      <div className="tb-muted tb-mx-kpi-detail">{props.detail}</div>
      {props.delta && <DeltaText d={props.delta} kind={props.deltaKind ?? 'count'} />}
      {props.flag && (
        <div className="tb-mx-flag" role="alert">
          {props.flag}
        </div>
      )}
    </div>
  );
}

/** Sent, replies and rate per row, this week beside last week. */
function RateTable<K extends string | number>(props: {
  head: string;
  rows: RateRow<K>[];
  name: (key: K) => string;
}) {
  return (
    <table className="tb-table tb-mx-table">
      <thead>
        <tr>
          <th>{props.head}</th>
          <th>{t('metrics_col_sent')}</th>
          <th>{t('metrics_col_replies')}</th>
          <th>{t('metrics_col_rate')}</th>
          <th>{t('metrics_col_last_week')}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.key}>
            <td>{props.name(r.key)}</td>
            <td>{formatCount(r.sent)}</td>
            <td>{formatCount(r.responded)}</td>
            <td>{pct(r.rate, r.sent > 0)}</td>
            <td className="tb-muted">{pct(r.prevRate, r.prevSent > 0)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Review({ review }: { review: WeeklyReview }) {
  const touchChart = useMemo(() => {
    const labels = review.byTouch.map((r) => t('metrics_touch_n', { n: r.key }));
    const series: BarSeries[] = [
      { label: t('metrics_this_week'), data: review.byTouch.map((r) => r.rate), color: THIS_WEEK },
      { label: t('metrics_last_week'), data: review.byTouch.map((r) => r.prevRate), color: LAST_WEEK },
    ];
    return { labels, series };
  }, [review]);
  const channelChart = useMemo(() => {
    const labels = review.byChannel.map((r) => CHANNEL_LABELS[r.key]);
    const series: BarSeries[] = [
      { label: t('metrics_this_week'), data: review.byChannel.map((r) => r.rate), color: THIS_WEEK },
      { label: t('metrics_last_week'), data: review.byChannel.map((r) => r.prevRate), color: LAST_WEEK },
    ];
    return { labels, series };
  }, [review]);
  const sourceChart = useMemo(() => {
    const labels = review.sources.map((r) => LEAD_SOURCE_LABELS[r.source]);
    const series: BarSeries[] = [
      {
        label: t('metrics_finished_no_reply'),
        data: review.sources.map((r) => r.share),
        color: 'var(--tb-warn)',
      },
    ];
    return { labels, series };
  }, [review]);

  const { booked, optOut, firstTouch } = review;
  const sent = review.byChannel.reduce((n, r) => n + r.sent, 0);
  const replied = review.byChannel.reduce((n, r) => n + r.responded, 0);
  const prevSent = review.byChannel.reduce((n, r) => n + r.prevSent, 0);
  return (
    <>
      <div className="tb-mx-kpis">
        <Kpi
          testId="metric-sent"
          title={t('metrics_sent_title')}
          value={formatCount(sent)}
          detail={tn('metrics_sent_detail', replied)}
          delta={{ value: sent - prevSent, text: '', tone: 'flat' }}
          deltaKind="count"
        />
        <Kpi
          testId="metric-booked"
          title={t('metrics_booked_title')}
          value={pct(booked.rate, booked.enrolled > 0)}
          detail={t('metrics_booked_detail', { booked: booked.booked, enrolled: booked.enrolled })}
          delta={booked.delta}
          deltaKind="rate"
        />
        <Kpi
          testId="metric-optout"
          title={t('metrics_optout_title')}
          value={pct(optOut.rate, optOut.recipients > 0)}
          detail={t('metrics_optout_detail', {
            out: optOut.optedOut,
            texted: optOut.recipients,
            threshold: pct(optOut.threshold),
          })}
          delta={optOut.delta}
          deltaKind="rate"
          flag={optOut.flag ? t('metrics_optout_flag', { threshold: pct(optOut.threshold) }) : undefined}
        />
        <Kpi
          testId="metric-first-touch"
          title={t('metrics_first_touch_title')}
          value={elapsed(firstTouch.medianMs)}
          detail={
            firstTouch.touched
              ? t('metrics_first_touch_detail', {
                  share: pct(firstTouch.shareWithinFiveMinutes),
                  within: firstTouch.withinFiveMinutes,
                  touched: firstTouch.touched,
                })
              : t('metrics_first_touch_none')
          }
          delta={firstTouch.medianDelta}
          deltaKind="minutes"
          flag={
            firstTouch.touched && firstTouch.shareWithinFiveMinutes < 0.5
              ? t('metrics_first_touch_flag')
              : undefined
          }
        />
      </div>

      <div className="tb-mx-grid">
        <figure className="tb-card tb-mx-figure">
          <figcaption>
            {t('metrics_by_touch_title')}
            <span className="tb-muted">{t('metrics_by_touch_sub')}</span>
          </figcaption>
          {review.byTouch.length ? (
            <BarChart
              testId="chart-by-touch"
              label={t('metrics_by_touch_chart')}
              labels={touchChart.labels}
              series={touchChart.series}
              percent
            />
          ) : (
            <p className="tb-muted">{t('metrics_by_touch_empty')}</p>
          )}
          <RateTable head={t('metrics_col_touch')} rows={review.byTouch} name={(k) => formatCount(k)} />
        </figure>

        <figure className="tb-card tb-mx-figure">
          <figcaption>
            {t('metrics_by_channel_title')}
            <span className="tb-muted">{t('metrics_by_channel_sub')}</span>
          </figcaption>
          <BarChart
            testId="chart-by-channel"
            label={t('metrics_by_channel_chart')}
            labels={channelChart.labels}
            series={channelChart.series}
            percent
          />
          <RateTable head={t('log_channel')} rows={review.byChannel} name={(k) => CHANNEL_LABELS[k]} />
        </figure>

        <figure className="tb-card tb-mx-figure tb-mx-wide">
          <figcaption>
            {t('metrics_sources_title')}
            <span className="tb-muted">
              {t(
                review.sources.some((r) => r.completedNoResponse > 0)
                  ? 'metrics_sources_sub'
                  : 'metrics_sources_none',
              )}
            </span>
          </figcaption>
          {review.sources.length ? (
            <div className="tb-mx-split">
              <BarChart
                testId="chart-sources"
                label={t('metrics_sources_chart')}
                labels={sourceChart.labels}
                series={sourceChart.series}
                percent
                horizontal
                height={Math.max(120, 40 + review.sources.length * 34)}
              />
              <table className="tb-table tb-mx-table" data-testid="sources-table">
                <thead>
                  <tr>
                    <th>{t('field_lead_source')}</th>
                    <th>{t('metrics_col_enrolled')}</th>
                    <th>{t('metrics_col_no_reply')}</th>
                    <th>{t('metrics_col_share')}</th>
                  </tr>
                </thead>
                <tbody>
                  {review.sources.map((r) => (
                    <tr key={r.source}>
                      <td>{LEAD_SOURCE_LABELS[r.source]}</td>
                      <td>{formatCount(r.enrolled)}</td>
                      <td>{formatCount(r.completedNoResponse)}</td>
                      <td>{pct(r.share)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="tb-muted">{t('metrics_sources_empty')}</p>
          )}
        </figure>
      </div>
    </>
  );
}

/** The weekly review (seeds 000 and 003), one Monday-to-Sunday week at a time in the rep's zone. */
export function MetricsTab() {
  // Read while the tab's code loaded (./metrics/primed), when the dashboard opened on this tab.
  const [primed] = useState(takePrimedMetrics);
  const settings = useLiveQuery(() => getSettings(getDb()), [], primed?.settings);
  const [offset, setOffset] = useState(0);
  // Team sync on: the same week rep by rep, one click away.
  const team = useTeamView();
  const [view, setView] = useState<'review' | 'team'>('review');
  const showTeam = view === 'team' && !!team?.on;
  // The page reads the clock once; the week under review only moves when the rep asks.
  const [now] = useState(() => primed?.now ?? Date.now());
  const tz = settings?.timeZone;
  const weeks = useMemo(() => (tz ? reviewWeeks(now, tz, offset) : undefined), [tz, now, offset]);
  const data = useLiveQuery(
    () => (weeks ? loadMetricsData(getDb(), weeks.prev.from, weeks.week.to) : undefined),
    [weeks?.prev.from, weeks?.week.to],
    primed && weeks && primed.from === weeks.prev.from && primed.to === weeks.week.to
      ? primed.data
      : undefined,
  );
  const review = useMemo(() => {
    if (!weeks || !data) return undefined;
    const cur = computeMetrics({ from: weeks.week.from, to: weeks.week.to, ...data });
    const prev = computeMetrics({ from: weeks.prev.from, to: weeks.prev.to, ...data });
    return buildWeeklyReview(cur, prev);
  }, [weeks, data]);

  if (!weeks) return <p className="tb-muted">{t('common_loading')}</p>;
  return (
    <div className="tb-mx">
      <div className="tb-mx-head">
        <h2>{t('metrics_title')}</h2>
        <div className="tb-row tb-mx-nav">
          <button type="button" onClick={() => setOffset(offset - 1)} data-testid="week-prev">
            {t('metrics_prev_week')}
          </button>
          <span className="tb-mx-week" data-testid="week-label">
            {weekLabel(weeks.week, uiLocale())}
            {offset === 0 && <span className="tb-chip today">{t('metrics_this_week_chip')}</span>}
          </span>
          <button
            type="button"
            onClick={() => setOffset(offset + 1)}
            disabled={offset >= 0}
            data-testid="week-next"
          >
            {t('metrics_next_week')}
          </button>
          {offset < -1 && (
            <button type="button" onClick={() => setOffset(0)}>
              {t('metrics_this_week')}
            </button>
          )}
        </div>
        {team?.on && (
          <div className="tb-row tb-mx-views">
            <button
              type="button"
              aria-pressed={!showTeam}
              className={showTeam ? '' : 'primary'}
              onClick={() => setView('review')}
              data-testid="metrics-view-review"
            >
              {t('team_metrics_view_review')}
            </button>
            <button
              type="button"
              aria-pressed={showTeam}
              className={showTeam ? 'primary' : ''}
              onClick={() => setView('team')}
              data-testid="metrics-view-team"
            >
              {t('team_metrics_view_team')}
            </button>
          </div>
        )}
        <span className="tb-muted tb-mx-tz">{t('metrics_week_note', { zone: tz ?? '' })}</span>
      </div>
      {!review ? (
        <p className="tb-muted">{t('common_loading')}</p>
      ) : review.empty ? (
        <div className="tb-card tb-mx-empty" data-testid="metrics-empty">
          <strong>{t('metrics_empty_title')}</strong>
          <p className="tb-muted">{t('metrics_empty_text')}</p>
        </div>
      ) : showTeam && data ? (
        <TeamSection week={weeks.week} prev={weeks.prev} data={data} me={team?.me} />
      ) : (
        <>
          <Review review={review} />
          {data ? (
            <ReactionsSection
              week={weeks.week}
              activities={data.activities}
              enrolments={data.enrolments}
              now={now}
            />
          ) : null}
        </>
      )}
    </div>
  );
}
