/**
 * A CouchDB-protocol server inside the test process: express-pouchdb on PouchDB's in-memory
 * adapter, behind a small HTTP Basic check (users, and per database the users allowed, like
 * CouchDB's `_security` members), so tests see CouchDB's 401, 403 and 404 answers. It can be
 * stopped and started again on the same port with its data kept, to cut a sync in the middle.
 */
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
    app(req, res);
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
