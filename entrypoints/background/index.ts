import { registerAlarms } from './alarms';
import { refreshBadge } from './badge';
import { registerDataSignal } from './data-signal';
import { handleMessage } from './handlers';
import { registerLanguage } from './language';
import { registerMessaging } from './messaging';
import { notifyTick, registerNotifications } from './notify';
import { registerPageTabs } from './page-tabs';
import { registerSiteScripts } from './sites';
import { registerSync } from './sync';

export default defineBackground(() => {
  registerAlarms(notifyTick);
  registerNotifications();
  registerMessaging(handleMessage);
  registerDataSignal();
  registerPageTabs();
  registerSiteScripts();
  registerSync(refreshBadge);
  registerLanguage(refreshBadge);
});
