/** Placeholder until this tab is built. */
export function ImportTab() {
  return <p className="tb-muted">Coming soon.</p>;
}
