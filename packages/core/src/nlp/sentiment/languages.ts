/**
 * What each language's sentiment uses: a primary vocabulary looked up by word
 * form, a wider one looked up by stem when the primary finds nothing in a
 * sentence, and the words VADER's rules need (negations, contrast, boosters).
 * Vocabularies are data modules imported on first use, never at start-up.
 */
type Data = () => Promise<{ default: string }>;

export interface SentimentLanguage {
  /** Names the vocabularies in `sentiment.method`. */
  primary: { name: string; load: Data };
  backoff?: { name: string; load: Data };
  /**
   * The back-off is the primary vocabulary keyed by stem: a word whose form is missing
   * is looked up by its stem, word by word ("langweiliger" → "langweilig"), rather
   * than the whole text being scored again.
   */
  wordStems?: boolean;
  /** Words that flip the valence of a sentiment word up to three words after them. */
  negations: ReadonlySet<string>;
  /** A word after which the clause weighs more and before which less ("but"). */
  contrast: ReadonlySet<string>;
  /** Intensifiers (+) and downtoners (−): VADER's booster words. */
  boosters: ReadonlyMap<string, number>;
  /** Elided articles and pronouns glued to a word by an apostrophe ("l'hôtel", "n'est"). */
  elision?: RegExp;
  /** An elided negation ("n'aime"): the word is negated and opens a negation scope. */
  elidedNegation?: RegExp;
  /** A negation closing a sentence negates the sentiment word before it ("Ich mag es nicht"). */
  finalNegation?: boolean;
  /** The vocabulary is written without accents (natural's Portuguese AFINN): fold them before looking up. */
  foldAccents?: boolean;
  /** English only: "no" before a sentiment word negates it rather than counting on its own. */
  standaloneNo?: boolean;
  /**
   * German: every noun is capitalised, so a capital inside a sentence is no sign of a
   * name; and a compound missing from the vocabulary takes the valence of its longest
   * known first part ("Horrorurlaub" → "horror", "Spitzenrestaurant" → "spitzen").
   */
  nounCompounds?: boolean;
  /**
   * Signs that a sentence gives an opinion, for the wider vocabulary's words (which
   * also score plain nouns: "place", "state"): a first- or second-person pronoun, a
   * booster or negation, "!" or "?", or the word right after a linking verb ("was stale").
   * Comparison (`degree`: "most populous", "more") is no sign: facts compare too.
   */
  subjectivity?: { persons: ReadonlySet<string>; linking: ReadonlySet<string>; degree: ReadonlySet<string> };
  /**
   * A negation that governs no sentiment word leans its sentence negative ("it does not
   * work"; vader.ts), except these, which are no complaint ("without", "despite").
   */
  bareNegation?: { except: ReadonlySet<string> };
  /**
   * An order that opens with a negation and one of `verbs` ("Don't waste your money",
   * "Please do not waste your time") is a warning: the verb keeps its negative sign.
   * Only verbs whose negated order always warns: "don't miss", "don't worry" and "don't
   * hesitate" encourage. `negations` open it alone, `after` after one of `auxiliaries`
   * ("do not"); `openers` may come first.
   */
  warnings?: {
    verbs: ReadonlySet<string>;
    negations: ReadonlySet<string>;
    auxiliaries: ReadonlySet<string>;
    after: ReadonlySet<string>;
    openers: ReadonlySet<string>;
  };
  /**
   * The word of excess ("too small", "too long"): before another word it counts as a
   * complaint, as much as a bare negation; at a sentence's end or before one of
   * `notBefore` it means "also" and counts nothing.
   */
  excess?: { word: string; notBefore: ReadonlySet<string> };
  /** Two words that state a degree of fame, not an opinion: neither counts ("best known", "well known"). */
  degreePhrases?: ReadonlySet<string>;
}

/** VADER's empirically derived booster increment. */
export const B_INCR = 0.293;
const set = (s: string, by = ' ') => new Set(s.split(by));
const boosters = (up: string, down: string) =>
  new Map<string, number>([
    ...up.split(' ').map((w): [string, number] => [w, B_INCR]),
    ...down.split(' ').map((w): [string, number] => [w, -B_INCR]),
  ]);

const EN_UP =
  'absolutely amazingly awfully completely considerable considerably decidedly deeply effing enormous enormously ' +
  'entirely especially exceptional exceptionally extreme extremely fabulously flipping flippin frackin fracking ' +
  'fricking frickin frigging friggin fully fuckin fucking fuggin fugging greatly hella highly hugely incredible ' +
  'incredibly intensely major majorly more most particularly purely quite really remarkably so substantially ' +
  'thoroughly total totally tremendous tremendously uber unbelievably unusually utter utterly very';
const EN_DOWN =
  'almost barely hardly kinda kindof kind-of less little marginal marginally occasional occasionally partly scarce ' +
  'scarcely slight slightly somewhat sorta sortof sort-of';
const EN_NEGATIONS =
  "aint arent cannot cant couldnt darent didnt doesnt ain't aren't can't couldn't daren't didn't doesn't dont hadnt " +
  "hasnt havent isnt mightnt mustnt neither don't hadn't hasn't haven't isn't mightn't mustn't neednt needn't never " +
  "none nope nor not nothing nowhere oughtnt shant shouldnt uhuh wasnt werent oughtn't shan't shouldn't uh-uh wasn't " +
  "weren't without wont wouldnt won't wouldn't rarely seldom despite";

export const SENTIMENT_LANGUAGES: Readonly<Record<string, SentimentLanguage>> = {
  en: {
    primary: { name: 'vader', load: () => import('./data/en-vader.js') },
    backoff: { name: 'senticon', load: () => import('./data/en-senticon-stems.js') },
    negations: set(EN_NEGATIONS),
    subjectivity: {
      persons: set("i i'm i've i'd me my mine we we're our us you you're your yours"),
      linking: set(
        'is was are were be been being am seems seemed seem looks looked look feels felt feel sounds tastes smells',
      ),
      degree: set('most more less major'),
    },
    bareNegation: { except: set('without despite rarely seldom') },
    warnings: {
      verbs: set('waste squander'),
      negations: set("don't dont"),
      auxiliaries: set('do'),
      after: set('not'),
      openers: set('please just so and but then'),
    },
    degreePhrases: set('best known|better known|well known', '|'),
    excess: { word: 'too', notBefore: set('and but or so as then i we you they he she it me') },
    contrast: set('but'),
    boosters: boosters(EN_UP, EN_DOWN),
    standaloneNo: true,
  },
  es: {
    primary: { name: 'afinn-es', load: () => import('./data/es-afinn.js') },
    backoff: { name: 'senticon-es', load: () => import('./data/es-senticon-stems.js') },
    negations: set('no nunca jamás ni tampoco nada nadie ninguno ninguna sin'),
    contrast: set('pero sino aunque'),
    boosters: boosters(
      'muy mucho muchísimo tan tanto bastante demasiado súper super extremadamente increíblemente totalmente realmente',
      'poco apenas algo ligeramente',
    ),
  },
  pt: {
    primary: { name: 'afinn-pt', load: () => import('./data/pt-afinn.js') },
    backoff: { name: 'afinn-pt-stems', load: () => import('./data/pt-afinn-stems.js') },
    wordStems: true,
    negations: set('não nao nunca jamais nem nada ninguém nenhum nenhuma sem'),
    contrast: set('mas porém contudo todavia'),
    foldAccents: true,
    boosters: boosters(
      'muito muita muitíssimo tão tanto bastante demais super extremamente incrivelmente totalmente realmente',
      'pouco pouca apenas ligeiramente',
    ),
  },
  fr: {
    primary: { name: 'pattern-fr', load: () => import('./data/fr-pattern.js') },
    backoff: { name: 'pattern-fr-stems', load: () => import('./data/fr-pattern-stems.js') },
    wordStems: true,
    negations: set('pas ne jamais rien aucun aucune ni sans guère'),
    contrast: set('mais cependant pourtant toutefois'),
    boosters: boosters(
      'très trop vraiment tellement extrêmement si super hyper absolument totalement complètement fort',
      'peu assez plutôt légèrement presque',
    ),
    elision: /^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['’]/u,
    elidedNegation: /^n['’]/u,
  },
  de: {
    primary: { name: 'pattern-de', load: () => import('./data/de-pattern.js') },
    backoff: { name: 'pattern-de-stems', load: () => import('./data/de-pattern-stems.js') },
    wordStems: true,
    negations: set('nicht kein keine keinen keinem keiner keines nie niemals nichts niemand ohne weder'),
    contrast: set('aber jedoch doch sondern allerdings'),
    boosters: boosters(
      'sehr so total wirklich extrem äußerst absolut besonders echt richtig super höchst völlig ganz zu',
      'etwas kaum wenig ziemlich leicht',
    ),
    finalNegation: true,
    nounCompounds: true,
  },
  it: {
    primary: { name: 'pattern-it', load: () => import('./data/it-pattern.js') },
    backoff: { name: 'pattern-it-stems', load: () => import('./data/it-pattern-stems.js') },
    wordStems: true,
    negations: set('non mai niente nulla nessuno nessuna né senza'),
    contrast: set('ma però tuttavia invece'),
    boosters: boosters(
      'molto molta troppo troppa davvero così estremamente veramente assolutamente super proprio tanto',
      'poco poca abbastanza leggermente quasi',
    ),
    elision: /^(?:[cdlmnst]|un|dell|all|dall|nell|sull|quell|bell|sant)['’]/u,
  },
  nl: {
    primary: { name: 'pattern-nl', load: () => import('./data/nl-pattern.js') },
    backoff: { name: 'pattern-nl-stems', load: () => import('./data/nl-pattern-stems.js') },
    wordStems: true,
    negations: set('niet nooit niemand niets nee neen geen zonder'),
    contrast: set('maar echter toch'),
    boosters: boosters('heel erg zeer echt super enorm ontzettend vreselijk hartstikke te zo', 'beetje nauwelijks wat'),
    finalNegation: true,
  },
  ca: {
    primary: { name: 'senticon-ca', load: () => import('./data/ca-senticon.js') },
    negations: set('no mai res ningú cap sense ni'),
    contrast: set('però sinó'),
    boosters: boosters('molt molta massa tan força súper extremadament realment totalment', 'poc poca gairebé'),
    elision: /^(?:[dlmnst])['’]/u,
  },
  gl: {
    primary: { name: 'senticon-gl', load: () => import('./data/gl-senticon.js') },
    negations: set('non nunca xamais nada ninguén ningún ningunha sen nin'),
    contrast: set('pero mais senón'),
    boosters: boosters('moi moito moita tan bastante demasiado súper extremadamente realmente', 'pouco pouca apenas'),
  },
  eu: {
    primary: { name: 'senticon-eu', load: () => import('./data/eu-senticon.js') },
    negations: set('ez ezin inoiz ezer inor gabe'),
    contrast: set('baina baizik'),
    boosters: boosters('oso benetan izugarri guztiz erabat', 'pixka apur'),
  },
};

/** Emoji and emoticons, the same in every language. */
export const loadEmoji: Data = () => import('./data/emoji.js');
