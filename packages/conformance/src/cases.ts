/**
 * The one list of conformance cases, taken from docs/api.md. Every runtime
 * (node, aws, gcp, azure), in-process and over HTTP, must pass every case that
 * applies to it. Expectations are about the sample data of @cityscope/testing.
 */
import { CITY_CASES } from './cases/cities.js';
import { LOGISTICS_CASES } from './cases/logistics.js';
import { MAPS_CASES } from './cases/maps.js';
import { PLATFORM_CASES } from './cases/platform.js';
import { TEXT_CASES } from './cases/text.js';
import type { Case } from './types.js';

export * from './types.js';

export const CASES: Case[] = [...PLATFORM_CASES, ...CITY_CASES, ...LOGISTICS_CASES, ...MAPS_CASES, ...TEXT_CASES];
