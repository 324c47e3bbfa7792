import { TouchbaseDb } from './schema';

export * from './schema';
export * from './queries';

let instance: TouchbaseDb | undefined;

/** The extension's one database. Open it only in the background and extension pages. */
export function getDb(): TouchbaseDb {
  instance ??= new TouchbaseDb();
  return instance;
}
