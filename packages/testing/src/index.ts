export * from './fake-wikipedia.js';
export * from './json.js';
export * from './sample-pages.js';
