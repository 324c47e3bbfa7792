/** Placeholder until this tab is built. */
export function PlaybooksTab() {
  return <p className="tb-muted">Coming soon.</p>;
}
