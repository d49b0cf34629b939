/**
 * The length of a text in Unicode code points (what the API calls characters),
 * counted in place: no array of code points is built (`[...text].length` made one
 * of up to a million strings for a 1 MiB body). With `stopAfter`, counting stops
 * once the count is past it, so a limit check costs no more than the limit.
 * A module of its own, with no imports: the route table checks /analyze's limit
 * with it without loading the NLP.
 */
export function codePoints(text: string, stopAfter = Number.POSITIVE_INFINITY): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // a low surrogate right after a high one is the second half of the same code point
    if (c < 0xdc00 || c > 0xdfff || i === 0 || (text.charCodeAt(i - 1) & 0xfc00) !== 0xd800) {
      if (++n > stopAfter) return n;
    }
  }
  return n;
}
