/**
 * Gmail content script: wiring only. The site-agnostic shell does the work with the Gmail adapter
 * (reporting the page to the background, inserting drafts the sidebar asks for through it, and
 * reporting sends of our drafts).
 */
import { gmailAdapter } from '@/lib/sites/gmail/adapter';
import { runPageShell } from '@/lib/sites/shell';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    runPageShell(ctx, gmailAdapter);
  },
});
