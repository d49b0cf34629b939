/**
 * Words that are not stop words but never make a keyphrase on their own or at a
 * phrase's edge: common verbs in their forms ("became", "following"), modal verbs
 * and contractions, quantities, ordinals, vague nouns and adjectives, month and day
 * names and the words of a reference list ("Retrieved"). Added to the language's
 * stop words for keyphrases only.
 */
const list = (s: string) => s.split(' ');

export const GENERIC_WORDS: Readonly<Record<string, readonly string[]>> = {
  en: list(
    'become became becomes becoming follow follows followed following include includes included including ' +
      'know knows knew known call calls called calling name named locate located situated make makes made making ' +
      'use uses used using take takes took taken give gives gave given get gets got see sees saw seen find found ' +
      'say says said tell told come comes came go goes went gone lead leads led hold holds held serve serves served ' +
      'remain remains remained consider considered regard regarded describe described refer refers referred ' +
      'establish established form formed begin began begun start started end ended set according based due like ' +
      'also however although though still even well much many several various various whose whom within without ' +
      'since around near approximately about among across along although often usually generally mainly largely later ' +
      'early earlier late latter former first second third fourth fifth last next one two three four five six seven ' +
      'eight nine ten hundred hundreds thousand thousands million millions billion number numbers part parts ' +
      'large larger largest small smaller smallest big bigger biggest major main high higher highest low lower ' +
      'lowest long longer longest new old older oldest great greater greatest good best other others another ' +
      'same different certain total year years time times way ways today currently recent recently present ' +
      'per cent percent thing things lot lots kind type types grow grows grew grown ' +
      // modal verbs and contractions natural's list lacks
      "will shall may might must need i'm i've i'd i'll we're we've we'd we'll you're you've you'd you'll " +
      "they're they've they'd they'll it's that's there's here's what's who's let's isn't aren't wasn't " +
      "weren't don't doesn't didn't won't wouldn't can't couldn't shouldn't " +
      // dates and a reference list's words
      'january february march april may june july august september october november december monday ' +
      'tuesday wednesday thursday friday saturday sunday retrieved archived original accessed ' +
      // irregular past participles
      'born built sold won lost sent brought bought fought kept met paid shown drawn chosen written spoken',
  ),
};

/**
 * Common nouns that name a kind of place or a quantity and are a keyphrase only inside
 * a longer one ("civil parish", "capital city", "census-designated place"), never alone
 * in lower case ("city", "population").
 */
export const WEAK_ALONE: Readonly<Record<string, readonly string[]>> = {
  en: list(
    'city town village parish place area region country world population census people resident ' +
      'inhabitant community home centre center capital state district county municipality settlement family household',
  ),
};
