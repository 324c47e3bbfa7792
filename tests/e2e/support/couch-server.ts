/**
 * A CouchDB-protocol server inside the test process: express-pouchdb on PouchDB's in-memory
 * adapter, behind a small HTTP Basic check (users, and per database the users allowed, like
 * CouchDB's `_security` members), so tests see CouchDB's 401, 403 and 404 answers. It can be
 * stopped and started again on the same port with its data kept, to cut a sync in the middle.
 * With `validate`, writes go through the databases' `validate_doc_update` functions as CouchDB
 * runs them (see `validatedWrite`). With `child`, the same server runs in a Node process of its
 * own (couch-server-child.ts), so a large sync's requests neither wait on the test runner's event
 * loop nor share its garbage collector; the API is the same, answered over IPC.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { NodePouchDB } from './pouchdb-node';

const require = createRequire(import.meta.url);

export interface CouchServerOptions {
  /** username -> password */
  users: Record<string, string>;
  /** database -> usernames allowed to read and write it (absent: nobody). */
  members: Record<string, string[]>;
  port?: number;
  /**
   * Run design documents' `validate_doc_update` on every write, as CouchDB does (off by default:
   * it reads the design documents and each document's previous version per write).
   */
  validate?: boolean;
  /**
   * Serve from a child process (the benchmarks: 120,000 documents through one server). `requests`
   * then fills as the child reports each answer, a moment after the client has it.
   */
  child?: boolean;
}

type Validator = (newDoc: unknown, oldDoc: unknown, userCtx: unknown, secObj: unknown) => void;
interface WriteDoc {
  _id?: string;
  _rev?: string;
  _deleted?: boolean;
  _revisions?: { start: number; ids: string[] };
}

/**
 * CouchDB's validation of writes, here rather than express-pouchdb's: its pouchdb-validation
 * replaces a replicated document's `_revisions` with the stored version's before writing, so a
 * replicated edit (`new_edits: false`) lands as nothing (tried: the edit never reached the
 * server). Like CouchDB, the previous version is the revision the new one follows (from
 * `_revisions` or `_rev`), else the current winner; `_design/` and `_local/` documents pass.
 * Answers CouchDB's own shapes: per document `{id, error: 'forbidden', reason}` in `_bulk_docs`,
 * a 403 for a single document.
 */
async function validatedWrite(
  // biome-ignore lint/suspicious/noExplicitAny: the memory PouchDB constructor is untyped (pouchdb-node.ts).
  MemPouch: any,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  user: string,
  pass: () => void,
): Promise<void> {
  const parts = (req.url ?? '/').split('?')[0]?.split('/').filter(Boolean).map(decodeURIComponent) ?? [];
  const [dbName, docId] = parts;
  const bulk = req.method === 'POST' && docId === '_bulk_docs' && parts.length === 2;
  const single =
    (req.method === 'PUT' || req.method === 'DELETE') &&
    parts.length === 2 &&
    !docId?.startsWith('_') &&
    !(req.headers['content-type'] ?? '').includes('multipart');
  if (!dbName || (!bulk && !single)) return pass();
  const db = new MemPouch(dbName);
  const ddocs = (await db.allDocs({ startkey: '_design/', endkey: '_design0', include_docs: true })).rows
    .map((r: { doc?: { validate_doc_update?: unknown } }) => r.doc?.validate_doc_update)
    .filter((f: unknown): f is string => typeof f === 'string');
  if (!ddocs.length) return pass();
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString() || '{}';
  const body = JSON.parse(text) as { docs?: WriteDoc[]; new_edits?: boolean } & WriteDoc;
  const query = new URL(req.url ?? '/', 'http://x').searchParams;
  const docs: WriteDoc[] = bulk
    ? (body.docs ?? [])
    : [
        req.method === 'DELETE'
          ? { _id: docId, _rev: query.get('rev') ?? undefined, _deleted: true }
          : { ...body, _id: docId },
      ];
  const fns = ddocs.map((src: string) => new Function(`return (${src});`)() as Validator);
  const userCtx = { db: dbName, name: user, roles: [] };
  const before = async (doc: WriteDoc) => {
    const r = doc._revisions;
    const prev = r && r.ids.length > 1 ? `${r.start - 1}-${r.ids[1]}` : r ? undefined : doc._rev;
    for (const rev of prev ? [prev, undefined] : [undefined]) {
      try {
        return await db.get(doc._id, rev ? { rev } : {});
      } catch {}
    }
    return null;
  };
  const ok: WriteDoc[] = [];
  const refused: { id?: string; error: string; reason: string }[] = [];
  for (const doc of docs) {
    if (!doc._id || doc._id.startsWith('_design/') || doc._id.startsWith('_local/')) {
      ok.push(doc);
      continue;
    }
    const old = await before(doc);
    try {
      for (const f of fns) f(JSON.parse(JSON.stringify(doc)), old, userCtx, {});
      ok.push(doc);
    } catch (e) {
      const x = e as { forbidden?: string; unauthorized?: string };
      if (x.forbidden !== undefined) refused.push({ id: doc._id, error: 'forbidden', reason: x.forbidden });
      else if (x.unauthorized !== undefined)
        refused.push({ id: doc._id, error: 'unauthorized', reason: x.unauthorized });
      else throw e;
    }
  }
  const send = (status: number, out: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(out));
  };
  if (single && refused[0]) return send(403, { error: refused[0].error, reason: refused[0].reason });
  const opts = body.new_edits === false ? { new_edits: false } : {};
  const written = ok.length ? await db.bulkDocs(ok, opts) : [];
  const answers = (
    written as { id?: string; rev?: string; error?: boolean; name?: string; message?: string }[]
  ).map((w) =>
    w.error ? { id: w.id, error: w.name, reason: w.message } : { ok: true, id: w.id, rev: w.rev },
  );
  if (single) {
    const a = answers[0] as { error?: string; reason?: string } | undefined;
    return a?.error ? send(a.error === 'conflict' ? 409 : 400, a) : send(201, a ?? { ok: true });
  }
  send(201, [...answers, ...refused]);
}

/** The few calls tests make on a server-side database. */
export interface ServerDatabase {
  get(
    id: string,
    opts?: { conflicts?: boolean },
  ): Promise<{ _id: string; _conflicts?: string[] } & Record<string, unknown>>;
  allDocs(opts?: {
    include_docs?: boolean;
  }): Promise<{ total_rows: number; rows: { id: string; doc?: unknown }[] }>;
  info(): Promise<{ doc_count: number }>;
  /** Seeds documents as if reps had pushed them (new revisions). */
  bulkDocs(docs: object[]): Promise<unknown[]>;
}

export interface CouchServer {
  url: string;
  port: number;
  /** Requests seen, for tests that count them (`ms`: from arrival to the answer sent). */
  requests: { method: string; url: string; status: number; ms: number }[];
  /** Closes the listening socket (and live connections); the data stays for `start`. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** The server-side database, to read or write documents directly. */
  database(name: string): ServerDatabase;
  close(): Promise<void>;
}

export async function startCouchServer(opts: CouchServerOptions): Promise<CouchServer> {
  if (opts.child) return startChild(opts);
  // A private prefix per server, so two servers in one process never share memory databases.
  const prefix = `couch-${Math.random().toString(36).slice(2)}-`;
  const MemPouch = NodePouchDB.defaults({ adapter: 'memory', prefix });
  const app = require('express-pouchdb')(MemPouch, {
    mode: 'minimumForPouchDB',
    inMemoryConfig: true,
    logPath: '/dev/null',
  });
  for (const name of Object.keys(opts.members)) await new MemPouch(name).info();
  const requests: CouchServer['requests'] = [];

  const handler: http.RequestListener = (req, res) => {
    const t0 = performance.now();
    res.on('finish', () =>
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        status: res.statusCode,
        ms: performance.now() - t0,
      }),
    );
    const auth = req.headers.authorization ?? '';
    const m = /^Basic (.+)$/.exec(auth);
    const [user, pass] = m
      ? Buffer.from(m[1] as string, 'base64')
          .toString()
          .split(/:(.*)/s)
      : [];
    if (!user || opts.users[user] === undefined || opts.users[user] !== pass) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'unauthorized', reason: 'Name or password is incorrect.' }));
      return;
    }
    const db = decodeURIComponent((req.url ?? '/').split('?')[0]?.split('/')[1] ?? '');
    if (db && !db.startsWith('_')) {
      const members = opts.members[db];
      if (!members) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'not_found', reason: 'Database does not exist.' }));
        return;
      }
      if (!members.includes(user)) {
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'forbidden', reason: 'You are not allowed to access this db.' }));
        return;
      }
      // Only the databases set up above exist: clients never create one (PouchDB's skip_setup).
      if (req.method === 'PUT' && (req.url ?? '').split('?')[0]?.split('/').filter(Boolean).length === 1) {
        res.writeHead(412, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'file_exists', reason: 'The database could not be created.' }));
        return;
      }
    }
    if (!opts.validate) return app(req, res);
    validatedWrite(MemPouch, req, res, user, () => app(req, res)).catch((err) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'validation_failed', reason: String(err) }));
    });
  };

  let server: http.Server | undefined;
  const sockets = new Set<import('node:net').Socket>();
  let port = opts.port ?? 0;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const s = http.createServer(handler);
      s.on('connection', (sock) => {
        sockets.add(sock);
        sock.on('close', () => sockets.delete(sock));
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as AddressInfo).port;
        server = s;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      for (const sock of sockets) sock.destroy();
      server.close(() => resolve());
      server = undefined;
    });
  await start();
  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    requests,
    stop,
    start,
    database: (name) => new MemPouch(name),
    close: stop,
  };
}

/** One call to the child and its answer (couch-server-child.ts). */
export type ChildCall =
  | { id: number; op: 'start' | 'stop' }
  | { id: number; op: 'db'; name: string; method: keyof ServerDatabase; args: unknown[] };

export type ChildNote =
  | { id: number; ok: true; value?: unknown; port?: number }
  | { id: number; ok: false; error: string; status?: number }
  | { request: CouchServer['requests'][number] }
  | { ready: number };

/** The server of `startCouchServer` in a child process, driven over IPC. */
async function startChild(opts: CouchServerOptions): Promise<CouchServer> {
  const entry = new URL('./couch-server-child.ts', import.meta.url).pathname;
  // The child is TypeScript too: jiti (already in the tree, through wxt and vite) loads it.
  const child: ChildProcess = fork(entry, [JSON.stringify({ ...opts, child: false })], {
    execArgv: ['--import', 'jiti/register'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const requests: CouchServer['requests'] = [];
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let port = 0;
  let next = 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => {
      reject(new Error(`the couch server child exited (${code})`));
      for (const w of waiting.values()) w.reject(new Error('the couch server child exited'));
    });
    child.on('message', (m: ChildNote) => {
      if ('ready' in m) {
        port = m.ready;
        resolve();
      } else if ('request' in m) requests.push(m.request);
      else {
        const w = waiting.get(m.id);
        waiting.delete(m.id);
        if (m.ok) {
          if (m.port) port = m.port;
          w?.resolve(m.value);
        } else w?.reject(Object.assign(new Error(m.error), { status: m.status }));
      }
    });
  });
  await ready;
  const call = (msg: Omit<Extract<ChildCall, { op: 'db' }>, 'id'> | { op: 'start' | 'stop' }) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++next;
      waiting.set(id, { resolve, reject });
      child.send({ ...msg, id });
    });
  const database = (name: string): ServerDatabase => {
    const m =
      (method: keyof ServerDatabase) =>
      (...args: unknown[]) =>
        call({ op: 'db', name, method, args }) as never;
    return { get: m('get'), allDocs: m('allDocs'), info: m('info'), bulkDocs: m('bulkDocs') };
  };
  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    requests,
    stop: async () => {
      await call({ op: 'stop' });
    },
    start: async () => {
      await call({ op: 'start' });
    },
    database,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill();
        await exited;
      }
    },
  };
}
