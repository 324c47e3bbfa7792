import { TouchbaseDb } from './schema';

export * from './schema';
export * from './queries';
export * from './repo';
export * from './settings';
export * from './backup';
export * from './optout';
export * from './suppressions';
export * from './undo';
export * from './outbox';
export * from './horizon';
export * from './ownership';

let instance: TouchbaseDb | undefined;

/** The extension's one database. Open it only in the background and extension pages. */
export function getDb(): TouchbaseDb {
  instance ??= new TouchbaseDb();
  return instance;
}
