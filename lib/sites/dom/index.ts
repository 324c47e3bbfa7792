/** Site-agnostic DOM and text helpers for the record-page adapters (no site knowledge here). */
export * from './contact';
export * from './query';
export * from './record';
export * from './text';
