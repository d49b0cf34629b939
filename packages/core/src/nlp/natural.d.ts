// Types for the deep imports of `natural` used here. Importing `natural` itself
// costs about a second and pulls in database drivers; these files do not.
declare module 'natural/lib/natural/stemmers/*.js' {
  const stemmer: { stem(token: string): string };
  export default stemmer;
}
declare module 'natural/lib/natural/util/*.js' {
  export const words: string[];
}
