/** Template layer: built-in library, merge-field rendering, SMS and voicemail length checks. */
export * from './types';
export * from './library';
export * from './render';
export * from './sms';
export * from './voicemail';
export * from './slots';
export * from './last-touch';
export * from './language';
