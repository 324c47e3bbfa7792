/**
 * Salesforce Lightning content script: wiring only. Registered at runtime by the background, and
 * only on the Lightning hosts the rep granted, top frame only (Lightning embeds editors and
 * reports in frames); the shell does nothing until a Contact or Lead record is open.
 */
import { salesforce } from '@/lib/sites/salesforce';
import { recordAdapter } from '@/lib/sites/record-adapter';
import { runPageShell } from '@/lib/sites/shell';

export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    runPageShell(ctx, recordAdapter(salesforce));
  },
});
