import { useMemo, useState } from 'react';
import type { CadenceStep, LeadSource } from '@/lib/cadence';
import type { RepSettings } from '@/lib/db/schema';
import { t } from '@/lib/i18n';
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
    <section className="tb-pb-preview" aria-label={t('pb_preview')}>
      <div className="tb-row tb-pb-preview-head">
        <h3>{t('pb_preview')}</h3>
        <label className="tb-row">
          <span className="tb-muted">{t('field_lead_source')}</span>
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
        {t('pb_preview_note', {
          when: formatLocal(enrolledAt, tz),
          zone: tz,
          window: describeWindow(settings.window),
        })}
      </p>
      {!preview.ok ? (
        <p className="tb-problem error">{preview.message}</p>
      ) : preview.touches.length === 0 ? (
        <p className="tb-muted">{t('pb_preview_empty')}</p>
      ) : (
        <table className="tb-table tb-pb-preview-table" data-testid="preview-table">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('pb_col_day')}</th>
              <th>{t('common_channel')}</th>
              <th>{t('pb_col_purpose')}</th>
              <th>{t('pb_col_due')}</th>
              <th>{t('pb_col_deadline')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.touches.map((touch, i) => (
              <tr key={touch.step}>
                <td>{touch.step}</td>
                <td>{preview.steps[i]?.day}</td>
                <td>{CHANNEL_LABELS[touch.channel]}</td>
                <td>
                  {PURPOSE_LABELS[touch.purpose]}
                  {touch.requiresTwoUnanswered && (
                    <span className="tb-muted"> {t('pb_if_two_unanswered')}</span>
                  )}
                </td>
                <td>{formatLocal(touch.dueAt, tz)}</td>
                <td>
                  {touch.withinMinutes !== undefined ? (
                    <span className="tb-pb-urgent">
                      {t('pb_deadline_by', {
                        time: formatDeadline(touch.deadlineAt, touch.dueAt, tz),
                        duration: formatMinutes(touch.withinMinutes),
                      })}
                    </span>
                  ) : (
                    <span className="tb-muted">{t('pb_same_day')}</span>
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
