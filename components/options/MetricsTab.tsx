import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { computeMetrics } from '@/lib/cadence/metrics';
import { getDb, getSettings } from '@/lib/db';
import { t } from '@/lib/i18n';
import { loadMetricsData } from '@/lib/db/metrics-data';
import { CHANNEL_LABELS, LEAD_SOURCE_LABELS } from '@/lib/labels';
import {
  buildWeeklyReview,
  type Delta,
  formatDuration,
  percent,
  type RateRow,
  type WeeklyReview,
} from '@/lib/metrics/review';
import { shiftWeek, type Week, weekLabel, weekOf } from '@/lib/metrics/week';
import { BarChart, type BarSeries } from './metrics/BarChart';
import { ReactionsSection } from './metrics/ReactionsSection';
import { TeamSection } from './metrics/TeamSection';
import { useTeamView } from './team/TeamLibrary';
import './metrics/metrics.css';

const THIS_WEEK = 'var(--tb-accent)';
const LAST_WEEK = '#bdc1c6';

function DeltaText({ d, testId }: { d: Delta; testId?: string }) {
  if (d.tone === 'none') return <span className="tb-mx-delta none">no data last week</span>;
  return (
    <span className={`tb-mx-delta ${d.tone}`} data-testid={testId}>
      {d.text} vs last week
    </span>
  );
}

function Kpi(props: {
  title: string;
  value: string;
  detail: string;
  delta?: Delta;
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
      {props.delta && <DeltaText d={props.delta} />}
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
          <th>Sent</th>
          <th>Replies</th>
          <th>Rate</th>
          <th>Last week</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.key}>
            <td>{props.name(r.key)}</td>
            <td>{r.sent}</td>
            <td>{r.responded}</td>
            <td>{percent(r.rate, r.sent > 0)}</td>
            <td className="tb-muted">{percent(r.prevRate, r.prevSent > 0)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Review({ review }: { review: WeeklyReview }) {
  const touchChart = useMemo(() => {
    const labels = review.byTouch.map((r) => `Touch ${r.key}`);
    const series: BarSeries[] = [
      { label: 'This week', data: review.byTouch.map((r) => r.rate), color: THIS_WEEK },
      { label: 'Last week', data: review.byTouch.map((r) => r.prevRate), color: LAST_WEEK },
    ];
    return { labels, series };
  }, [review]);
  const channelChart = useMemo(() => {
    const labels = review.byChannel.map((r) => CHANNEL_LABELS[r.key]);
    const series: BarSeries[] = [
      { label: 'This week', data: review.byChannel.map((r) => r.rate), color: THIS_WEEK },
      { label: 'Last week', data: review.byChannel.map((r) => r.prevRate), color: LAST_WEEK },
    ];
    return { labels, series };
  }, [review]);
  const sourceChart = useMemo(() => {
    const labels = review.sources.map((r) => LEAD_SOURCE_LABELS[r.source]);
    const series: BarSeries[] = [
      { label: 'Finished with no reply', data: review.sources.map((r) => r.share), color: 'var(--tb-warn)' },
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
          title="Touches sent"
          value={String(sent)}
          detail={`${replied} drew a reply`}
          delta={{
            value: sent - prevSent,
            text:
              sent === prevSent ? 'no change' : `${sent > prevSent ? '+' : '−'}${Math.abs(sent - prevSent)}`,
            tone: 'flat',
          }}
        />
        <Kpi
          testId="metric-booked"
          title="Booked a meeting"
          value={percent(booked.rate, booked.enrolled > 0)}
          detail={`${booked.booked} of ${booked.enrolled} enrolled this week`}
          delta={booked.delta}
        />
        <Kpi
          testId="metric-optout"
          title="Text opt-outs"
          value={percent(optOut.rate, optOut.recipients > 0)}
          detail={`${optOut.optedOut} of ${optOut.recipients} texted · flag above ${percent(optOut.threshold)}`}
          delta={optOut.delta}
          flag={
            optOut.flag
              ? 'Above 3 %: check how often you text and that every first text says how to opt out.'
              : undefined
          }
        />
        <Kpi
          testId="metric-first-touch"
          title="Time to first touch"
          value={formatDuration(firstTouch.medianMs)}
          detail={
            firstTouch.touched
              ? `median · ${percent(firstTouch.shareWithinFiveMinutes)} within 5 min (${firstTouch.withinFiveMinutes} of ${firstTouch.touched})`
              : 'no new lead reached yet'
          }
          delta={firstTouch.medianDelta}
          flag={
            firstTouch.touched && firstTouch.shareWithinFiveMinutes < 0.5
              ? 'Most new leads waited more than 5 minutes; the first touch is where speed pays most.'
              : undefined
          }
        />
      </div>

      <div className="tb-mx-grid">
        <figure className="tb-card tb-mx-figure">
          <figcaption>
            Response rate by touch number
            <span className="tb-muted">Which touch in the sequence draws the replies</span>
          </figcaption>
          {review.byTouch.length ? (
            <BarChart
              testId="chart-by-touch"
              label="Response rate by touch number, this week and last week"
              labels={touchChart.labels}
              series={touchChart.series}
              percent
            />
          ) : (
            <p className="tb-muted">No sequence touches this week.</p>
          )}
          <RateTable head="Touch" rows={review.byTouch} name={(k) => String(k)} />
        </figure>

        <figure className="tb-card tb-mx-figure">
          <figcaption>
            Response rate by channel
            <span className="tb-muted">Replies per touch sent, texts vs email vs calls</span>
          </figcaption>
          <BarChart
            testId="chart-by-channel"
            label="Response rate by channel, this week and last week"
            labels={channelChart.labels}
            series={channelChart.series}
            percent
          />
          <RateTable head="Channel" rows={review.byChannel} name={(k) => CHANNEL_LABELS[k]} />
        </figure>

        <figure className="tb-card tb-mx-figure tb-mx-wide">
          <figcaption>
            Lead sources that finished the sequence with no reply
            <span className="tb-muted">
              {review.sources.some((r) => r.completedNoResponse > 0)
                ? 'Of the leads enrolled this week, the share whose sequence ended without a reply'
                : 'None so far: sequences started this week are still running'}
            </span>
          </figcaption>
          {review.sources.length ? (
            <div className="tb-mx-split">
              <BarChart
                testId="chart-sources"
                label="Share of enrolments per lead source that finished without a reply"
                labels={sourceChart.labels}
                series={sourceChart.series}
                percent
                horizontal
                height={Math.max(120, 40 + review.sources.length * 34)}
              />
              <table className="tb-table tb-mx-table" data-testid="sources-table">
                <thead>
                  <tr>
                    <th>Lead source</th>
                    <th>Enrolled</th>
                    <th>No reply, finished</th>
                    <th>Share</th>
                  </tr>
                </thead>
                <tbody>
                  {review.sources.map((r) => (
                    <tr key={r.source}>
                      <td>{LEAD_SOURCE_LABELS[r.source]}</td>
                      <td>{r.enrolled}</td>
                      <td>{r.completedNoResponse}</td>
                      <td>{percent(r.share)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="tb-muted">No new enrolments this week.</p>
          )}
        </figure>
      </div>
    </>
  );
}

/** The weekly review (seeds 000 and 003), one Monday-to-Sunday week at a time in the rep's zone. */
export function MetricsTab() {
  const settings = useLiveQuery(() => getSettings(getDb()));
  const [offset, setOffset] = useState(0);
  // Team sync on: the same week rep by rep, one click away.
  const team = useTeamView();
  const [view, setView] = useState<'review' | 'team'>('review');
  const showTeam = view === 'team' && !!team?.on;
  // The page reads the clock once; the week under review only moves when the rep asks.
  const [now] = useState(() => Date.now());
  const tz = settings?.timeZone;
  const weeks = useMemo(() => {
    if (!tz) return undefined;
    const week: Week = shiftWeek(weekOf(now, tz), offset, tz);
    return { week, prev: shiftWeek(week, -1, tz) };
  }, [tz, now, offset]);
  const data = useLiveQuery(
    () => (weeks ? loadMetricsData(getDb(), weeks.prev.from, weeks.week.to) : undefined),
    [weeks?.prev.from, weeks?.week.to],
  );
  const review = useMemo(() => {
    if (!weeks || !data) return undefined;
    const cur = computeMetrics({ from: weeks.week.from, to: weeks.week.to, ...data });
    const prev = computeMetrics({ from: weeks.prev.from, to: weeks.prev.to, ...data });
    return buildWeeklyReview(cur, prev);
  }, [weeks, data]);

  if (!weeks) return <p className="tb-muted">Loading…</p>;
  return (
    <div className="tb-mx">
      <div className="tb-mx-head">
        <h2>Weekly review</h2>
        <div className="tb-row tb-mx-nav">
          <button type="button" onClick={() => setOffset(offset - 1)} data-testid="week-prev">
            ← Previous week
          </button>
          <span className="tb-mx-week" data-testid="week-label">
            {weekLabel(weeks.week)}
            {offset === 0 && <span className="tb-chip today">this week</span>}
          </span>
          <button
            type="button"
            onClick={() => setOffset(offset + 1)}
            disabled={offset >= 0}
            data-testid="week-next"
          >
            Next week →
          </button>
          {offset < -1 && (
            <button type="button" onClick={() => setOffset(0)}>
              This week
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
        <span className="tb-muted tb-mx-tz">Weeks run Monday to Sunday, {tz}</span>
      </div>
      {!review ? (
        <p className="tb-muted">Loading…</p>
      ) : review.empty ? (
        <div className="tb-card tb-mx-empty" data-testid="metrics-empty">
          <strong>No activity this week.</strong>
          <p className="tb-muted">
            Touches you complete and leads you enrol show up here, compared with the week before.
          </p>
        </div>
      ) : showTeam && data ? (
        <TeamSection week={weeks.week} data={data} me={team?.me} />
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
