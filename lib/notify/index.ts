export * from './nudge';
export * from './speed-to-lead';
export * from './new-lead';
