// Writes packages/core/src/explorer/assets.generated.ts: the explorer's script and style sheet
// (packages/core/src/explorer/client/), minified, each with a content hash for its versioned URL.
// `pnpm build:explorer` after editing them; packages/core/test/explorer.test.ts fails while the
// generated module is older than its sources.
import { writeFileSync } from 'node:fs';
import { explorerAssets, GENERATED } from './explorer-assets.js';

writeFileSync(GENERATED, await explorerAssets());
console.log(`wrote ${GENERATED}`);
