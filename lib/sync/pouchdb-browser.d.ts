/**
 * The part of PouchDB's browser build Touchbase calls. Declared here rather than installing
 * @types/pouchdb-*: those pull DOM, debug and websql typings into every file and break the Node
 * typings the tests and benches use.
 */
declare module 'pouchdb-browser' {
  interface ReplicateOptions {
    batch_size?: number;
  }
  interface PouchDatabase {
    info(): Promise<Record<string, unknown>>;
    close(): Promise<void>;
    destroy(): Promise<void>;
    allDocs(opts: { keys: string[]; include_docs: true }): Promise<{
      rows: (
        | { id: string; doc?: unknown; value?: { rev: string; deleted?: boolean }; error?: string }
        | undefined
      )[];
    }>;
    bulkDocs(docs: object[]): Promise<unknown[]>;
    get(id: string, opts?: { rev?: string; conflicts?: boolean }): Promise<unknown>;
    changes(opts: {
      since: number | string;
      include_docs: true;
      conflicts: true;
      limit: number;
    }): Promise<{ results: { id: string; deleted?: boolean; doc?: unknown }[]; last_seq: number | string }>;
    replicate: {
      to(target: PouchDatabase, opts?: ReplicateOptions): Promise<unknown>;
      from(source: PouchDatabase, opts?: ReplicateOptions): Promise<unknown>;
    };
  }
  interface PouchConstructor {
    new (
      name: string,
      opts?: { skip_setup?: boolean; auth?: { username: string; password: string }; adapter?: string },
    ): PouchDatabase;
  }
  const PouchDB: PouchConstructor;
  export type { PouchDatabase };
  export default PouchDB;
}
