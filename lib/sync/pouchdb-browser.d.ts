/**
 * The part of PouchDB's browser build Touchbase calls. Declared here rather than installing
 * @types/pouchdb-*: those pull DOM, debug and websql typings into every file and break the Node
 * typings the tests and benches use.
 */
declare module 'pouchdb-browser' {
  interface ReplicateOptions {
    batch_size?: number;
    batches_limit?: number;
  }
  /** A running one-shot replication: a promise that also reports each batch written. */
  interface Replication extends Promise<unknown> {
    on(
      event: 'change',
      listener: (info: { docs_written: number; pending?: number; docs?: object[] }) => void,
    ): Replication;
  }
  interface PouchDatabase {
    info(): Promise<Record<string, unknown>>;
    close(): Promise<void>;
    destroy(): Promise<void>;
    allDocs(opts: { keys: string[]; include_docs: true; conflicts?: boolean }): Promise<{
      rows: (
        | { id: string; doc?: unknown; value?: { rev: string; deleted?: boolean }; error?: string }
        | undefined
      )[];
    }>;
    /** `new_edits: false` writes revisions as they came from elsewhere (the replicator's way). */
    bulkDocs(docs: object[], opts?: { new_edits?: boolean }): Promise<unknown[]>;
    get(id: string, opts?: { rev?: string; conflicts?: boolean }): Promise<unknown>;
    changes(opts: {
      since: number | string;
      include_docs: true;
      conflicts: true;
      limit: number;
    }): Promise<{ results: { id: string; deleted?: boolean; doc?: unknown }[]; last_seq: number | string }>;
    replicate: {
      to(target: PouchDatabase, opts?: ReplicateOptions): Replication;
      from(source: PouchDatabase, opts?: ReplicateOptions): Replication;
    };
  }
  interface PouchConstructor {
    plugin(plugin: unknown): PouchConstructor;
    new (
      name: string,
      opts?: { skip_setup?: boolean; auth?: { username: string; password: string }; adapter?: string },
    ): PouchDatabase;
  }
  const PouchDB: PouchConstructor;
  export type { PouchDatabase };
  export default PouchDB;
}

/** PouchDB's `indexeddb` adapter (one row per document), added to the browser build as a plugin. */
declare module 'pouchdb-adapter-indexeddb' {
  const plugin: unknown;
  export default plugin;
}
