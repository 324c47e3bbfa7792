import { useEffect, useRef, useState } from 'react';
import { request } from '@/lib/messaging/client';
import type { SidebarData } from '@/lib/sidebar/query';
import { createReplyGate, repliesInView } from '@/lib/sidebar/replies';
import { dataVersion } from '@/lib/sidebar/signal';
import type { PageView } from '@/lib/sites/types';

/** The sidebar's data for the people and senders in view, refreshed whenever the database changes. */
export function useSidebarData(
  people: readonly string[],
  senders: readonly string[],
  /** Records in view (`<site>:<key>`): their contacts are found whether or not they have an email. */
  externalIds: readonly string[] = [],
): { data: SidebarData | undefined; error: string | undefined } {
  const key = JSON.stringify([people, senders, externalIds]);
  const [state, setState] = useState<{ key: string; data: SidebarData }>();
  const [error, setError] = useState<string>();
  const seq = useRef(0);

  useEffect(() => {
    const [p, s, x] = JSON.parse(key) as [string[], string[], string[]];
    const load = () => {
      seq.current += 1;
      const mine = seq.current;
      request('sidebar.data', { people: p, senders: s, ...(x.length ? { externalIds: x } : {}) })
        .then((data) => {
          // An older answer arriving late must not replace a newer one.
          if (mine !== seq.current) return;
          setState({ key, data });
          setError(undefined);
        })
        .catch((err: unknown) => {
          if (mine === seq.current) setError(err instanceof Error ? err.message : String(err));
        });
    };
    load();
    const unwatch = dataVersion.watch(load);
    return () => unwatch();
  }, [key]);

  // Data for another set of people is not an answer for this one: report "loading" meanwhile.
  return { data: state?.key === key ? state.data : undefined, error };
}

/**
 * Reports replies the page shows from enrolled contacts (thread messages and message-list rows)
 * to the background, once each; the background pauses their sequences.
 */
export function useReplyDetection(view: PageView | undefined, data: SidebarData | undefined): void {
  const gate = useRef(createReplyGate());
  useEffect(() => {
    if (!view || !data?.contacts.length) return;
    const hits = repliesInView(
      view,
      new Map(
        data.contacts.flatMap((c) => (c.emailLower === undefined ? [] : [[c.emailLower, c.id] as const])),
      ),
      data.enrolments,
    );
    for (const hit of hits) {
      if (!gate.current(hit)) continue;
      void request('reply.log', {
        contactId: hit.contactId,
        at: hit.at,
        threadId: hit.threadId,
        ...(hit.text ? { text: hit.text } : {}),
        via: 'gmail',
      }).catch(() => undefined);
    }
  }, [view, data]);
}

/** A clock for "due in 5 min" labels, ticking every 30 s. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(id);
  }, [intervalMs]);
  return now;
}

export { toRenderActivities } from '@/lib/drafts/draft';
