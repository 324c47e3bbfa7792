import { LEAD_SOURCES } from '@/lib/cadence/types';
import { LEAD_SOURCE_LABELS } from '@/lib/labels';

/** The `<option>`s of every lead-source picker, in one order with one set of words. */
export function LeadSourceOptions() {
  return (
    <>
      {LEAD_SOURCES.map((s) => (
        <option key={s} value={s}>
          {LEAD_SOURCE_LABELS[s]}
        </option>
      ))}
    </>
  );
}
