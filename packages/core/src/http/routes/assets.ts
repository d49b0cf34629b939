import { defineRoute } from '../route.js';
import { TAGS } from './common.js';

/** One of the explorer's assets: versioned by its URL's `v` (a content hash), so cached for a year. */
function assetRoute(name: 'explorer.js' | 'explorer.css', type: 'text/javascript' | 'text/css', operationId: string) {
  return defineRoute({
    method: 'GET',
    path: `/assets/${name}`,
    operationId,
    tag: TAGS.service,
    summary: `The explorer's ${type === 'text/css' ? 'style sheet' : 'script'}`,
    description: 'Linked from `/` with `?v=` and its content hash, so a new version has a new URL.',
    produces: type,
    response: async () => {
      const { z } = await import('../schemas.js');
      return z.string().check(z.minLength(1));
    },
    cache: 'immutable',
    errors: [],
    open: true,
    cost: 0,
    run: async () => (await import('../../explorer/assets.generated.js')).ASSETS[name].body,
  });
}

/** The explorer's script and style sheet (two routes, one shape). */
export const explorerScript = assetRoute('explorer.js', 'text/javascript', 'explorerScript');
export const explorerStyles = assetRoute('explorer.css', 'text/css', 'explorerStyles');
