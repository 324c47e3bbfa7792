export * from './nudge';
export * from './speed-to-lead';
