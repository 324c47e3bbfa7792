// fake-indexeddb gives Dexie a real IndexedDB implementation in Node.
import 'fake-indexeddb/auto';

// The background imports PouchDB's browser build (team sync), which reads `self` (the worker's
// global) when it loads; Node's global stands in for it in unit tests.
(globalThis as { self?: unknown }).self ??= globalThis;
import '@/lib/i18n/english';
