/**
 * The scanners of src/text, src/segment and src/dedupe that stand in for regular expressions (or for
 * an older, slower function) must give exactly what those give. Each is checked against the
 * expression it replaces, kept here as the reference, on random text built from the pieces that make
 * the difference: white space of every kind, invisible characters, letters outside ASCII and outside
 * the Basic Multilingual Plane, combining marks, lone surrogates, apostrophes, digits and punctuation.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gluedHeading, isCaption } from "../../src/segment/classify.ts";
import { normaliseLine } from "../../src/segment/lines.ts";
import { garbledShare } from "../../src/stages/quality.ts";
import { countStopWords, detectLanguage, languageOfCounts } from "../../src/text/language.ts";
import { endsLikeSentence, fold, foldsLongerThan, wordCount, wordCountUpTo, words } from "../../src/text/measure.ts";
import { STOP_WORDS } from "../../src/text/stopwords.ts";

const PIECES = [
  " ", " ", " ", "  ", "\t", "\n", "\r", "\u000b", "\u00a0", "\u1680", "\u2003", "\u200b", "\u200d", "\u2028", "\u202f", "\u2060", "\u3000", "\ufeff", "\u00ad",
  ".", ", ", "! ", "'", "’", "-", "“", "”", "(", ")", "&", "/", "_", "0", "7", "42", "2,400", "4.5", "½", "٣",
  "a", "e", "s", "A", "M", "é", "É", "ß", "İ", "ı", "\u212a", "ǅ", "\u0301", "ﬁ", "Ｒ", "𝐀", "😀", "\ud800", "\udc00",
  "Москва", "Ελλάδα", "ΟΔΟΣ", "東京", "ひらがな", "한국", "مصر", "עברית", "हिन्दी", "ไทย",
  "the", "The", "May", "march", "Jan.", "U.S.", "O'Neill", "don't", "state-owned", "Kishida", "said",
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(""));
const runs = { numRuns: 3000 };

/** fold as it was written first: a regex per character outside ASCII, a string built a character at a time. */
function foldReference(text: string): string {
  const wordChar = (s: string, i: number): boolean => {
    const c = s.charCodeAt(i);
    if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (c >= 0xd800 && c <= 0xdfff) return true;
    return /[\p{L}\p{N}]/u.test(s[i] as string);
  };
  const lower = text.toLowerCase();
  let out = "";
  let gap = false;
  for (let i = 0; i < lower.length; i++) {
    if (wordChar(lower, i)) {
      if (gap && out !== "") out += " ";
      out += lower[i];
      gap = false;
    } else gap = true;
  }
  return /[^\u0000-\u007f]/.test(out) ? out.normalize("NFKC") : out;
}

/** wordCount as it was written first (a regex per character outside ASCII). */
function wordCountReference(text: string): number {
  const wordChar = (i: number): boolean => {
    const c = text.charCodeAt(i);
    if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (c >= 0xd800 && c <= 0xdfff) return true;
    return /[\p{L}\p{N}]/u.test(text[i] as string);
  };
  const spaceless = (c: number): boolean => (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
  let n = 0;
  let cjk = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (spaceless(c)) {
      cjk++;
      inWord = false;
    } else if (wordChar(i)) {
      if (!inWord) n++;
      inWord = true;
    } else if (!((c === 39 || c === 0x2019 || c === 45) && inWord && i + 1 < text.length && wordChar(i + 1))) inWord = false;
  }
  return n + Math.ceil(cjk / 2);
}

const normaliseLineReference = (text: string): string =>
  text.replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, "").replace(/[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g, " ").trim();

describe("measures", () => {
  it("fold gives what the character-at-a-time fold gives", () => {
    fc.assert(fc.property(text, (t) => {
      expect(fold(t)).toBe(foldReference(t));
    }), runs);
    for (const t of ["", " ", "’", "Don’t  STOP!", "ﬁnal ＲＥＰＯＲＴ", "İstanbul", "ΟΔΟΣ Αθηνών", "東京 タワー", "e\u0301", "𝐀𝐁 x"]) expect(fold(t)).toBe(foldReference(t));
  });

  it("foldsLongerThan says yes only where fold gives a longer text", () => {
    fc.assert(
      fc.property(text, fc.nat(60), (t, k) => {
        if (foldsLongerThan(t, k)) expect(fold(t).length).toBeGreaterThan(k);
      }),
      runs,
    );
    // every letter and digit of each base with each letter or digit outside ASCII (the pairs where a
    // composition could merge or drop one)
    const bases = "aAzZ09";
    for (let cp = 0x80; cp < 0x30000; cp += cp < 0x3400 ? 1 : 97) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (!/[\p{L}\p{N}]/u.test(ch)) continue;
      for (const b of bases) for (const t of [b + ch, ch + b, `${b}${ch}${b}`]) if (foldsLongerThan(t, fold(t).length)) throw new Error(`U+${cp.toString(16)} beside ${b}`);
    }
    expect(foldsLongerThan("The talks ended on Friday, officials said.", 20)).toBe(true);
    expect(foldsLongerThan("Talks end", 9)).toBe(false);
    expect(foldsLongerThan("", 0)).toBe(false);
  });

  it("wordCount counts what the regex-per-character count counts", () => {
    fc.assert(fc.property(text, (t) => {
      expect(wordCount(t)).toBe(wordCountReference(t));
    }), runs);
    for (const t of ["", "don't", "state-owned", "a - b", "東京タワー", "e\u0301e", "٣٤ ½"]) expect(wordCount(t)).toBe(wordCountReference(t));
  });

  it("wordCountUpTo is the count capped at its limit, on texts read in several chunks too", () => {
    // long texts, so that words, apostrophes and kana fall across the 4,096-unit chunks the count reads
    const long = fc.array(text, { minLength: 1, maxLength: 400 }).map((parts) => parts.join(""));
    fc.assert(fc.property(long, fc.oneof(fc.integer({ min: -1, max: 3000 }), fc.constant(Infinity)), (t, limit) => {
      const limited = wordCountUpTo(t, limit);
      expect(limited).toBe(limit <= 0 ? limit : Math.min(wordCountReference(t), limit));
    }), { numRuns: 300 });
    // a word that an apostrophe joins across the boundary, and one that the boundary only separates
    for (const [head, tail] of [["don'", "t"], ["a'", " b"], ["東", "京"], ["state-", "owned"]] as const) {
      // the first chunk ends right after `head`
      const placed = `${"y ".repeat((4096 - head.length) >> 1)}${"y".repeat((4096 - head.length) & 1)}${head}${tail} z`;
      expect(placed.indexOf(tail, 4000)).toBe(4096);
      expect(wordCount(placed)).toBe(wordCountReference(placed));
    }
    // joined words in a later chunk, wherever they fall against the spaces of the first
    for (let shift = 0; shift < 4; shift++) {
      const later = `${"y ".repeat(2100)}${"y".repeat(shift)} don't state-owned a' b`;
      expect(wordCount(later)).toBe(wordCountReference(later));
    }
  });

  it("endsLikeSentence says what its pattern says", () => {
    const ENDS = [".", "!", "?", "…", "。", "！", "？", "\"", "'", "”", "’", "»", ")", "]", "“", "«", "(", " ", "\u00a0", "\u2028", "\ufeff", "\n", "x", "\ud800", "\udc00", "😀"];
    const ending = fc.tuple(text, fc.array(fc.constantFrom(...ENDS), { maxLength: 6 })).map(([head, tail]) => head + tail.join(""));
    const reference = (t: string): boolean => /[.!?…。！？][\s"'”’»)\]]*$/u.test(t);
    fc.assert(fc.property(ending, (t) => {
      expect(endsLikeSentence(t)).toBe(reference(t));
    }), runs);
    // each code unit at the end, alone and after a full stop
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const t of [ch, `.${ch}`, `a.${ch} `]) if (endsLikeSentence(t) !== reference(t)) throw new Error(`U+${c.toString(16)} in ${JSON.stringify(t)}`);
    }
  });

  it("wordCountUpTo is the count, stopped at the limit", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: -1, max: 30 }), (t, limit) => {
        expect(wordCountUpTo(t, limit)).toBe(Math.min(wordCountReference(t), limit));
      }),
      runs,
    );
    for (const [t, limit] of [["東京タワー", 1], ["東京タワー", 2], ["東京タワー", 3], ["東", 1], ["a b c", 3], ["a b c", 2], ["", 0]] as const) {
      expect(wordCountUpTo(t, limit)).toBe(Math.min(wordCountReference(t), limit));
    }
  });
});

describe("lines", () => {
  it("normaliseLine gives what the two replacements and trim give", () => {
    fc.assert(fc.property(text, (t) => {
      expect(normaliseLine(t)).toBe(normaliseLineReference(t));
    }), runs);
    for (const t of ["", " ", "a", " a", "a ", "a  b", "a b", "a\u00a0b", "a\u200bb", "\ufeffa", "a\u2028", "a\u000bb"]) expect(normaliseLine(t)).toBe(normaliseLineReference(t));
  });
});

/** detectLanguage's stop-word count as it was written first: an array of words, each lower-cased and looked up. */
function detectLanguageReference(text: string): string | null {
  const languages = Object.keys(STOP_WORDS);
  const ws = words(text.slice(0, 2500));
  if (ws.length < 8) return null;
  const counts = languages.map((lang) => ws.filter((w) => STOP_WORDS[lang]?.has(w.toLowerCase())).length);
  // the choice from the counts is the module's own: what is compared here is the counting
  return languageOfCounts(counts, ws.length);
}

/** detectLanguage as it was written first, script test included: a loop over the sample's code units, then stop words. */
function detectLanguageFullReference(text: string): string | null {
  const byStopWords = (t: string, candidates: readonly string[]): string | null => {
    const ws = words(t.slice(0, 2500)).map((w) => w.toLowerCase());
    let best: string | null = null;
    let bestShare = 0;
    for (const lang of candidates) {
      const list = STOP_WORDS[lang];
      if (!list) continue;
      const share = ws.filter((w) => list.has(w)).length / Math.max(1, ws.length);
      if (share > bestShare) {
        bestShare = share;
        best = lang;
      }
    }
    return bestShare >= 0.1 ? best : null;
  };
  const scripts: Array<[RegExp, (t: string) => string | null]> = [
    [/[\u3040-\u30ff]/u, () => "ja"],
    [/[\uac00-\ud7af]/u, () => "ko"],
    [/\p{Script=Han}/u, () => "zh"],
    [/\p{Script=Arabic}/u, (t) => (/[پچژگ]/u.test(t) ? "fa" : "ar")],
    [/\p{Script=Hebrew}/u, () => "he"],
    [/\p{Script=Greek}/u, () => "el"],
    [/\p{Script=Thai}/u, () => "th"],
    [/\p{Script=Devanagari}/u, () => "hi"],
    [/\p{Script=Cyrillic}/u, (t) => (/[іїєґ]/iu.test(t) ? "uk" : /[ыэъё]/iu.test(t) ? "ru" : byStopWords(t, ["ru", "uk"]))],
  ];
  const sample = text.slice(0, 3000);
  let ascii = 0;
  let other = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) ascii++;
    else if (c >= 0xc0) other++;
  }
  if (other >= (ascii + other) * 0.3) {
    const letters = sample.match(/\p{L}/gu)?.length ?? 0;
    if (letters > 0) {
      for (const [re, decide] of scripts) {
        const n = sample.match(new RegExp(re.source, "gu"))?.length ?? 0;
        if (n / letters > 0.3) return decide(text);
      }
    }
  }
  return detectLanguageReference(text);
}

describe("language", () => {
  const STOP = ["the", "The", "THE", "of", "and", "und", "der", "Die", "le", "Les", "el", "los", "il", "è", "È", "é", "não", "NÃO", "för", "och", "het", "się", "że", "и", "Не", "що", "kan", "\u212aan", "k", "dass", "über", "Über", "más", "été"];
  const OTHER = [" ", " ", " ", "  ", "\n", ". ", ", ", "'", "’", "-", "0", "42", "'s", "n't", "x", "word", "Words", "Kishida", "İ", "ı", "\u0301", "e\u0301", "𝐀", "😀", "\ud800", "\udc00", "東京", "ΟΔΟΣ", "longerthanany", "between", "because", "Durante", "THROUGH", "through1", "4th", "it's", "o’the", "one-two", "betweens"];
  const prose = fc.array(fc.constantFrom(...STOP, ...OTHER), { maxLength: 80 }).map((parts) => parts.join(""));

  it("detectLanguage decides what counting an array of lower-cased words decides (Latin script)", () => {
    fc.assert(
      fc.property(prose, (t) => {
        // the script test comes first and is unchanged: compare where it leaves the decision to stop
        // words, that is where fewer than 30% of the letters are outside ASCII
        let ascii = 0;
        let other = 0;
        for (const ch of t.slice(0, 3000)) {
          const c = ch.charCodeAt(0);
          if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) ascii++;
          else if (c >= 0xc0) other += ch.length;
        }
        if (other >= (ascii + other) * 0.3) return;
        expect(detectLanguage(t)).toBe(detectLanguageReference(t));
      }),
      runs,
    );
    fc.assert(
      fc.property(prose, (t) => {
        const ws = words(t);
        const counts = Object.keys(STOP_WORDS).map(() => 0);
        expect(countStopWords(t, counts)).toBe(ws.length);
        expect(counts).toEqual(Object.values(STOP_WORDS).map((list) => ws.filter((w) => list.has(w.toLowerCase())).length));
      }),
      runs,
    );
    // any script: the share of letters outside ASCII decides whether the scripts are looked at
    const SCRIPT_PIECES = ["Москва", "і", "ы", "Ελλάδα", "東京", "ひらがな", "한국", "مصر", "پ", "עברית", "हिन्दी", "ไทย", "é", "É", "ß", "“", "—", "\u00bf", "\u00c0", "😀", "\ud800", "・", "゛"];
    const anyScript = fc.array(fc.constantFrom(...STOP, ...OTHER, ...SCRIPT_PIECES), { maxLength: 80 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(anyScript, (t) => {
        expect(detectLanguage(t)).toBe(detectLanguageFullReference(t));
      }),
      runs,
    );
    // around the 30% line: letters just below and from U+00C0 as words of their own, then English
    const english = "the of and to a in is that for it as was with be by on not he this are or his from at which but";
    // ("・" is in the kana block but no letter: the script test may see it as Japanese where the letters are Latin)
    for (const letter of ["é", "\u00c0", "\u00bf", "Я", "・"]) {
      for (let o = 0; o <= 20; o++) {
        for (let l = 0; l <= 90; l += 1) {
          const t = `${`${letter} `.repeat(o)}${english.slice(0, l)}`;
          expect(detectLanguage(t), JSON.stringify(t)).toBe(detectLanguageFullReference(t));
        }
      }
    }
    // samples longer than the 3000 code units the script test reads, with the other script before or after that point
    for (const [a, b] of [["Москва и ", "the of and "], ["the of and ", "Москва и "], ["é", "a"], ["a", "é"], ["ab", "ÉÉé"], ["abcdefgh ", "・"], ["・", "abc "]] as const) {
      for (const k of [0, 1, 100, 900, 1000, 1500, 2999]) {
        const t = (a.repeat(k) + b.repeat(3000)).slice(0, 4000);
        expect(detectLanguage(t), `${a} x${k}`).toBe(detectLanguageFullReference(t));
      }
    }
    // kana punctuation a third as common as ASCII letters all the way: Latin by the first test, which must see the whole sample
    for (const t of ["・abc ".repeat(1000), "abc ・".repeat(1000), `${"Я".repeat(900)}${"・abc ".repeat(1000)}`]) expect(detectLanguage(t)).toBe(detectLanguageFullReference(t));
    for (const t of ["", "the of and to a in is that", "The Of And To A In Is That", "\u212aan och att det som en på är", "der die und in den von zu das mit", "le la les de des du et en un"]) {
      expect(detectLanguage(t)).toBe(detectLanguageReference(t));
    }
  });
});

/** garbledShare as it was written first: a string per code point, and a regex per one outside ASCII. */
function garbledShareReference(text: string): number {
  if (text.length === 0) return 0;
  let bad = 0;
  let total = 0;
  for (const ch of text) {
    total++;
    const c = ch.codePointAt(0) as number;
    if (c === 10 || c === 13 || c === 9) continue;
    if (c < 32 || (c >= 0x7f && c < 0xa0) || c === 0xfffd || (c >= 0xe000 && c < 0xf900)) bad++;
    else if (c >= 0xa0 && /[\p{Cn}\p{Co}\p{Cs}]/u.test(ch)) bad++;
  }
  return bad / total;
}

describe("quality", () => {
  it("garbledShare gives what the code-point-string loop gives", () => {
    const odd = ["\u0000", "\u0007", "\u007f", "\u0085", "\ufffd", "\ue000", "\uf8ff", "\u0378", "\uffff", "\u{10ffff}", "\u{f0000}", "\u{e0001}", "\u{30000}"];
    const mixed = fc.array(fc.constantFrom(...PIECES, ...odd), { maxLength: 40 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(mixed, (t) => {
        expect(garbledShare(t)).toBe(garbledShareReference(t));
      }),
      runs,
    );
    for (const t of ["", "\ud800", "\udc00\ud800", "a\ufffdb", "😀\u0378"]) expect(garbledShare(t)).toBe(garbledShareReference(t));
  });
});

describe("captions", () => {
  const CREDIT_TAIL =
    /(?:\((?:photo(?:graph)?s?|image|picture|credit|foto|courtesy|source|file)\b[^()]{0,100}\)|\b(?:getty images|afp|reuters|ap photo|epa|shutterstock|xinhua|bloomberg|anadolu)(?:\s*via\s*[\w .]+)?\)?|\b[A-Z]{2,}\/[A-Z][\w.' -]{2,40})\s*\.?$/i;
  const CAPTION_HEAD = /^(?:the (?:picture|photo|image|photograph) (?:shows|above)|pictured\b|photo:|image:|caption:|file photo\b|in this (?:photo|image|file photo))/i;
  const isCaptionReference = (t: string): boolean => !(wordCountReference(t) > 120) && (CAPTION_HEAD.test(t) || CREDIT_TAIL.test(t));
  const CREDIT = ["(", ")", "/", "Photo", "(Photo by Jane Doe/AFP)", "Getty Images", "GETTY IMAGES", "via", "Reuters", "REUTERS/Kim Lee", "AP Photo", "epa", "Xinhua", "bloomberg", "Anadolu", "Shutterstock", "Pictured", "The photo shows", "Caption:", "file photo", "words", "the quick brown fox", " ", ". ", "ſ", "\u212a"];
  const line = fc.array(fc.constantFrom(...CREDIT, ...PIECES), { maxLength: 30 }).map((parts) => parts.join(""));

  it("isCaption says what the two patterns and the word limit say", () => {
    fc.assert(
      fc.property(line, (t) => {
        expect(isCaption(t)).toBe(isCaptionReference(t));
      }),
      runs,
    );
    // a credit in brackets at the very end, then the white space and full stops that may follow it
    const ending = fc.tuple(
      line,
      fc.constantFrom("(Photo: Jane Doe)", "(photos by Ana)", "(Credit: X", "(file)", "(image courtesy of the museum)", "(Photo)", "(source (a) b)", "Getty Images", "AFP)", "REUTERS/Kim Lee", "AFP via Getty Images", "Reuters via", "epa-efe", "(AP Photo)", "XINHUA", "Bloomberg\u00a0via  x.y", "anadolu_ 2", "Shutterstock,"),
      fc.constantFrom("", ".", " .", " ", "\u00a0.", ". ", "..", "\ufeff.", "\u2028", ")", "\n.", "x", ") .", "). ", "\t)", "'", "é"),
    ).map(([head, credit, tail]) => `${head} ${credit}${tail}`);
    fc.assert(
      fc.property(ending, (t) => {
        expect(isCaption(t)).toBe(isCaptionReference(t));
      }),
      runs,
    );
    const long = `${"word ".repeat(130)}(Photo: Jane Doe/Reuters)`;
    for (const t of ["", long, "Pictured: the harbour", "Crowds gather (Photo by Jane Doe/AFP)", "A line with no credit at all.", "Ships in port. Reuters", "The port REUTERS/Kim Lee"]) {
      expect(isCaption(t)).toBe(isCaptionReference(t));
    }
  });
});

/** gluedHeading as it was written first: the pattern tried on every paragraph. */
function gluedHeadingReference(text: string): { index: number; heading: string } | null {
  const m = /[.!?]["”’»]?(?=[“‘"']?\p{Lu})(?<tail>[^.!?\s][^.!?]{1,90})$/u.exec(text);
  if (!m?.groups) return null;
  const tail = m.groups.tail as string;
  const index = text.length - tail.length;
  let heading = tail.trim();
  const n = wordCount(heading);
  if (n < 1 || n > 10) return null;
  if (/[,;:]$/.test(heading)) return null;
  const pair = /^([‘“"'])(.*)([’”"'])$/u.exec(heading);
  if (pair) heading = (pair[2] as string).trim();
  else if (/["“”‘’]/u.test(heading)) return null;
  if (!/^\p{Lu}/u.test(heading)) return null;
  return { index, heading };
}

describe("glued headings", () => {
  const GLUE = [".", "!", "?", "”", "’", "»", "“", "‘", "\"", "'", " ", "A", "Steadfast", "Ally", "even greater", "É", "😀", "\ud800", "\udc00", ",", ";", "x", "𝐀"];
  const paragraph = fc.array(fc.constantFrom(...GLUE, ...PIECES), { maxLength: 30 }).map((parts) => parts.join(""));
  it("gluedHeading finds what the pattern alone found", () => {
    fc.assert(
      fc.property(paragraph, (t) => {
        expect(gluedHeading(t)).toEqual(gluedHeadingReference(t));
      }),
      runs,
    );
    for (const t of ["", "a.", "A.B", ".Ab", "… even greater.”‘A Steadfast Ally’", "Done.Next step", "Done. Next.", "Done.Ne?", "Done.N😀", "x.AB\udc00", "x.A.\udc00"]) {
      expect(gluedHeading(t), t).toEqual(gluedHeadingReference(t));
    }
  });
});
