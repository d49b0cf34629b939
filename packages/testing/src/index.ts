export * from './fake-wikipedia.js';
export * from './growth.js';
export * from './json.js';
export * from './otlp-receiver.js';
export * from './process.js';
export * from './sample-pages.js';
export * from './serve-process.js';
export * from './wikidata.js';
