import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORPUS } from '../scripts/corpus-leads.js';
import { LOG_FILE, MODEL_FILE, train } from '../scripts/train-sentiment.js';

// The trained sentiment numbers (src/nlp/sentiment/model.ts) and their experiment log are
// what scripts/train-sentiment.ts makes from the development data (../shared/corpus).
const present = existsSync(`${CORPUS}/sentiment/amazon.json`);
if (!present) console.warn(`sentiment-model: ${CORPUS} is absent; the model is not checked against its source`);

describe.skipIf(!present)('the generated sentiment model', () => {
  it('is what the training script writes from the development data', async () => {
    const { model, log } = await train();
    expect(readFileSync(MODEL_FILE, 'utf8')).toBe(model);
    expect(readFileSync(LOG_FILE, 'utf8')).toBe(log);
  }, 180_000);
});
