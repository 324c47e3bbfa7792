import '@/components/ui/theme.css';
import '@/components/popup/popup.css';
import { paintFirstScreen } from '@/components/popup/first-paint';

// The first screen from what the background keeps ready (components/popup/first-paint.ts), then
// the full popup, loaded after that paint so its modules do not hold it up.
const root = document.getElementById('root');
if (root) {
  const painted = await paintFirstScreen(root);
  // Past the frame that shows it: evaluating the full popup's modules would otherwise hold it.
  if (painted) await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const { startPopup } = await import('./app');
  await startPopup(root, painted);
}
