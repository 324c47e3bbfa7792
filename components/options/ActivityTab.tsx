/** Placeholder until this tab is built. */
export function ActivityTab() {
  return <p className="tb-muted">Coming soon.</p>;
}
