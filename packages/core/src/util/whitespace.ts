/** Runs of white space as one space, trimmed: the one whitespace collapser. */
export const collapseWhitespace = (s: string): string => s.replace(/\s+/g, ' ').trim();
