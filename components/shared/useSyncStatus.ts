import { useEffect, useState } from 'react';
import { type SyncConfig, type SyncStatus, syncConfig, syncStatus } from '@/lib/sync/setup';

/** Team sync's settings (without the password) and last status, kept current as runs finish. */
export function useSyncStatus(): { config?: Omit<SyncConfig, 'password'> | null; status?: SyncStatus } {
  const [config, setConfig] = useState<Omit<SyncConfig, 'password'> | null>();
  const [status, setStatus] = useState<SyncStatus>();
  useEffect(() => {
    const strip = (c: SyncConfig | null) => {
      if (!c) return null;
      const { password: _password, ...rest } = c;
      return rest;
    };
    void syncConfig.getValue().then((c) => setConfig(strip(c)));
    void syncStatus.getValue().then(setStatus);
    const offConfig = syncConfig.watch((c) => setConfig(strip(c)));
    const offStatus = syncStatus.watch(setStatus);
    return () => {
      offConfig();
      offStatus();
    };
  }, []);
  return { config, status };
}
