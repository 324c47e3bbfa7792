/**
 * The child process of `startCouchServer({ child: true })`: the same server, its options as the
 * first argument, driven over IPC (couch-server.ts `startChild`). It ends with its parent.
 */
import { type ChildCall, type ChildNote, type CouchServerOptions, startCouchServer } from './couch-server';

const send = (note: ChildNote) => process.send?.(note);

async function main(): Promise<void> {
  const opts = JSON.parse(process.argv[2] ?? '{}') as CouchServerOptions;
  const server = await startCouchServer({ ...opts, child: false });
  // Each answer as it is sent, not the list: the parent keeps its own.
  const push = server.requests.push.bind(server.requests);
  server.requests.push = (...items) => {
    for (const request of items) send({ request });
    return push(...items);
  };
  process.on('message', (m: ChildCall) => {
    const run = async () => {
      if (m.op === 'start') await server.start();
      else if (m.op === 'stop') await server.stop();
      else if (m.op === 'db') {
        const db = server.database(m.name) as unknown as Record<
          string,
          (...a: unknown[]) => Promise<unknown>
        >;
        return db[m.method]?.(...m.args);
      }
    };
    run().then(
      (value) => send({ id: m.id, ok: true, value, port: server.port }),
      (err) => {
        const e = err as { message?: string; status?: number };
        send({ id: m.id, ok: false, error: String(e?.message ?? err), status: e?.status });
      },
    );
  });
  send({ ready: server.port });
}

process.on('disconnect', () => process.exit(0));
main().catch((err) => {
  console.error(err);
  process.exit(1);
});
