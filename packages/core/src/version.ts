/** Kept equal to packages/core/package.json "version" (a test checks it). */
export const VERSION = '0.1.0';
export const CONTACT_URL = 'https://github.com/cityscope/cityscope';
