/**
 * Development data for the NLP steps, read in place from ../shared/corpus (never
 * copied): the Amazon review sentences, and city leads (the text before the first
 * section heading of each wikitext, with the concepts it links to). The stand-in's
 * English sample extracts (@cityscope/testing) are leads too, without links.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EN } from '@cityscope/testing';

export const CORPUS = fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));
const AMAZON = join(CORPUS, 'sentiment/amazon.json');
const WIKITEXT = join(CORPUS, 'wikitext');

export interface Review {
  text: string;
  positive: boolean;
}

/** The 1,000 labelled Amazon sentences (empty when the corpus is absent). */
export function amazonReviews(): Review[] {
  if (!existsSync(AMAZON)) return [];
  const data: Array<{ text: string; class: number }> = JSON.parse(readFileSync(AMAZON, 'utf8'));
  return data.map((r) => ({ text: r.text, positive: r.class === 1 }));
}

export interface Lead {
  name: string;
  text: string;
  /** Targets of the lead's [[links]], lower-cased, "(…)" qualifiers and ", …" parts dropped. */
  links: string[];
  /** Each [[link]]'s target and label as written ("The Crown", "British Crown"), for matching keyphrases. */
  concepts?: Array<{ target: string; label: string }>;
}

/** Removes `{{…}}` templates (nested) and `<ref>…</ref>`, in one pass. */
function stripTemplates(s: string): string {
  const out: string[] = [];
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s.startsWith('{{', i)) {
      depth++;
      i++;
    } else if (depth > 0 && s.startsWith('}}', i)) {
      depth--;
      i++;
    } else if (depth === 0) out.push(s[i] as string);
  }
  return out
    .join('')
    .replace(/<ref[^>/]*\/>/g, '')
    .replace(/<ref[\s\S]*?<\/ref>/g, '');
}

/** The lead of a wikitext: its plain text and the concepts it links to. */
export function wikitextLead(name: string, source: string): Lead {
  const body = stripTemplates(source.slice(0, source.search(/^==[^=]/m) >>> 0 || source.length));
  const paragraphs = body
    .split(/\n\s*\n|\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '' && !/^[|{}!<[]/.test(p) && !p.startsWith('[[File:') && !p.startsWith('[[Image:'));
  const lead = paragraphs.join('\n');
  const links: string[] = [];
  const concepts: Array<{ target: string; label: string }> = [];
  for (const m of lead.matchAll(/\[\[([^\]|]+)(?:\|([^\]]*))?\]\]/g)) {
    concepts.push({ target: (m[1] as string).trim(), label: (m[2] ?? m[1] ?? '').trim() });
    const target = (m[1] as string)
      .replace(/\s*\(.*\)$/, '')
      .replace(/,.*$/, '')
      .trim()
      .toLowerCase();
    if (target && !links.includes(target)) links.push(target);
  }
  const text = lead
    .replace(/\[\[(?:[^\]|]+\|)?([^\]]+)\]\]/g, '$1')
    .replace(/'{2,}/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&[nm]dash;/g, (e) => (e === '&ndash;' ? '–' : '—'))
    .replace(/\(\s*[,;]?\s*\)/g, '')
    .replace(/[ \t]+/g, ' ');
  return { name, text, links, concepts };
}

/** The corpus's city leads (with links), then the stand-in's English sample extracts (without). */
export function cityLeads(): Lead[] {
  const leads: Lead[] = [];
  if (existsSync(WIKITEXT)) {
    for (const f of readdirSync(WIKITEXT).sort()) {
      if (!f.endsWith('.wikitext')) continue;
      leads.push(wikitextLead(f.replace(/\.wikitext$/, ''), readFileSync(join(WIKITEXT, f), 'utf8')));
    }
  }
  for (const page of Object.values(EN.pages)) {
    if (page.extract.split(' ').length >= 12)
      leads.push({ name: `sample ${page.title}`, text: page.extract, links: [] });
  }
  return leads;
}
