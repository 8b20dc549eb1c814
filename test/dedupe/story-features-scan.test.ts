/**
 * The story features are read with a token scan and a month test that stand in for a regular
 * expression and for lower-casing every word. Both, and the features built on them, must give what
 * the expression-based reading gives: it is kept here as the reference (the former code of
 * src/dedupe/story-features.ts), and compared on random text built from the pieces that make the
 * difference: months in every case, abbreviations with periods, figures, possessives, capitals and
 * marks outside ASCII and outside the Basic Multilingual Plane, lone surrogates, line breaks.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MONTHS, MONTH_ABBREVIATIONS, NOT_NAMES, featureHashes, monthOf, storyFeatureHashes, storyFeatureHashesOf, storyFeatures, storyTokens } from "../../src/dedupe/story-features.ts";

const PIECES = [
  " ", " ", " ", "\n", "\n\n", ". ", ".", ",", ", ", "! ", "? ", "'", "’", "’s", "'s", "-", "&", "“", "”", ")", "(", "/",
  "0", "5", "13", "2,400", "4.5", "2023", "1999", "2101", "½", "٣",
  "January", "JANUARY", "january", "Jan.", "JAN", "jAn", "May", "may", "MAY", "Sept.", "sept", "Sep", "Dec", "decEMBER", "Mar", "march", "Octo", "Junes", "Kelvin",
  "The", "the", "In", "After", "Prime", "Minister", "Fumio", "Kishida", "U.S.", "Japan", "O'Neill", "said", "met", "Dock", "Workers", "Walk", "Out",
  "É", "é", "Ωmega", "ΣΟΦΙΑ", "ΟΔΟΣ", "Σ", "Ärzte", "Łódź", "ẞ", "Москва", "東京", "İ", "\u212a", "ǅ", "\u0301", "e\u0301", "ﬁ", "Ｒ", "𝐀", "𝐚", "😀", "\ud800", "\udc00",
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((parts) => parts.join(""));
const runs = { numRuns: 3000 };

// ---- the reference: the former reading, unchanged ----
// (its word tables are the module's own: MONTHS, MONTH_ABBREVIATIONS, NOT_NAMES)

interface StoryFeatures {
  features: Set<string>;
  years: Set<number>;
}

const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’.,&-]*[\p{L}\p{N}\p{M}]\.?|[\p{L}\p{N}]\.?/gu;

const MONTH_SET = new Set<string>(MONTHS);

/** First letters of month names and abbreviations (a, d, f, j, m, n, o, s), lower-cased. */
const MONTH_INITIALS = new Set([97, 100, 102, 106, 109, 110, 111, 115]);

export function monthOfReference(word: string): string | null {
  // Month names are 3 to 9 ASCII letters: most words are ruled out without lower-casing them.
  if (word.length < 3 || word.length > 9 || !MONTH_INITIALS.has(word.charCodeAt(0) | 32)) return null;
  const w = word.toLowerCase();
  if (MONTH_SET.has(w)) return w;
  return MONTH_ABBREVIATIONS[w] ?? null;
}

function isCapitalised(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return /^\p{Lu}/u.test(word);
}

/** A line in title case ("U.S. and Japan Unveil Plans for …"): its capitals do not mark names. */
function isTitleCase(line: string, words: readonly string[]): boolean {
  if (/[.!?]["”’)]?\s*$/.test(line) || words.length > 25) return false;
  const lettered = words.filter((w) => /^\p{L}/u.test(w) && w.length > 3);
  if (lettered.length < 4) return false;
  return lettered.filter(isCapitalised).length / lettered.length >= 0.8;
}

/** "U.S." and "Jan." end with a period without ending the sentence. */
function endsSentence(raw: string): boolean {
  if (!raw.endsWith(".")) return false;
  const body = raw.slice(0, -1);
  return !(body.includes(".") || (body.length <= 3 && isCapitalised(body)) || monthOf(body) !== null);
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** One or two ASCII digits. */
function isDay(word: string): boolean {
  return (word.length === 1 || word.length === 2) && isDigit(word.charCodeAt(0)) && isDigit(word.charCodeAt(word.length - 1));
}

/** 19xx or 20xx. */
function isYear(word: string): boolean {
  if (word.length !== 4) return false;
  const a = word.charCodeAt(0);
  const b = word.charCodeAt(1);
  return ((a === 49 && b === 57) || (a === 50 && b === 48)) && isDigit(word.charCodeAt(2)) && isDigit(word.charCodeAt(3));
}

/** An ASCII digit anywhere in the word (what \d matches without the u flag). */
function hasDigit(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (isDigit(word.charCodeAt(i))) return true;
  return false;
}

/** A token without trailing periods and commas, then without a possessive "'s". */
function bareWord(raw: string): string {
  let end = raw.length;
  while (end > 0 && (raw.charCodeAt(end - 1) === 46 || raw.charCodeAt(end - 1) === 44)) end--;
  let word = end === raw.length ? raw : raw.slice(0, end);
  if (word.length >= 2 && word.charCodeAt(word.length - 1) === 115) {
    const q = word.charCodeAt(word.length - 2);
    if (q === 39 || q === 0x2019) word = word.slice(0, -2);
  }
  return word;
}

/** The features of one report (title and body text). */
function storyFeaturesReference(text: string): StoryFeatures {
  const features = new Set<string>();
  const years = new Set<number>();
  for (const line of text.normalize("NFKC").split(/\n+/)) {
    const raws = line.match(TOKEN) ?? [];
    const words = raws.map(bareWord);
    const headline = isTitleCase(line, words);
    let run: string[] = [];
    const flush = (): void => {
      if (run.length > 0) {
        features.add(`e:${run.join(" ").toLowerCase()}`);
        if (run.length > 1) features.add(`e:${(run[run.length - 1] as string).toLowerCase()}`);
      }
      run = [];
    };
    let sentenceStart = true;
    for (let i = 0; i < words.length; i++) {
      const word = words[i] as string;
      const startsSentence = sentenceStart;
      // (a token never ends with "!" or "?", so only a period can end the sentence here)
      sentenceStart = endsSentence(raws[i] as string);
      const month = monthOf(word);
      if (month && (isCapitalised(word) || word.length > 3)) {
        flush();
        const next = words[i + 1] ?? "";
        const after = words[i + 2] ?? "";
        if (isDay(next)) features.add(`d:${month}-${Number(next)}`);
        const year = isYear(next) ? next : isYear(after) ? after : null;
        if (year) features.add(`d:${month}-${year}`);
        const before = words[i - 1] ?? "";
        if (isDay(before)) features.add(`d:${month}-${Number(before)}`);
        continue;
      }
      if (isYear(word)) {
        flush();
        years.add(Number(word));
        features.add(`d:${word}`);
        continue;
      }
      if (hasDigit(word)) {
        flush();
        if (word.length >= 2) features.add(`n:${word.replace(/,/g, "")}`);
        continue;
      }
      const capital = isCapitalised(word);
      if (capital && !headline && !((startsSentence || run.length === 0) && NOT_NAMES.has(word.toLowerCase()))) {
        run.push(word);
        if (sentenceStart) flush();
        continue;
      }
      flush();
    }
    flush();
  }
  return { features, years };
}

const TOKEN_REFERENCE = TOKEN;

describe("story features", () => {
  it("tokens are what the token expression matches", () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(storyTokens(t)).toEqual(t.match(TOKEN_REFERENCE) ?? []);
      }),
      runs,
    );
    for (const t of ["", ".", "U.S.", "a.b.,c", "x--", "5.", "Mr.Smith's", "e\u0301.", "\u0301a", "😀a", "𝐀.", "a\ud800b"]) expect(storyTokens(t)).toEqual(t.match(TOKEN_REFERENCE) ?? []);
  });

  it("months are what lower-casing and looking up finds", () => {
    const forms = ["january", "JANUARY", "January", "jAnUaRy", "jan", "Jan", "sept", "SEPT", "Sept", "may", "May", "mAY", "dec", "nov", "mayo", "ma", "", "j", "\u212aay", "Augus", "augusts", "Märch", "marc h", "mar.", "ÅPRIL"];
    for (const w of forms) expect(monthOf(w)).toBe(monthOfReference(w));
    fc.assert(
      fc.property(text, (t) => {
        for (const w of t.split(/[\s.,]+/)) expect(monthOf(w)).toBe(monthOfReference(w));
      }),
      runs,
    );
  });

  it("the features' hashes, read without building their strings, are the hashes of the strings", () => {
    for (const t of ["", "Prime Minister Fumio Kishida met Joe Biden on January 13, 2023.", "ΟΔΟΣ ΣΟΦΙΑΣ Σ met Ärzte in Łódź.", "İstanbul Mayor Ekrem İmamoğlu", "2,400 people; 4.5%"]) {
      expect([...storyFeatureHashes(t)]).toEqual([...featureHashes(storyFeatures(t).features)]);
    }
    fc.assert(
      fc.property(text, (t) => {
        expect([...storyFeatureHashes(t)]).toEqual([...featureHashes(storyFeatures(t).features)]);
      }),
      runs,
    );
  });

  it("of parts are those of the parts joined by line breaks", () => {
    // a part that ends mid-sentence, or in a name run, or with a combining mark that NFKC would
    // compose with what follows: a line break stops all of them
    const edges = ["Prime Minister", "Fumio Kishida met", "e\u0301", "\u0301tude", "January", "13, 2023", "Dr. Ana", "ｆｕｌｌ ｗｉｄｔｈ", ""];
    fc.assert(
      fc.property(fc.array(fc.oneof(text, fc.constantFrom(...edges)), { maxLength: 4 }), (parts) => {
        expect([...storyFeatureHashesOf(parts)]).toEqual([...storyFeatureHashes(parts.join("\n"))]);
      }),
      runs,
    );
  });

  it("features and years are what the expression-based reading gives", () => {
    fc.assert(
      fc.property(text, (t) => {
        const got = storyFeatures(t);
        const want = storyFeaturesReference(t);
        expect([...got.features].sort()).toEqual([...want.features].sort());
        expect([...got.years].sort()).toEqual([...want.years].sort());
      }),
      runs,
    );
  });

  it("a line in title case is told by how it ends, as the expression tells it", () => {
    // Random text seldom builds a short line of capitalised words, and only such a line's ending
    // decides whether its capitals are names: here every line is one, ending in one of many ways.
    const words = fc.array(fc.constantFrom("Prime", "Minister", "Unveils", "Plans", "Tokyo", "Talks", "with", "Ärzte", "Łódź", "ΟΔΟΣ", "Kishida", "2023", "U.S."), { minLength: 3, maxLength: 30 });
    const ending = fc.constantFrom("", ".", "!", "?", ",", ":", ". ", ".\t", ".\u00a0", ".\u2028", "!\u3000 ", '."', ".”", ".’", ".)", "?)", '!"', '." ', ".” \u00a0", ".'", ".]", '.""', ")", "”", "’", " .", '."x', ".\r", "\ud800", ".\udc00");
    const lines = fc.array(fc.tuple(words, ending).map(([w, e]) => w.join(" ") + e), { minLength: 1, maxLength: 4 }).map((l) => l.join("\n"));
    fc.assert(
      fc.property(lines, (t) => {
        expect([...storyFeatures(t).features].sort()).toEqual([...storyFeaturesReference(t).features].sort());
      }),
      runs,
    );
  });
});
