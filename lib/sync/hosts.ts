/**
 * Where a team's CouchDB may live, as optional host permissions: any HTTPS origin, or a server
 * on this machine. None is granted at install; the settings page asks for the one origin the rep
 * typed, at the moment they connect.
 */
export const SYNC_HOST_PATTERNS = ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'] as const;

/** The e2e copy of the build has the local test server's origin granted (no test can click a prompt). */
export const E2E_SYNC_HOSTS = ['http://127.0.0.1/*', 'http://localhost/*'] as const;
