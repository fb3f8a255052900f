/** The protocol as pure code: one import for the flows, the store and the cards. */
export * from './types.js';
export * from './incident-schema.js';
export * from './errors.js';
export * from './texts.js';
export * from './profiles/index.js';
export * from './classify.js';
export * from './route.js';
export * from './channel-readers.js';
export * from './deadlines.js';
export * from './format.js';
export * from './measures.js';
export * from './incident.js';
