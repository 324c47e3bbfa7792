/** What a rep with nothing planned sees: how to get the first contacts in. */
export function EmptyState({ onImport }: { onImport: () => void }) {
  return (
    <section className="tb-empty" data-testid="popup-empty">
      <h2>No follow-ups yet</h2>
      <p>Touchbase plans every call, text and email of a sequence and tells you when each is due.</p>
      <ol>
        <li>
          Open a Gmail thread with a lead and enrol them from the <strong>Touchbase sidebar</strong> on the
          right.
        </li>
        <li>Or bring in a list you already have from your CRM or a spreadsheet.</li>
      </ol>
      <button type="button" className="primary" onClick={onImport} data-testid="empty-import">
        Import a CSV
      </button>
    </section>
  );
}
