import { registerAlarms } from './alarms';
import { handleMessage } from './handlers';
import { registerMessaging } from './messaging';

export default defineBackground(() => {
  registerAlarms();
  registerMessaging(handleMessage);
});
