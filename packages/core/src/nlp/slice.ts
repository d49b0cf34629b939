/** Moved to util/slice.ts (one slicer for every long step); this re-export goes once nothing imports it. */
export { nextTurn, SLICE_MS, type SlicerOptions, sliceDue, slicer } from '../util/slice.js';
