/**
 * What a sentence's marks add under VADER's rules: emoji and emoticons as words, and
 * emphasis from "!" (up to four) and "??".
 */
import type { Lexicon } from './lexicon.js';

const EXCLAMATION = 0.292;
const QUESTION = 0.18;

/** Emoji and emoticons of a sentence's text, summed. */
export function symbols(text: string, emoji: Lexicon): { sum: number; hits: number } {
  let sum = 0;
  let hits = 0;
  for (const m of text.matchAll(/\p{Extended_Pictographic}/gu)) {
    const v = emoji.get(m[0]);
    if (v !== undefined) {
      sum += v;
      hits++;
    }
  }
  for (const chunk of text.split(/\s+/)) {
    if (!/[:;=()<>[\]{}|\\/^*_]/.test(chunk) || chunk.length > 12) continue;
    const v = emoji.get(chunk) ?? emoji.get(chunk.replace(/[.,!?]+$/, '')) ?? emoji.get(chunk.toLowerCase());
    if (v !== undefined) {
      sum += v;
      hits++;
    }
  }
  return { sum, hits };
}

/** VADER's emphasis: 0.292 per "!" up to four, 0.18 per "?" from two (0.96 past three). */
export function emphasis(text: string): number {
  let bangs = 0;
  let questions = 0;
  for (const c of text) {
    if (c === '!') bangs++;
    else if (c === '?') questions++;
  }
  const q = questions > 1 ? (questions <= 3 ? questions * QUESTION : 0.96) : 0;
  return Math.min(bangs, 4) * EXCLAMATION + q;
}
