import { useMemo, useState } from 'react';
import type { CadenceStep, LeadSource } from '@/lib/cadence';
import type { RepSettings } from '@/lib/db/schema';
import { CHANNEL_LABELS, formatMinutes, PURPOSE_LABELS } from '@/lib/labels';
import { previewSchedule, roundUpToQuarterHour } from '@/lib/playbook-editor';
import { describeWindow, formatDeadline, formatLocal } from './format';
import { LeadSourceOptions } from '@/components/ui/LeadSourceOptions';

/**
 * The schedule a contact enrolled now would get: lead-source adjustment, then the planner with
 * the rep's zone and contact window. Times are shown in the rep's zone.
 */
export function SchedulePreview({
  steps,
  settings,
}: {
  steps: readonly CadenceStep[];
  settings: RepSettings;
}) {
  const [source, setSource] = useState<LeadSource>(settings.defaultSource ?? 'web-form');
  // Read once: the preview should not reshuffle while the rep edits.
  const [enrolledAt] = useState(() => roundUpToQuarterHour(Date.now()));
  const preview = useMemo(
    () =>
      previewSchedule({ steps, source, enrolledAt, timeZone: settings.timeZone, window: settings.window }),
    [steps, source, enrolledAt, settings.timeZone, settings.window],
  );
  const tz = settings.timeZone;
  return (
    <section className="tb-pb-preview" aria-label="Schedule preview">
      <div className="tb-row tb-pb-preview-head">
        <h3>Schedule preview</h3>
        <label className="tb-row">
          <span className="tb-muted">Lead source</span>
          <select
            value={source}
            onChange={(e) => setSource(e.target.value as LeadSource)}
            data-testid="preview-source"
          >
            <LeadSourceOptions />
          </select>
        </label>
      </div>
      <p className="tb-muted tb-pb-preview-note">
        Enrolled {formatLocal(enrolledAt, tz)} · times in {tz} · texts and calls only{' '}
        {describeWindow(settings.window)}
      </p>
      {!preview.ok ? (
        <p className="tb-problem error">{preview.message}</p>
      ) : preview.touches.length === 0 ? (
        <p className="tb-muted">No steps to plan.</p>
      ) : (
        <table className="tb-table tb-pb-preview-table" data-testid="preview-table">
          <thead>
            <tr>
              <th>#</th>
              <th>Day</th>
              <th>Channel</th>
              <th>Purpose</th>
              <th>Due</th>
              <th>Deadline</th>
            </tr>
          </thead>
          <tbody>
            {preview.touches.map((t, i) => (
              <tr key={t.step}>
                <td>{t.step}</td>
                <td>{preview.steps[i]?.day}</td>
                <td>{CHANNEL_LABELS[t.channel]}</td>
                <td>
                  {PURPOSE_LABELS[t.purpose]}
                  {t.requiresTwoUnanswered && <span className="tb-muted"> (if 2 unanswered)</span>}
                </td>
                <td>{formatLocal(t.dueAt, tz)}</td>
                <td>
                  {t.withinMinutes !== undefined ? (
                    <span className="tb-pb-urgent">
                      by {formatDeadline(t.deadlineAt, t.dueAt, tz)} ({formatMinutes(t.withinMinutes)})
                    </span>
                  ) : (
                    <span className="tb-muted">same day</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
