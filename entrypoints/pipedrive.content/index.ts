/**
 * Pipedrive content script: wiring only. Registered at runtime by the background, and only on the
 * Pipedrive hosts the rep granted, top frame only; the shell does nothing until a person (or a deal's person) is open.
 */
import { pipedrive } from '@/lib/sites/pipedrive';
import { recordAdapter } from '@/lib/sites/record-adapter';
import { runPageShell } from '@/lib/sites/shell';

export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    runPageShell(ctx, recordAdapter(pipedrive));
  },
});
