import { useState } from 'react';
import { request } from '@/lib/messaging/client';
import { t } from '@/lib/i18n';

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
        onStatus(t('alerts_off_done'));
        return;
      }
      const granted = await browser.permissions.request({ permissions: ['notifications'] });
      if (!granted) {
        onStatus(t('alerts_denied'), true);
        return;
      }
      await request('settings.notifications', { enabled: true });
      onStatus(t('alerts_on_done'));
    } catch (err) {
      onStatus(err instanceof Error ? err.message : String(err), true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="tb-alerts">
      <span className="tb-muted">{enabled ? t('alerts_on') : t('alerts_offer')}</span>
      <button
        type="button"
        className="tb-small"
        disabled={busy}
        onClick={() => void toggle()}
        data-testid="alerts-toggle"
      >
        {enabled ? t('common_turn_off') : t('common_turn_on')}
      </button>
    </div>
  );
}
