/**
 * HubSpot content script: wiring only. Registered at runtime by the background, and only on the
 * HubSpot hosts the rep granted (lib/sites/registration.ts); the shell does nothing until a
 * contact record is open.
 */
import { hubspot } from '@/lib/sites/hubspot';
import { recordAdapter } from '@/lib/sites/record-adapter';
import { runPageShell } from '@/lib/sites/shell';

export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    runPageShell(ctx, recordAdapter(hubspot));
  },
});
