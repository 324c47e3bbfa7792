import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '@/lib/db';

/** The toolbar popup: what is due, most urgent first. */
export function PopupApp() {
  const db = getDb();
  const due = useLiveQuery(
    () =>
      db.touches
        .where('[state+dueAt]')
        .between(['planned', -Infinity], ['planned', Infinity])
        .limit(50)
        .toArray(),
    [],
  );
  return (
    <main style={{ width: 380, padding: 12 }}>
      <h1 style={{ fontSize: 16, margin: 0 }}>Touchbase</h1>
      {due === undefined ? null : due.length === 0 ? (
        <p data-testid="popup-empty">
          Nothing planned yet. Open a Gmail thread and enrol the contact, or import a CSV.
        </p>
      ) : (
        <ul data-testid="popup-list">
          {due.map((t) => (
            <li key={t.id}>
              {t.channel} · {t.purpose}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
