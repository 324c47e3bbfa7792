import { useState } from 'react';
import { request } from '@/lib/messaging/client';

/**
 * Desktop alerts for speed-to-lead touches and the daily summary. The browser permission is
 * optional and asked for here, in the click that turns alerts on.
 */
export function AlertsToggle({
  enabled,
  onStatus,
}: {
  enabled: boolean;
  onStatus: (text: string, error?: boolean) => void;
}) {
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    setBusy(true);
    try {
      if (enabled) {
        await request('settings.notifications', { enabled: false });
        await browser.permissions.remove({ permissions: ['notifications'] }).catch(() => false);
        onStatus('Desktop alerts are off.');
        return;
      }
      const granted = await browser.permissions.request({ permissions: ['notifications'] });
      if (!granted) {
        onStatus('Alerts stay off: the browser did not allow notifications.', true);
        return;
      }
      await request('settings.notifications', { enabled: true });
      onStatus('Desktop alerts are on: new leads and a morning summary.');
    } catch (err) {
      onStatus(err instanceof Error ? err.message : String(err), true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="tb-alerts">
      <span className="tb-muted">
        {enabled ? 'Desktop alerts on' : 'Get an alert when a new lead is due and a morning summary'}
      </span>
      <button
        type="button"
        className="tb-small"
        disabled={busy}
        onClick={() => void toggle()}
        data-testid="alerts-toggle"
      >
        {enabled ? 'Turn off' : 'Turn on'}
      </button>
    </div>
  );
}
