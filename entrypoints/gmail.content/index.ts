import { mountSidebarFrame } from '@/lib/sites/sidebar-frame';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    // Never throw into Gmail: anything unexpected is logged quietly and the page is left alone.
    try {
      const frame = mountSidebarFrame(ctx, () => undefined);
      const postView = () =>
        frame.post({
          tb: 'view',
          view: {
            site: 'gmail',
            kind: 'unknown',
            url: location.href,
            composes: [],
            inboxRows: [],
            problems: [],
          } as never,
        });
      postView();
      ctx.addEventListener(window, 'hashchange', postView);
    } catch (err) {
      console.debug('[touchbase] sidebar not mounted', err);
    }
  },
});
