import type { LookupStep } from '../wikipedia/client.js';
import type { WikidataClient, WikidataOptions } from './wikidata.js';

/**
 * The step a Wikipedia client runs after a `full` lookup, before the pages are cached:
 * Wikidata for the facts the infobox leaves out (see enrichFromWikidata), so the cache
 * stores the enriched page. At most one wbgetentities request for the batch's items,
 * plus one for labels when needed. The Wikidata code is imported on first use.
 */
export function wikidataStep(opts: WikidataOptions): LookupStep {
  let client: Promise<WikidataClient> | undefined;
  return async (pages, lang, deadline) => {
    if (!pages.some((p) => p.wikibaseItem && !p.disambiguation)) return;
    const module = import('./wikidata.js');
    client ??= module.then(({ WikidataClient }) => new WikidataClient(opts));
    // never past the lookup's own budget, and never longer than one request's deadline
    const by = Math.min(deadline, Date.now() + opts.timeoutMs);
    await (await module).enrichFromWikidata(await client, pages, lang, by);
  };
}
