/** The forms of a sentence's words that the rules look at. */
export interface Prepared {
  raw: string[];
  lower: string[];
  /** the form looked up: lower-cased, elision removed */
  key: string[];
  negator: boolean[];
  /** negated by its own elided negation ("n'aime") */
  selfNegated: boolean[];
  capDiff: boolean;
  titleCase: boolean;
  contrastAt: number;
}
