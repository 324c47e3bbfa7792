/**
 * PouchDB for Node tests, built once: `plugin()` changes pouchdb-core's one constructor, so a
 * second `.plugin(replication)` in the same process would throw.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// biome-ignore lint/suspicious/noExplicitAny: PouchDB's constructor is untyped here on purpose (no global @types/pouchdb in the test build).
export const NodePouchDB: any = require('pouchdb-core')
  .plugin(require('pouchdb-adapter-memory'))
  .plugin(require('pouchdb-adapter-http'))
  .plugin(require('pouchdb-replication'))
  .plugin(require('pouchdb-mapreduce'));
