/** Placeholder until this tab is built. */
export function SettingsTab() {
  return <p className="tb-muted">Coming soon.</p>;
}
