/**
 * Building blocks for finding personal names in running text: a capitalised word (`Lloyd`,
 * `Sánchez`, `O'Neill`, `DeSantis`), and the abbreviations that end in a period without ending a
 * name (`Mr.`, `St.`, `Gen.`), which the interpunct repairs must never touch.
 */

/** A capitalised word: a capital, then a lower-case letter (or an apostrophe and a capital), then letters. */
export const NAME_WORD = String.raw`\p{Lu}(?:\p{Ll}|['’]\p{Lu})[\p{L}\p{M}'’-]*`;

/** No letter directly before: the match starts a word. */
export const WORD_START = String.raw`(?<![\p{L}\p{M}'’-])`;
/** No letter directly after: the match ends a word. */
export const WORD_END = String.raw`(?![\p{L}\p{M}])`;

/** Titles, honorifics and other words that are abbreviated with a period before a name or number. */
export const ABBREVIATIONS = new Set([
  "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "St", "Ste", "Sr", "Jr", "Rev", "Fr", "Sen", "Rep", "Gov", "Pres",
  "Gen", "Col", "Lt", "Maj", "Capt", "Sgt", "Cpl", "Adm", "Cmdr", "Supt", "Insp", "Det", "Hon", "Messrs",
  "Mt", "Ft", "Ave", "Blvd", "Rd", "No", "Nos", "Vol", "Fig", "Inc", "Ltd", "Co", "Corp", "Bros", "Dept", "Univ",
  "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
  "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "Op", "Ed", "Eds", "Approx", "Est",
]);

export function isAbbreviation(word: string): boolean {
  return ABBREVIATIONS.has(word) || word.length < 2;
}

/** Levenshtein distance, for telling a spelling variant (`Anthony` / `Antony`) from another name. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j] as number;
      prev[j] = Math.min(above + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = above;
    }
  }
  return prev[b.length] as number;
}

/** Two spellings of one given or family name: same first letter, close in spelling, both of some length. */
export function spellingVariants(a: string, b: string): boolean {
  if (a === b) return true;
  if (a[0] !== b[0] || Math.min(a.length, b.length) < 4) return false;
  return editDistance(a.toLowerCase(), b.toLowerCase()) <= (Math.max(a.length, b.length) >= 7 ? 2 : 1);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Words that stand before a person's name in news copy (`Prime Minister Rishi Sunak`, `spokesman John Kirby`). */
export const TITLE_WORDS = new Set([
  "President", "Minister", "Premier", "Chancellor", "Secretary", "Senator", "Governor", "Mayor", "King", "Queen",
  "Prince", "Princess", "Ambassador", "Envoy", "Chairman", "Chairwoman", "Chair", "Director", "Commissioner",
  "General", "Admiral", "Colonel", "Captain", "Judge", "Justice", "Speaker", "Leader", "Spokesman", "Spokeswoman",
  "Spokesperson", "spokesman", "spokeswoman", "spokesperson", "Representative", "Congressman", "Congresswoman",
  "Pope", "Bishop", "Chief", "Coach", "Dr", "Professor", "CEO", "Governor-General", "Vice", "Deputy",
]);

/**
 * Offices and roles after which news copy names a person in full (`Norwegian minister Tor Eriksen`,
 * `his Finnish counterpart Annika Holmberg`), compared lower-cased. Royal and religious titles are
 * left out on purpose: `King Charles.`, `Pope Francis.` end sentences with a given name alone.
 */
export const ROLE_WORDS = new Set([
  "minister", "counterpart", "secretary", "chancellor", "president", "premier", "spokesman", "spokeswoman",
  "spokesperson", "ambassador", "envoy", "governor", "senator", "mayor", "chairman", "chairwoman", "director",
  "commissioner", "congressman", "congresswoman", "representative", "lawmaker", "mp", "mep", "deputy",
]);
