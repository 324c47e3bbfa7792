/** Placeholder until this tab is built. */
export function TemplatesTab() {
  return <p className="tb-muted">Coming soon.</p>;
}
