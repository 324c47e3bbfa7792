/**
 * LinkedIn content script: wiring only. Registered at runtime by the background, and only on the
 * LinkedIn hosts the rep granted, top frame only; the shell does nothing until a profile or a Sales Navigator lead is open.
 */
import { linkedin } from '@/lib/sites/linkedin';
import { recordAdapter } from '@/lib/sites/record-adapter';
import { runPageShell } from '@/lib/sites/shell';

export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    runPageShell(ctx, recordAdapter(linkedin));
  },
});
