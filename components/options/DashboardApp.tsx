import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '@/lib/db';

/** The full-page home: contacts, import/export, playbooks, metrics, settings. */
export function DashboardApp() {
  const db = getDb();
  const contacts = useLiveQuery(() => db.contacts.count(), []);
  return (
    <main style={{ padding: 24 }}>
      <h1 style={{ fontSize: 20 }}>Touchbase dashboard</h1>
      <p data-testid="contact-count">{contacts ?? 0} contacts</p>
    </main>
  );
}
