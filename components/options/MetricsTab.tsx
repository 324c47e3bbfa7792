/** Placeholder until this tab is built. */
export function MetricsTab() {
  return <p className="tb-muted">Coming soon.</p>;
}
