import {
  Fragment,
  lazy,
  Suspense,
  startTransition,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { TouchRow } from '@/lib/db';
import { useUndoToast } from '@/components/shared/useUndoToast';
import { getDb, latestUndo } from '@/lib/db';
import { requestUndoable } from '@/lib/messaging/client';
// Not the '@/lib/touches' index: it carries the Gmail adapter, which only the drafts need.
import { tomorrowSnooze } from '@/lib/touches/actions';
import { groupDue, waitingOn } from '@/lib/touches/due-groups';
import { CHANNEL_WORDS, contactLabel, touchNumberLabel } from '@/lib/touches/labels';
import { whenLabel } from '@/lib/touches/when';
import { AlertsToggle } from './AlertsToggle';
import { DueRow } from './DueRow';
import { EmptyState } from './EmptyState';
import { SidePanelButton } from './SidePanelButton';
import { SitePrompt } from './SitePrompt';
import { SyncLine } from './SyncLine';
import { useSyncStatus } from '@/components/shared/useSyncStatus';
import { ownerNote } from '@/lib/sync/owner-text';
import type { TouchAct } from './TouchPanel';
import { FIRST_SCREEN, FIRST_SCREEN_EMBEDDED, GROUPS, showsCountdown, takeEarlyClick } from './first-paint';
import { usePopupData } from './usePopupData';
import { useNow } from './useNow';
import './popup.css';
import { formatCount, t, uiLocale } from '@/lib/i18n';
import { renderMsg } from '@/lib/i18n/message';

const VIA = 'popup';

// The drafts (every template, every language) load after the list is on screen.
const loadTouchPanel = () => import('./TouchPanel');
const TouchPanel = lazy(() => loadTouchPanel().then((m) => ({ default: m.TouchPanel })));

function openDashboard(hash = ''): void {
  if (!hash) {
    void browser.runtime.openOptionsPage();
    return;
  }
  void browser.tabs.create({ url: browser.runtime.getURL(`/options.html${hash}`) });
}

/**
 * The toolbar popup: what is due, most urgent first, and one click to act on it. `embedded`: the
 * same list inside Chrome's side panel, under the person in view (no header of its own, and no
 * controls that need the popup's click on the toolbar).
 */
export function PopupApp({ embedded = false }: { embedded?: boolean }) {
  const [fast, setFast] = useState(false);
  const now = useNow(fast ? 1_000 : 30_000);
  // Team sync: another rep's leads say so ("Ana's lead since Tuesday").
  const { config: syncSetup } = useSyncStatus();
  const meId = syncSetup?.enabled ? syncSetup.replica : undefined;
  const data = usePopupData(Math.floor(now / 60_000));
  const timeZone = data?.settings.timeZone ?? 'UTC';
  // Team sync: a teammate's lead is theirs to work. Its touches leave the groups and their counts
  // (as they leave the badge) and wait at the end, greyed, with whose lead each is.
  const [mine, theirs] = useMemo(() => {
    if (!data || !meId) return [data?.touches ?? [], []];
    const other = (t: TouchRow) => {
      const owner = data.contacts.get(t.contactId)?.owner;
      return !!owner && owner.id !== meId;
    };
    return [data.touches.filter((t) => !other(t)), data.touches.filter(other)];
  }, [data, meId]);
  const groups = useMemo(
    () =>
      data
        ? groupDue(mine, now, timeZone, undefined, (t) => data.scores.get(t.contactId)?.score ?? 0)
        : undefined,
    [data, mine, now, timeZone],
  );
  const flat = useMemo(
    () => (groups ? [...groups.overdue, ...groups.today, ...groups.upcoming] : []),
    [groups],
  );
  const blocked = useMemo(() => waitingOn(data?.touches ?? []), [data]);

  // With hundreds due, the first screenful is drawn first and the rest right after that frame.
  const firstScreen = embedded ? FIRST_SCREEN_EMBEDDED : FIRST_SCREEN;
  const [allRows, setAllRows] = useState(false);
  useEffect(() => {
    if (allRows || flat.length <= firstScreen) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setAllRows(true)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [allRows, flat.length, firstScreen]);
  const loaded = data !== undefined;
  useEffect(() => {
    if (!loaded) return;
    const timer = setTimeout(() => void loadTouchPanel(), 50);
    return () => clearTimeout(timer);
  }, [loaded]);
  const shownIds = useMemo(
    () => (allRows ? undefined : new Set(flat.slice(0, firstScreen).map((t) => t.id))),
    [allRows, flat, firstScreen],
  );

  useEffect(() => {
    setFast(
      flat.some((t) => t.withinMinutes !== undefined && (showsCountdown(t, now) || t.dueAt - now < 60_000)),
    );
  }, [flat, now]);

  // A row clicked on the first screen, before these rows replaced it, opens now.
  const [early] = useState(() => (embedded ? undefined : takeEarlyClick()));
  const [focusedId, setFocusedId] = useState<number | undefined>(early);
  const [expandedId, setExpandedId] = useState<number | undefined>(early);
  const [busyId, setBusyId] = useState<number | undefined>();
  const [copyId, setCopyId] = useState<number | undefined>();
  const onCopied = useCallback(() => setCopyId(undefined), []);
  const [status, setStatus] = useState<{ text: string; error: boolean } | undefined>();
  const heads = useRef(new Map<number, HTMLButtonElement>());
  // In the side panel the list sits under the person in view: taking focus would scroll them away.
  const wantFocus = useRef(!embedded);

  const currentId = flat.some((t) => t.id === focusedId) ? focusedId : flat[0]?.id;

  // Focus follows the keyboard, and lands on the first row when the popup opens.
  useEffect(() => {
    if (!wantFocus.current || currentId === undefined) return;
    const el = heads.current.get(currentId);
    if (!el) return;
    el.focus();
    wantFocus.current = false;
  }, [currentId]);

  // A row that changes group (a touch falls due, a countdown runs out) is re-mounted and the
  // browser drops its focus to <body>, where no key reaches the list. Put focus back on it.
  useEffect(() => {
    if (document.activeElement && document.activeElement !== document.body) return;
    if (focusedId === undefined) return;
    heads.current.get(focusedId)?.focus({ preventScroll: true });
  });

  const onStatus = useCallback((text: string, error = false) => setStatus({ text, error }), []);
  const toast = useUndoToast();
  const showToast = toast.show;

  // The popup closes as soon as the rep clicks away: an action taken just before is still
  // offered for undo when it opens again, since the entry lives in the database.
  useEffect(() => {
    void latestUndo(getDb(), VIA, Date.now()).then((t) => {
      if (t) showToast(`${renderMsg(t.label)}.`, t);
    });
  }, [showToast]);

  const focusRow = (id: number | undefined) => {
    if (id === undefined) return;
    setFocusedId(id);
    heads.current.get(id)?.focus();
  };

  const move = (fromId: number | undefined, delta: number) => {
    if (!flat.length) return;
    const idx = Math.max(
      0,
      flat.findIndex((t) => t.id === fromId),
    );
    focusRow(flat[Math.min(flat.length - 1, Math.max(0, idx + delta))]?.id);
  };

  const tomorrow = useMemo(() => {
    const start = data?.settings.workingHours.start ?? '09:00';
    return tomorrowSnooze(now, timeZone, start);
  }, [now, timeZone, data?.settings.workingHours.start]);

  const act = async (touch: TouchRow, a: TouchAct) => {
    if (busyId !== undefined) return;
    const first = blocked.get(touch.id);
    if (first) {
      onStatus(
        t('popup_step_first', { step: touchNumberLabel(first), channel: CHANNEL_WORDS[first.channel] }),
        true,
      );
      return;
    }
    setBusyId(touch.id);
    // The row leaves the list: keep the keyboard on its neighbour.
    const idx = flat.findIndex((t) => t.id === touch.id);
    const neighbour = flat[idx + 1] ?? flat[idx - 1];
    const who = contactLabel(data?.contacts.get(touch.contactId));
    try {
      let said: string;
      let res: Awaited<ReturnType<typeof requestUndoable>>;
      if (a.kind === 'done') {
        res = await requestUndoable('touch.complete', { touchId: touch.id, via: VIA, text: a.text });
        said = t('popup_said_done', { channel: CHANNEL_WORDS[touch.channel], name: who });
      } else if (a.kind === 'skip') {
        res = await requestUndoable('touch.skip', { touchId: touch.id, via: VIA });
        said = t('popup_said_skipped', { channel: CHANNEL_WORDS[touch.channel], name: who });
      } else if (a.kind === 'snooze') {
        res = await requestUndoable('touch.snooze', { touchId: touch.id, minutes: a.minutes, via: VIA });
        said =
          a.minutes === 60
            ? t('popup_said_snoozed_hour', { name: who })
            : t('popup_said_snoozed_to', {
                name: who,
                when: `${a.label.charAt(0).toLocaleLowerCase(uiLocale())}${a.label.slice(1)}`,
              });
      } else {
        res = await requestUndoable('call.outcome', { touchId: touch.id, outcome: a.outcome, via: VIA });
        said =
          a.outcome === 'answered'
            ? t('popup_said_answered', { name: who })
            : a.outcome === 'voicemail'
              ? t('popup_said_voicemail', { name: who })
              : t('popup_said_no_answer', { name: who });
      }
      setStatus(undefined);
      showToast(said, res.undo);
      if (expandedId === touch.id) setExpandedId(undefined);
      if (neighbour) {
        wantFocus.current = true;
        setFocusedId(neighbour.id);
      }
    } catch (err) {
      onStatus(err instanceof Error ? err.message : String(err), true);
    } finally {
      setBusyId(undefined);
    }
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    // The row the rep sees focused (DOM focus) wins over remembered state.
    const fromDom = Number(target.closest('[data-touch-id]')?.getAttribute('data-touch-id'));
    const activeId = flat.some((t) => t.id === fromDom) ? fromDom : currentId;
    const touch = flat.find((t) => t.id === activeId);
    switch (e.key) {
      case 'ArrowDown':
      case 'j':
        move(activeId, 1);
        break;
      case 'ArrowUp':
      case 'k':
        move(activeId, -1);
        break;
      case 'Home':
        focusRow(flat[0]?.id);
        break;
      case 'End':
        focusRow(flat[flat.length - 1]?.id);
        break;
      case 'Enter':
        // On the row itself the button's own click toggles it.
        if (target.closest('button, a') || !touch) return;
        setExpandedId((id) => (id === touch.id ? undefined : touch.id));
        break;
      case 'Escape':
        if (expandedId === undefined) return;
        setExpandedId(undefined);
        focusRow(expandedId);
        break;
      case 'd':
        if (touch) void act(touch, { kind: 'done' });
        break;
      case 's':
        if (touch) void act(touch, { kind: 'skip' });
        break;
      case 'z':
        if (touch) void act(touch, { kind: 'snooze', minutes: 60, label: t('touch_snooze_hour') });
        break;
      case 'c':
        if (!touch) return;
        setExpandedId(touch.id);
        setCopyId(touch.id);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  // A capped list would undercount: past the cap the header counts come from the index.
  const counts =
    groups &&
    (data?.counts ?? {
      overdue: groups.overdue.length,
      today: groups.today.length,
      upcoming: groups.upcoming.length,
    });

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: one keyboard handler for the whole list; the rows themselves are buttons.
    <div className={`tb-popup${embedded ? ' tb-embedded' : ''}`} onKeyDown={onKeyDown}>
      <header className="tb-popup-header">
        {embedded ? (
          <h2 className="tb-section-title">{t('popup_due_title')}</h2>
        ) : (
          <>
            <img src="/icon/32.png" alt="" width={20} height={20} />
            <h1>Touchbase</h1>
          </>
        )}
        {counts && flat.length > 0 ? (
          <span className="tb-popup-summary" data-testid="popup-summary">
            {counts.overdue > 0 ? (
              <span className="late">{t('popup_summary_overdue', { count: counts.overdue })}</span>
            ) : null}
            {counts.overdue > 0 && counts.today > 0 ? ' · ' : null}
            {counts.today > 0 ? t('popup_summary_today', { count: counts.today }) : null}
          </span>
        ) : null}
        {embedded ? null : (
          <button
            type="button"
            className="tb-small tb-header-link"
            onClick={() => openDashboard()}
            data-testid="open-dashboard"
          >
            {t('popup_dashboard')}
          </button>
        )}
      </header>
      <main className="tb-popup-body">
        {data === undefined || !groups ? null : flat.length === 0 && theirs.length === 0 ? (
          data.nextLater ? (
            <section className="tb-caught-up" data-testid="popup-caught-up">
              <h2>{t('popup_caught_up')}</h2>
              <p className="tb-muted">
                {t('popup_next_later', {
                  channel: CHANNEL_WORDS[data.nextLater.channel],
                  when: whenLabel(data.nextLater, now, timeZone).text,
                })}
              </p>
            </section>
          ) : (
            <EmptyState onImport={() => openDashboard('#/import')} />
          )
        ) : (
          <div data-testid="popup-list">
            {GROUPS.map(({ id, title }) => {
              const all = groups[id];
              const list = shownIds ? all.filter((t) => shownIds.has(t.id)) : all;
              if (list.length === 0) return null;
              return (
                <section key={id} className={`tb-group tb-group-${id}`} data-testid={`group-${id}`}>
                  <h2 className="tb-section-title">
                    {t(title)} <span className="tb-count">{formatCount(counts?.[id] ?? all.length)}</span>
                  </h2>
                  <ul className="tb-due-list">
                    {list.map((t) => (
                      <Fragment key={t.id}>
                        <li
                          className={`tb-due${expandedId === t.id ? ' open' : ''}`}
                          data-testid="due-row"
                          data-touch-id={t.id}
                        >
                          <DueRow
                            ref={(el) => {
                              if (el) heads.current.set(t.id, el);
                              else heads.current.delete(t.id);
                            }}
                            touch={t}
                            contact={data.contacts.get(t.contactId)}
                            owner={ownerNote(data.contacts.get(t.contactId)?.owner, meId, now, timeZone)}
                            score={data.scores.get(t.contactId)}
                            now={now}
                            timeZone={timeZone}
                            waitsFor={blocked.get(t.id)}
                            expanded={expandedId === t.id}
                            focused={t.id === currentId}
                            onToggle={() => setExpandedId((x) => (x === t.id ? undefined : t.id))}
                            onFocus={() => setFocusedId(t.id)}
                          />
                          {expandedId === t.id ? (
                            <Suspense fallback={null}>
                              <TouchPanel
                                touch={t}
                                now={now}
                                busy={busyId !== undefined}
                                waitsFor={blocked.get(t.id)}
                                tomorrow={tomorrow}
                                copyPending={copyId === t.id}
                                onCopied={onCopied}
                                onAct={(a) => void act(t, a)}
                                onStatus={onStatus}
                              />
                            </Suspense>
                          ) : null}
                        </li>
                      </Fragment>
                    ))}
                  </ul>
                </section>
              );
            })}
            {theirs.length > 0 ? (
              <section className="tb-group tb-group-theirs" data-testid="group-theirs">
                <h2 className="tb-section-title" title={t('sync_theirs_group_hint')}>
                  {t('sync_theirs_group')} <span className="tb-count">{formatCount(theirs.length)}</span>
                </h2>
                <ul className="tb-due-list">
                  {theirs.map((x) => (
                    <li key={x.id} className="tb-due tb-theirs" data-testid="due-row-theirs">
                      <DueRow
                        touch={x}
                        contact={data.contacts.get(x.contactId)}
                        owner={ownerNote(data.contacts.get(x.contactId)?.owner, meId, now, timeZone)}
                        score={data.scores.get(x.contactId)}
                        now={now}
                        timeZone={timeZone}
                        waitsFor={undefined}
                        expanded={false}
                        focused={false}
                        onToggle={() => openDashboard(`#/contacts/${x.contactId}`)}
                        onFocus={() => undefined}
                      />
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
            {data.truncated ? (
              <p className="tb-muted tb-more" data-testid="popup-truncated">
                {t('popup_truncated', {
                  // The rep's own rows: teammates' leads among the rows read wait apart.
                  shown: flat.length,
                  total: counts ? counts.overdue + counts.today + counts.upcoming : flat.length,
                })}
              </p>
            ) : null}
            <p className="tb-keys tb-muted" aria-hidden="true">
              {t('popup_keys')}
            </p>
          </div>
        )}
      </main>
      {/* With the list, not before it: drawn under the bare header, the footer's buttons would
          jump down as the rows arrive. */}
      {data === undefined ? null : (
        <footer className="tb-popup-footer">
          <output
            className={`tb-status${status?.error ? ' error' : ''}`}
            aria-live="polite"
            data-testid="popup-status"
          >
            {status?.text ?? ''}
          </output>
          {embedded ? null : <SitePrompt onStatus={onStatus} />}
          <SyncLine now={now} />
          {!embedded ? <AlertsToggle enabled={data.settings.notifications} onStatus={onStatus} /> : null}
          {embedded ? null : <SidePanelButton onStatus={onStatus} />}
        </footer>
      )}
      {toast.element}
    </div>
  );
}
