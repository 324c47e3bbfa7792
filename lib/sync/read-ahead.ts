/**
 * The pull as PouchDB's replicator runs it, with its waits taken out.
 *
 * PouchDB's replicator reads the changes feed a few batches ahead, but handles each batch in
 * turn: ask the local copy which revisions it lacks (`revsDiff`), download those (`_bulk_get`),
 * write them, move the checkpoints, and only then start on the next batch. On a first sync of a
 * large team the browser sits idle while the server answers and the server sits idle while the
 * browser writes. And PouchDB's `revsDiff` reads each document's revision tree in a transaction
 * of its own: 2,000 transactions a batch, slower than writing the batch.
 *
 * `readAhead` changes two calls and nothing else:
 * - the revision check first asks which of the documents the local copy has at all, in one read
 *   (`allDocs` by key); a document it does not have lacks every revision, and only the others
 *   go through PouchDB's own `revsDiff`;
 * - as soon as a read-ahead batch of changes arrives, its check and its download start, and the
 *   replicator's own `revsDiff` and `_bulk_get` for that batch are answered from them;
 * - with `bodies`, the feed is asked for the documents too, and the download takes those still at
 *   their only first revision from it (see {@link ReadAheadOptions}).
 * The replicator still decides everything, in its order: the changes it reads, what it writes,
 * its checkpoints. An answer is only reused for exactly the question it answered (the same
 * documents and revisions); anything else, or a download that failed, goes out as it would have.
 * Reusing a check made a little earlier is safe: the local copy only gains revisions meanwhile,
 * so at worst a revision is fetched that the copy already has, and writing it again (the
 * replicator writes with `new_edits: false`) changes nothing.
 */

export interface FeedChange {
  id: string;
  changes: { rev: string }[];
  deleted?: boolean;
  /** The winning revision's body, when the feed was asked to include it. */
  doc?: FeedDoc;
}

export interface FeedDoc {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
}

export interface BulkGetRequest {
  docs: { id: string; rev?: string }[];
  revs?: boolean;
  latest?: boolean;
}

export type BulkGetDocs = ({ ok: object } | { error: unknown })[];

export interface BulkGetAnswer {
  results: { id: string; docs: BulkGetDocs }[];
}

export type RevsDiff = Record<string, { missing?: string[] }>;

/** What the replicator calls on its source that this changes (a remote PouchDB). */
export interface ReadAheadSource {
  changes(opts: Record<string, unknown>): PromiseLike<{ results?: FeedChange[] }> & {
    /** PouchDB's feed tells each change as it comes (`'change'`), before it resolves. */
    on?(event: 'change', listener: (c: FeedChange) => void): unknown;
  };
  bulkGet(opts: BulkGetRequest): Promise<BulkGetAnswer>;
}

/** What the replicator calls on its target that this changes (the local PouchDB). */
export interface ReadAheadTarget {
  revsDiff(diff: Record<string, string[]>): Promise<RevsDiff>;
  allDocs(opts: { keys: string[] }): Promise<{ rows: ({ error?: string } | undefined)[] }>;
}

export interface ReadAheadOptions {
  /**
   * Ask the changes feed for each document's body as well (`include_docs`): a document still at
   * its first revision, with no other leaf, is then written from the feed, and `_bulk_get` asks
   * only for the others. A team's first sync is mostly such documents (activities are written
   * once, never edited), so it makes one request per batch instead of two, and the server reads
   * each document once instead of walking its revisions for `_bulk_get`.
   */
  bodies?: boolean;
}

/**
 * The document exactly as `_bulk_get` (`revs`, `latest`) answers for its one revision, when the
 * feed brought it and that revision is its first and only leaf: its history is then just
 * itself, so nothing is lost by not asking. Else undefined (asked of the server as before).
 */
function firstRevision(c: FeedChange, doc: FeedDoc | undefined): object | undefined {
  const rev = c.changes.length === 1 ? c.changes[0]?.rev : undefined;
  if (!doc || c.deleted || doc._deleted || doc._id !== c.id || !rev || doc._rev !== rev) return;
  // Attachments come as stubs in the feed: the server is asked, as before.
  if ('_attachments' in doc) return;
  const m = /^1-(.+)$/.exec(rev);
  if (!m) return;
  return { ...doc, _revisions: { start: 1, ids: [m[1]] } };
}

const revsKey = (revs: string[]) => [...revs].sort().join(' ');

/** One answer per document id, kept for the replicator's question about that document. */
class Answers<T> {
  private readonly kept = new Map<string, Promise<{ revs: string; value: T } | undefined>>();

  /** `answer` says which revisions it answers for: only the same question gets it. */
  keep(id: string, answer: Promise<{ revs: string[]; value: T } | undefined>): void {
    this.kept.set(
      id,
      answer.then(
        (a) => (a ? { revs: revsKey(a.revs), value: a.value } : undefined),
        () => undefined,
      ),
    );
  }

  forget(id: string): void {
    this.kept.delete(id);
  }

  /** The answers for exactly these documents and revisions (then forgotten), or undefined. */
  async take(asked: Map<string, string[]>): Promise<Map<string, T> | undefined> {
    const ids = [...asked.keys()];
    const pending = ids.map((id) => this.kept.get(id));
    if (!ids.length || pending.some((p) => !p)) return;
    const got = await Promise.all(pending);
    ids.forEach((id, i) => {
      if (this.kept.get(id) === pending[i]) this.kept.delete(id);
    });
    if (got.some((g, i) => !g || g.revs !== revsKey(asked.get(ids[i] as string) ?? []))) return;
    return new Map(ids.map((id, i) => [id, got[i]?.value as T]));
  }
}

/**
 * Patches `source` (the remote PouchDB of one pull) and `target` (the local copy it writes into)
 * as described above; the answer puts both back as they were (call it once the pull is over).
 * `absent`, when given, gathers the documents a check found the copy not holding at all (then: a
 * batch written after that check may have brought one since).
 */
export function readAhead(
  source: ReadAheadSource,
  target: ReadAheadTarget,
  absent?: Set<string>,
  opts: ReadAheadOptions = {},
): () => void {
  const changes = source.changes.bind(source);
  const bulkGet = source.bulkGet.bind(source);
  const revsDiff = target.revsDiff.bind(target);
  const allDocs = target.allDocs.bind(target);
  const checks = new Answers<{ missing?: string[] }>();
  const downloads = new Answers<BulkGetDocs>();

  /** PouchDB's answer, from one read for the documents this copy does not have at all. */
  const check = async (diff: Record<string, string[]>): Promise<RevsDiff> => {
    const ids = Object.keys(diff);
    const { rows } = await allDocs({ keys: ids });
    const out: RevsDiff = {};
    const held: Record<string, string[]> = {};
    ids.forEach((id, i) => {
      if (rows[i]?.error === 'not_found') {
        out[id] = { missing: diff[id] };
        absent?.add(id);
      } else held[id] = diff[id] ?? [];
    });
    if (Object.keys(held).length) Object.assign(out, await revsDiff(held));
    return out;
  };

  const start = (results: FeedChange[], bodies: ReadonlyMap<string, FeedDoc>) => {
    const diff: Record<string, string[]> = {};
    // Documents the feed brought whole, as `_bulk_get` would send them (see `firstRevision`).
    const inHand = new Map<string, object>();
    for (const c of results) {
      diff[c.id] = c.changes.map((x) => x.rev);
      const whole = firstRevision(c, bodies.get(c.id));
      if (whole) inHand.set(c.id, whole);
    }
    const checked = check(diff);
    const downloaded = checked.then(async (missing) => {
      const byId = new Map<string, BulkGetDocs>();
      const docs: { id: string; rev: string }[] = [];
      for (const [id, m] of Object.entries(missing)) {
        const doc = inHand.get(id);
        const revs = m.missing ?? [];
        if (doc && revs.length === 1 && revs[0] === (doc as { _rev?: string })._rev)
          byId.set(id, [{ ok: doc }]);
        else docs.push(...revs.map((rev) => ({ id, rev })));
      }
      if (docs.length)
        for (const r of (await bulkGet({ docs, revs: true, latest: true })).results)
          byId.set(r.id, [...(byId.get(r.id) ?? []), ...r.docs]);
      return { missing, byId };
    });
    // Kept at once, so the replicator's own questions about this batch wait for these.
    for (const [id, revs] of Object.entries(diff)) {
      checks.keep(
        id,
        checked.then((m) => ({ revs, value: m[id] ?? {} })),
      );
      downloads.keep(
        id,
        downloaded.then(({ missing, byId }) => {
          const docs = byId.get(id);
          return docs ? { revs: missing[id]?.missing ?? [], value: docs } : undefined;
        }),
      );
    }
  };

  const own = (o: object, k: string) => Object.hasOwn(o, k);
  const before = [
    [source, 'changes', own(source, 'changes'), source.changes],
    [source, 'bulkGet', own(source, 'bulkGet'), source.bulkGet],
    [target, 'revsDiff', own(target, 'revsDiff'), target.revsDiff],
  ] as const;
  Object.assign(source, {
    changes(asked: Record<string, unknown>) {
      const once = !asked.live && !asked.continuous;
      const bodies = once && opts.bodies;
      const feed = changes(bodies ? { ...asked, include_docs: true } : asked);
      // Taken as each change is told, before the replicator's own listener drops the body.
      const docs = new Map<string, FeedDoc>();
      if (bodies)
        feed.on?.('change', (c: FeedChange) => {
          if (c.doc) docs.set(c.id, c.doc);
        });
      if (once)
        feed.then(
          (res) => (res.results?.length ? start(res.results, docs) : undefined),
          () => undefined,
        );
      return feed;
    },
    async bulkGet(opts: BulkGetRequest): Promise<BulkGetAnswer> {
      const asked = new Map<string, string[]>();
      for (const d of opts.docs) asked.set(d.id, [...(asked.get(d.id) ?? []), d.rev ?? '']);
      const got = opts.revs && opts.latest ? await downloads.take(asked) : undefined;
      // Every document there and none refused: else the server is asked, as it would have been.
      const whole = got && [...got.values()].every((docs) => docs.length && docs.every((d) => 'ok' in d));
      if (!got || !whole) return bulkGet(opts);
      return {
        results: [...got].flatMap(([id, docs]) => docs.map((d) => ({ id, docs: [d] }))),
      };
    },
  });
  Object.assign(target, {
    async revsDiff(diff: Record<string, string[]>): Promise<RevsDiff> {
      const got = await checks.take(new Map(Object.entries(diff)));
      if (!got) return check(diff);
      const out: RevsDiff = {};
      for (const [id, m] of got) {
        if (m.missing?.length) out[id] = m;
        // Nothing to fetch: the replicator will not ask.
        else downloads.forget(id);
      }
      return out;
    },
  });
  return () => {
    for (const [o, k, wasOwn, f] of before) {
      if (wasOwn) Object.assign(o, { [k]: f });
      else delete (o as unknown as Record<string, unknown>)[k];
    }
  };
}

/**
 * Makes `target.revsDiff`, which the replicator asks once per batch before downloading and
 * writing it, wait for `room` first: the pull then writes no faster than what it wrote is taken
 * (lib/sync/run.ts). Call after `readAhead`; the answer puts `revsDiff` back (call it first).
 */
export function holdWrites(target: ReadAheadTarget, room: () => Promise<void>): () => void {
  const own = Object.hasOwn(target, 'revsDiff');
  const before = target.revsDiff;
  const diff = before.bind(target);
  target.revsDiff = async (d) => {
    await room();
    return diff(d);
  };
  return () => {
    if (own) target.revsDiff = before;
    else delete (target as Partial<ReadAheadTarget>).revsDiff;
  };
}
