export * from './actions';
export * from './due-groups';
export * from './gmail-link';
export * from './labels';
export * from './when';
