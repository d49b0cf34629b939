export * from './fake-wikipedia.js';
export * from './sample-pages.js';
