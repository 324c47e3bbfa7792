import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '@/lib/db';

/** Contacts table (placeholder: the count only). */
export function ContactsTab() {
  const contacts = useLiveQuery(() => getDb().contacts.count(), []);
  return <p data-testid="contact-count">{contacts ?? 0} contacts</p>;
}
