import { describe, expect, it } from 'vitest';
import { importCycles } from './import-cycles.js';
import {
  duplicateHelpers,
  longFiles,
  longFunctions,
  MAX_FILE_LINES,
  MAX_FUNCTION_LINES,
  sourceFiles,
  textFindings,
} from './source-shape.js';

/**
 * The repository's shape, read from the syntax tree of packages/, functions/ and scripts/
 * (tests and generated data aside): small files, small functions, each helper once, and
 * docs and code that cite nothing outside the repository. Each failure names file and line.
 */
describe('the source trees', () => {
  it('are scanned', () => {
    expect(sourceFiles().length).toBeGreaterThan(100);
  });

  it(`have no file over ${MAX_FILE_LINES} lines`, () => {
    expect(longFiles()).toEqual([]);
  });

  it(`have no function over ${MAX_FUNCTION_LINES} lines`, () => {
    expect(longFunctions()).toEqual([]);
  });

  it('define no helper twice (same name, same code once types are removed)', () => {
    expect(duplicateHelpers()).toEqual([]);
  });

  it('import no module that imports them back, type imports included', () => {
    expect(importCycles()).toEqual([]);
  });

  it('name no tracker number and cite docs/api.md, not a file outside the repository', () => {
    expect(textFindings()).toEqual([]);
  });
});
