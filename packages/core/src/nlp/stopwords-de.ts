/**
 * German stop words: articles, pronouns, prepositions, conjunctions, auxiliaries
 * and common particles (a compact list of our own; stopwords-iso's German list
 * would bring 300 KB of every language's stop words with it).
 */
export const words: string[] = (
  'aber alle allem allen aller alles als also am an andere anderen anderer anderes auch auf aus bei beim bin bis ' +
  'bist bzw da dabei dadurch dafür dagegen daher damit dann darauf daraus darin darum das dass dem den denen denn ' +
  'der deren des dessen deshalb die dies diese diesem diesen dieser dieses doch dort du durch ein eine einem einen ' +
  'einer eines einige einigen einiger einmal er es etwa etwas euch euer eure für gab gegen gewesen gibt hab habe ' +
  'haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im immer in ins ist ' +
  'ja je jede jedem jeden jeder jedes jedoch jene jenem jenen jener jenes jetzt kann kannst können könnte man manche ' +
  'manchem manchen mancher mehr mein meine meinem meinen meiner meines mich mir mit muss musste nach nachdem nein ' +
  'nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen seiner seines seit seitdem selbst sich sie ' +
  'sind so solche solchem solchen solcher soll sollte sondern sonst sowie über um und uns unser unsere unserem ' +
  'unseren unter viel viele vom von vor während war waren warst was weil weiter welche welchem welchen welcher ' +
  'welches wenn wer werde werden wie wieder will wir wird wirst wo wurde wurden zu zum zur zwar zwischen'
).split(' ');
