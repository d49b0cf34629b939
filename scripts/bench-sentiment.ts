/**
 * How right sentiment is on the development data (../shared/corpus, read in place) and on
 * short polar sentences of our own in Spanish, French and German, beside a baseline measured
 * in the same run: `vader-sentiment` 1.1.3, the JavaScript port of VADER, on the whole text
 * with VADER's own ±0.05 threshold.
 *
 * - Reviews: the 1,000 Amazon sentences; a "neutral" answer counts as wrong.
 * - Leads: the corpus's three wikitext leads and the stand-in's seven sample extracts
 *   (packages/core/scripts/corpus-leads.ts); by policy each should be neutral.
 *
 * Run alone: `pnpm exec tsx scripts/bench-sentiment.ts`; `pnpm bench` runs it in section 6.
 */
import { createRequire } from 'node:module';
import { amazonReviews, cityLeads } from '../packages/core/scripts/corpus-leads.js';
import { sentiment } from '../packages/core/src/nlp/sentiment.js';
import { out } from './bench-lib.js';

type Label = 'positive' | 'neutral' | 'negative';
const require = createRequire(new URL('../packages/core/package.json', import.meta.url));
const vader: { SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } } } =
  require('vader-sentiment');

/** Our own short polar sentences (not from any data set). */
const POLAR: [string, string, Label][] = [
  ['es', 'El hotel es muy bonito y el personal fue amable.', 'positive'],
  ['es', 'La comida no es buena.', 'negative'],
  ['es', 'Una experiencia horrible.', 'negative'],
  ['es', 'Me encanta esta ciudad.', 'positive'],
  ['es', 'El servicio fue terrible.', 'negative'],
  ['es', 'Una playa preciosa.', 'positive'],
  ['es', 'No me gustó nada el hotel.', 'negative'],
  ['es', 'La habitación estaba sucia.', 'negative'],
  ['fr', 'Un hôtel magnifique, le personnel était charmant.', 'positive'],
  ['fr', "Ce n'est pas bon.", 'negative'],
  ['fr', "Je n'aime pas ce quartier.", 'negative'],
  ['fr', 'Le repas était délicieux.', 'positive'],
  ['fr', 'La chambre était sale et bruyante.', 'negative'],
  ['fr', "J'adore cette ville.", 'positive'],
  ['fr', 'Le service était horrible.', 'negative'],
  ['fr', 'Une vue superbe sur le port.', 'positive'],
  ['de', 'Das Essen war ausgezeichnet und sehr lecker.', 'positive'],
  ['de', 'Das Hotel war nicht gut.', 'negative'],
  ['de', 'Das Zimmer war schmutzig und laut.', 'negative'],
  ['de', 'Der Service war eine Katastrophe.', 'negative'],
  ['de', 'Wir waren nicht zufrieden.', 'negative'],
  ['de', 'Eine wunderschöne Stadt.', 'positive'],
  ['de', 'Das Personal war sehr freundlich.', 'positive'],
  ['de', 'Das Essen war nicht schlecht.', 'positive'],
  ['de', 'Die Bahnfahrt war eine Enttäuschung.', 'negative'],
  ['de', 'Kein Problem mit dem Check-in.', 'positive'],
  ['de', 'Das war keine gute Idee.', 'negative'],
  ['de', 'Ein Spitzenrestaurant mit Blick auf den See.', 'positive'],
];

const vaderLabel = (text: string): Label => {
  const c = vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
  return c >= 0.05 ? 'positive' : c <= -0.05 ? 'negative' : 'neutral';
};
const ours = async (text: string, lang = 'en'): Promise<Label> => (await sentiment(text, lang))?.label ?? 'neutral';

const reviews = amazonReviews();
if (reviews.length === 0) {
  out('sentiment: ../shared/corpus is absent; skipped');
} else {
  const leads = cityLeads();
  const f = (x: number) => x.toFixed(3);
  const row = async (name: string, label: (text: string, lang?: string) => Promise<Label> | Label, en: boolean) => {
    const got = await Promise.all(reviews.map((r) => label(r.text)));
    const right = (i: number) => got[i] === (reviews[i]?.positive ? 'positive' : 'negative');
    const share = (keep: (i: number) => boolean) => {
      const idx = reviews.map((_, i) => i).filter(keep);
      return idx.filter(right).length / idx.length;
    };
    const neutral = got.filter((l) => l === 'neutral').length / got.length;
    let corpus = 0;
    let sample = 0;
    for (const l of leads) {
      if ((await label(l.text)) !== 'neutral') continue;
      if (l.name.startsWith('sample ')) sample++;
      else corpus++;
    }
    const nSample = leads.filter((l) => l.name.startsWith('sample ')).length;
    let polar = 0;
    if (!en) for (const [lang, text, want] of POLAR) if ((await label(text, lang)) === want) polar++;
    out(
      `| ${name} | ${f(share(() => true))} | ${f(share((i) => !!reviews[i]?.positive))} / ${f(share((i) => !reviews[i]?.positive))} | ${(100 * neutral).toFixed(1)} % | ${corpus} of ${leads.length - nSample} | ${sample} of ${nSample} | ${en ? 'English only' : `${polar} of ${POLAR.length}`} |`,
    );
  };
  out(`\nSentiment on the development data (${reviews.length} Amazon review sentences, neutral counted as wrong)\n`);
  out(
    '| method | review accuracy | positive / negative | neutral | corpus leads neutral | sample leads neutral | es/fr/de polar right |',
  );
  out('|---|---|---|---|---|---|---|');
  await row('Cityscope sentiment (`/analyze`, `/cities`)', ours, false);
  await row('baseline: `vader-sentiment` 1.1.3, threshold ±0.05', vaderLabel, true);
}
