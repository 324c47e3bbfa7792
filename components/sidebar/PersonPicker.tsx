import type { ContactRow, EnrolmentRow } from '@/lib/db';
import { isRunning } from '@/lib/sidebar/status';
import type { Person } from '@/lib/sites/types';
import { t } from '@/lib/i18n';

interface Props {
  people: Person[];
  selected: string;
  known: Map<string, { contact: ContactRow; enrolments: EnrolmentRow[] }> | undefined;
  onPick(email: string): void;
}

function shortName(p: Person, contact?: ContactRow): string {
  const first = contact?.firstName || p.name.split(/\s+/)[0];
  return first || p.email.split('@')[0] || p.email;
}

/** Several people in view: which one the sidebar follows. */
export function PersonPicker({ people, selected, known, onPick }: Props) {
  return (
    <div
      className="sb-picker"
      role="radiogroup"
      aria-label={t('sidebar_picker_label')}
      data-testid="person-picker"
    >
      {people.map((p) => {
        const entry = known?.get(p.email);
        const enrolled = entry?.enrolments.some((e) => isRunning(e));
        return (
          <button
            key={p.email}
            type="button"
            aria-pressed={p.email === selected}
            className={`sb-person${p.email === selected ? ' on' : ''}`}
            title={p.name ? `${p.name} <${p.email}>` : p.email}
            onClick={() => onPick(p.email)}
          >
            {enrolled ? <span className="sb-dot" title={t('sidebar_in_sequence')} /> : null}
            {shortName(p, entry?.contact)}
          </button>
        );
      })}
    </div>
  );
}
