export * from './actions';
export * from './due-groups';
export * from './labels';
export * from './when';
