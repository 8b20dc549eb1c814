/**
 * The character scanners that stand in for Unicode regular expressions on every paragraph must
 * find what those expressions find (or, for the cheap tests run before a pattern, never miss a place
 * the pattern matches). Each is checked against the expression it replaces on random text built from
 * the pieces that make the difference: capitals and lower case outside ASCII, title-case letters,
 * combining marks, astral letters, lone surrogates, apostrophes, periods, quotes and speech verbs.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { LETTER, LOWER, MARK, NUMBER, SPACE, UPPER, classOf, codePointBefore } from "../../src/text/chars.ts";
import { CODECS } from "../../src/repair/codecs.ts";
import { GAP_SENTENCE, GAP_SPACE, countEvidence, gatherEvidence, tokenize } from "../../src/repair/evidence.ts";
import { holdsFunctionWord, mayHoldFunctionWord } from "../../src/repair/glued-words.ts";
import { C1_SIGN, MOJIBAKE_SIGN, PAIRS, decodeRuns, encodingSigns, mayDecode, mayHoldMojibake } from "../../src/repair/mojibake.ts";
import { addNameForms, nameRuns } from "../../src/repair/name-forms.ts";
import { sentenceStartSubjects } from "../../src/repair/name-glue.ts";
import { NAME_WORD, ROLE_WORDS, TITLE_WORDS, WORD_END, WORD_START, escapeRegExp } from "../../src/repair/name-patterns.ts";
import { cutNames, glossSites, gluedAfterOf, lowerCaseBetweenCapitals, nameBody, nameBodyEnd } from "../../src/repair/name-sites.ts";
import { loadPhraseRules, requiredLiteral } from "../../src/repair/phrase-rules.ts";
import { ROLE_HINT, tokensOf, wordTree } from "../../src/repair/same-role.ts";
import { glueTokens, hasGlueCandidate, repairPhrases } from "../../src/repair/text-repair.ts";
import { SPINNER_RULES as SPINNER_TABLE } from "../../src/stages/repair-text.ts";
import { draftOf } from "./helpers.ts";

const PIECES = [
  " ", " ", " ", "  ", "\n", "\u00a0", ". ", ".", ", ", "! ", "? ", ": ", "; ", "“", "”", '"', "«", "’", "'", "-", "(", ")", "_", "5",
  "a", "e", "s", "d", "t", "h", "A", "B", "M", "P", "é", "É", "ß", "İ", "ı", "\u212a", "ǅ", "\u0301", "\u00c3\u00a9", "â€™", "𝐀", "𝐚", "😀", "\ud800", "\udc00",
  "said", "says", "told", "and", "the", "that", "from", "which", "was", "of", "of ", "minister", "Minister", "MP", "mep", "President",
  "Lloyd", "Austin", "O'Neill", "McDonald", "weber", "Weber", "prices", "thousand", "Romania", "Adrian", "mp.", "spokesman",
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(""));
const runs = { numRuns: 3000 };

const TOKEN_IN_TEXT = /[\p{L}\p{M}]{6,}/gu;
const CASE_BOUNDARY = /\p{Ll}\p{Lu}|\p{Lu}\p{Lu}\p{Ll}/u;

describe("character classes", () => {
  it("agree with the Unicode property escapes for every BMP code point and some astral ones", () => {
    const tests: Array<[number, RegExp]> = [[LETTER, /^\p{L}$/u], [MARK, /^\p{M}$/u], [UPPER, /^\p{Lu}$/u], [LOWER, /^\p{Ll}$/u], [NUMBER, /^\p{N}$/u], [SPACE, /^\s$/u]];
    const points = [...Array.from({ length: 0x10000 }, (_, i) => i), 0x1d400, 0x1d41a, 0x1f600, 0x20000, 0x10ffff];
    for (const cp of points) {
      const ch = String.fromCodePoint(cp);
      const bits = classOf(cp);
      for (const [bit, re] of tests) if (((bits & bit) !== 0) !== re.test(ch)) throw new Error(`U+${cp.toString(16)}: ${re}`);
    }
  });
});

describe("glued-word tokens", () => {
  it("are the runs of six letters or more, with their case boundaries", () => {
    fc.assert(
      fc.property(text, (t) => {
        const expected = [...t.matchAll(TOKEN_IN_TEXT)].map((m) => ({ index: m.index, text: m[0], cased: CASE_BOUNDARY.test(m[0]) }));
        const tokens = glueTokens(t);
        expect(tokens).toEqual(expected);
        const ctx = { evidence: gatherEvidence([]), words: new Set(["thousand"]) };
        for (const k of tokens) expect(holdsFunctionWord(t, k.index, k.index + k.text.length, ctx.words)).toBe(mayHoldFunctionWord(k.text, ctx));
      }),
      runs,
    );
  });

  const ends = /\p{Ll}{4}(?:and|was|were|the|that|from|have|has|had|said|which|would)$/u;
  const starts = /^(?:that|from|which|this)\p{Ll}{4}/u;

  it("may hold a function word exactly where the patterns say so", () => {
    const ctx = { evidence: gatherEvidence([]), words: new Set(["thousand"]) };
    const token = fc.array(fc.constantFrom("a", "é", "𝐚", "A", "\u0301", "and", "the", "that", "which", "this", "said", "thousand"), { maxLength: 8 }).map((p) => p.join(""));
    fc.assert(
      fc.property(token, (t) => {
        expect(mayHoldFunctionWord(t, ctx)).toBe((ends.test(t) || starts.test(t)) && !ctx.words.has(t.toLowerCase()));
      }),
      runs,
    );
  });
});

describe("glue pre-test", () => {
  // The test as the patterns say it: some run of six letters or more has a case boundary, or ends
  // or starts with a glued function word and is no word of the list.
  const reference = (t: string, words: ReadonlySet<string>): boolean =>
    [...t.matchAll(TOKEN_IN_TEXT)].some((m) => CASE_BOUNDARY.test(m[0]) || ((ends.test(m[0]) || starts.test(m[0])) && !words.has(m[0].toLowerCase())));
  const ends = /\p{Ll}{4}(?:and|was|were|the|that|from|have|has|had|said|which|would)$/u;
  const starts = /^(?:that|from|which|this)\p{Ll}{4}/u;
  const words = new Set(["thousand", "breathe", "prices"]);
  const glued = fc
    .array(
      fc.constantFrom(
        "pric", "esand", "thousand", "breathe", "that", "this", "food", "which", "would", "were", "have", "has", "had", "said", "was", "from",
        "a", "e", "d", "n", "Territory", "He", "II", "including", "US", "é", "ÉÉ", "ß", "ǅ", "\u0301", "𝐀", "𝐚𝐚", "\ud800", "\udc00", "ı", "İ",
        "z", "Z", "zzzz", "@", "[", "`", "{", "\u007f", "\u0080", "ª", " ", ". ", "'", "’", "-", "5", "_", "\u00a0",
      ),
      { maxLength: 16 },
    )
    .map((p) => p.join(""));

  it("says yes exactly where some token has a case boundary or may hold a function word", () => {
    fc.assert(
      fc.property(fc.oneof(text, glued), (t) => {
        expect(hasGlueCandidate(t, words)).toBe(reference(t, words));
      }),
      runs,
    );
    expect(hasGlueCandidate("", words)).toBe(false);
    expect(hasGlueCandidate("the pricesand the territoryHe", words)).toBe(true);
    expect(hasGlueCandidate("a thousand prices breathe", words)).toBe(false);
    expect(hasGlueCandidate("World War IIincluding", words)).toBe(true);
    expect(hasGlueCandidate("mmm thatfood", words)).toBe(true);
    expect(hasGlueCandidate("𝐚𝐚𝐚𝐚𝐚𝐀", words)).toBe(true);
  });
});

describe("document evidence", () => {
  it("tokenises as /[\\p{L}\\p{M}]+/ does, telling white-space gaps and sentence gaps", () => {
    fc.assert(
      fc.property(text, (t) => {
        const matches = [...t.matchAll(/[\p{L}\p{M}]+/gu)];
        const { words, gaps } = tokenize(t);
        expect(words).toEqual(matches.map((m) => m[0]));
        let last = 0;
        matches.forEach((m, k) => {
          const gap = t.slice(last, m.index);
          last = m.index + m[0].length;
          expect(((gaps[k] as number) & GAP_SPACE) !== 0).toBe(/^\s+$/.test(gap));
          expect(((gaps[k] as number) & GAP_SENTENCE) !== 0).toBe(/[.!?:;“"«]/.test(gap));
        });
      }),
      runs,
    );
  });

  it("answers each count as counting every token would, whether it searches or counts", () => {
    const words = fc.constantFrom("Lloyd", "Austin", "lloyd", "said", "Said", "é", "Éva", "𝐀b", "a\u0301", "x y", "", "Lloyd Austin", "said Lloyd", "a  b", "ı");
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), fc.array(words, { maxLength: 50 }), (texts, asked) => {
        const full = countEvidence(texts);
        const tokens = [...full.tokens.keys()];
        const pairs = [...full.exactPairs.keys()];
        // Enough keys to pass the point where the counts are made in full.
        const keys = [...asked, ...tokens, ...tokens.map((t) => t.toLowerCase()), ...pairs, ...pairs.map((k) => k.split(" ").reverse().join(" "))];
        const evidence = gatherEvidence([...texts, "x"]);
        const reference = countEvidence([...texts, "x"]);
        for (const key of keys) {
          expect(evidence.tokens.get(key)).toBe(reference.tokens.get(key));
          expect(evidence.exactPairs.get(key)).toBe(reference.exactPairs.get(key));
          expect(evidence.pairs.get(key)).toBe(reference.pairs.get(key));
          expect(evidence.midCapitalised.get(key)).toBe(reference.midCapitalised.get(key));
          expect(evidence.inNamePhrase.get(key)).toBe(reference.inNamePhrase.get(key));
        }
        expect([...evidence.tokens]).toEqual([...reference.tokens]);
      }),
      { numRuns: 500 },
    );
  });

  it("counts lower-cased forms in the order the text first uses them", () => {
    const evidence = gatherEvidence(["The the THE theatre", "Theatre the"]);
    expect([...evidence.lower]).toEqual([["the", 4], ["theatre", 2]]);
  });
});

describe("mojibake pre-test", () => {
  // the plain reading of the code pages' lead/continuation table the quick test is built from
  const reference = (t: string): boolean => {
    const chars = Array.from(t);
    return chars.some((a, i) => i + 1 < chars.length && PAIRS.some((p) => p.lead.has(a) && p.continuation.has(chars[i + 1] as string)));
  };
  it("says no to re-reading with a code page only where nothing would be decoded", () => {
    const pieces = [" ", "a", "Ã", "Â", "â", "é", "ß", "Ä", "€", "™", "©", "\u00a0", "\ufffd", "\u0099", "¬", "√", "Р", "µ", "├", "𝐀", "\ud83d", "x y"];
    const mojibake = fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((p) => p.join(""));
    fc.assert(
      fc.property(fc.oneof(text, mojibake), (t) => {
        for (const codec of CODECS) if (!mayDecode(t, codec)) expect(decodeRuns(t, codec)).toBeNull();
      }),
      runs,
    );
  });

  it("tells a C1 control exactly where the text holds one and no sign of mojibake", () => {
    const pieces = [" ", "a", "Ã", "©", "\u0080", "\u0099", "\u009f", "\u00a0", "’", "“", "𝐀", "\ud83d", "x y"];
    const c1Text = fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((p) => p.join(""));
    fc.assert(
      fc.property(fc.oneof(text, c1Text), (t) => {
        const expected = reference(t) ? MOJIBAKE_SIGN : /[\u0080-\u009f]/.test(t) ? C1_SIGN : 0;
        expect(encodingSigns(t)).toBe(expected);
      }),
      runs,
    );
  });

  it("says yes exactly where some code page reads a lead and a continuation", () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(mayHoldMojibake(t)).toBe(reference(t));
      }),
      runs,
    );
  });
});

describe("name pre-tests", () => {
  const W = NAME_WORD;
  const FULL = `${W}(?: ${W}){1,3}`;
  const g = (source: string): RegExp => new RegExp(source, "gu");
  // The patterns of name-repairs.ts, and which of their groups the site must give: the word before
  // the period, the word after it (null before a quote), and the word after that.
  const cutPatterns: Array<{ pattern: RegExp; site: (m: RegExpMatchArray) => [string, string | null, string | null | undefined] }> = [
    { pattern: g(`${WORD_START}(${W})\\. (${W}) (${W})${WORD_END}`), site: (m) => [m[1] as string, m[2] as string, undefined] },
    { pattern: g(`${WORD_START}(${W})\\. (${W})${WORD_END}`), site: (m) => [m[1] as string, m[2] as string, undefined] },
    { pattern: g(`${WORD_START}(${W})\\. (${W})(?: ?\\((${FULL})\\))?`), site: (m) => [m[1] as string, m[2] as string, undefined] },
    { pattern: g(`${WORD_START}(${W})\\. (${W}) ?\\((${FULL})\\)`), site: (m) => [m[1] as string, m[2] as string, undefined] },
    {
      pattern: g(`${WORD_START}(${W})\\. (?:(${W}),? )?(${W}) (${W})${WORD_END}`),
      site: (m) => (m[2] === undefined ? [m[1] as string, m[3] as string, undefined] : [m[1] as string, m[2], m[3] as string]),
    },
    { pattern: g(`${WORD_START}(${W})\\. “([^”]{10,400}?)[,.]?” (${W}) (said|says)\\.?`), site: (m) => [m[1] as string, null, undefined] },
  ];
  const nameText = fc
    .array(fc.constantFrom("Lloyd", "Austin", "O’Neill", "Éva", "Ŝéan", "Δέλτα", "ǅemal", "x", "john", "Mr", "-", "’", ". ", " ", ", ", "“We will not say a word,” ", "said", "𝐀b", "A", "B'C", " (", ")"), { maxLength: 14 })
    .map((p) => p.join(""));

  it("find every place where a cut given name pattern matches, with the words it matched", () => {
    fc.assert(
      fc.property(fc.oneof(text, nameText), (t) => {
        const sites = cutNames(t);
        for (const { pattern, site } of cutPatterns) {
          for (const m of t.matchAll(pattern)) {
            const [given, next, following] = site(m);
            const found = sites.some((s) => s.given === given && s.next === next && (following === undefined || s.following === following));
            expect(found, `${pattern.source} on ${JSON.stringify(t)}`).toBe(true);
          }
        }
      }),
      runs,
    );
    expect(cutNames("met Lloyd. Austin said")).toEqual([{ given: "Lloyd", next: "Austin", following: null }]);
    expect(cutNames("Rich. Together, Rishi Sunak")).toEqual([{ given: "Rich", next: "Together", following: "Rishi" }]);
    expect(cutNames("spokesman John. “We will not say,” Kirby said.")).toEqual([{ given: "John", next: null, following: null }]);
    expect(cutNames("the end. The start. it rained. Then")).toEqual([]);
    expect(cutNames("Ends. ")).toEqual([]);
  });

  it("find every bracket where a gloss pattern matches, with the words it matched", () => {
    const gloss = g(`${WORD_START}(${W}) \\((${FULL})(?:, [^()]{1,40})?\\)`);
    const duplicate = g(`${WORD_START}(\\p{Lu}[\\p{L}\\p{M}'’.-]*(?: \\p{Lu}[\\p{L}\\p{M}'’.-]*){0,3}) ?\\(\\1\\)`);
    const glossText = fc
      .array(fc.constantFrom("Fumio", "Kishida", "Ŝéan", "O’Neill", "x", "É", "𝐀b", "(", ")", " (", ", right", " ", ". ", "Mr", "St.", "-"), { maxLength: 14 })
      .map((p) => p.join(""));
    fc.assert(
      fc.property(fc.oneof(text, glossText), (t) => {
        const sites = glossSites(t);
        for (const m of t.matchAll(gloss)) {
          const first = (m[2] as string).split(" ")[0];
          expect(sites.some((s) => s.form === m[1] && s.first === first)).toBe(true);
        }
        for (const m of t.matchAll(duplicate)) {
          const run = (m[1] as string).split(" ")[0] as string;
          expect(sites.some((s) => s.run === run && t.lastIndexOf(s.run, s.open - s.run.length) >= 0)).toBe(true);
        }
      }),
      runs,
    );
    expect(glossSites("Meloni (Giorgia Meloni)")).toEqual([{ form: "Meloni", first: "Giorgia", run: "Giorgia", open: 7 }]);
    expect(glossSites("Fumio Kishida(Fumio Kishida)")).toEqual([{ form: null, first: "Fumio", run: "Fumio", open: 13 }]);
    expect(glossSites("prices (in euros) rose")).toEqual([]);
    expect(glossSites("open (")).toEqual([]);
  });

  it("never miss a lower-case word between capitals that is no English word", () => {
    const pattern = /(\p{Lu}[\p{L}\p{M}]*) (\p{Ll}{4,})(?= \p{Lu})/gu;
    const words = new Set(["said", "prices"]);
    const between = fc
      .array(fc.constantFrom("United", "States", "biden", "Prime", "said", "prices", "müller", "Éva", " ", "x", "\u0301", "𝐚𝐚𝐚𝐚", "ı", "States biden ", "Kim müller ", " 𝐀b", "\u00a0"), { maxLength: 10 })
      .map((p) => p.join(""));
    fc.assert(
      fc.property(fc.oneof(text, between), (t) => {
        const gate = lowerCaseBetweenCapitals(t, words);
        if ([...t.matchAll(pattern)].some((m) => !words.has(m[2] as string))) expect(gate).toBe(true);
      }),
      runs,
    );
    // The scan as it was first written, from every space: the one that jumps between capitals gives the same answers.
    const capitalBefore = (t: string, end: number): boolean => {
      let i = end;
      for (let cp = codePointBefore(t, i); cp >= 0; cp = codePointBefore(t, i)) {
        if ((classOf(cp) & (LETTER | MARK)) === 0) return false;
        if ((classOf(cp) & UPPER) !== 0) return true;
        i -= cp >= 0x10000 ? 2 : 1;
      }
      return false;
    };
    const reference = (t: string): boolean => {
      for (let space = t.indexOf(" "); space >= 0; space = t.indexOf(" ", space + 1)) {
        if (space + 1 >= t.length) break;
        if ((classOf(t.codePointAt(space + 1) as number) & UPPER) === 0) continue;
        let start = space;
        let letters = 0;
        for (let cp = codePointBefore(t, start); cp >= 0 && (classOf(cp) & LOWER) !== 0; cp = codePointBefore(t, start)) {
          start -= cp >= 0x10000 ? 2 : 1;
          letters++;
        }
        if (letters < 4 || t.charCodeAt(start - 1) !== 0x20 || !capitalBefore(t, start - 1)) continue;
        if (!words.has(t.slice(start, space))) return true;
      }
      return false;
    };
    fc.assert(
      fc.property(fc.oneof(text, between), (t) => {
        expect(lowerCaseBetweenCapitals(t, words)).toBe(reference(t));
      }),
      runs,
    );
    expect(lowerCaseBetweenCapitals("United States biden Prime Minister", words)).toBe(true);
    expect(lowerCaseBetweenCapitals("the States said Prime", words)).toBe(false);
    expect(lowerCaseBetweenCapitals("ends with a space ", words)).toBe(false);
  });

  it("never miss a place after `<office> of` where a place is glued to a given name", () => {
    const titles = [...TITLE_WORDS].filter((t) => /^\p{Lu}\p{Ll}+$/u.test(t)).map(escapeRegExp).join("|");
    const pattern = new RegExp(`(?<=(?:${titles}) of )(\\p{Lu}\\p{Ll}{3,})(\\p{Lu}\\p{Ll}{2,})(?= \\p{Lu}\\p{Ll})`, "u");
    const ofText = fc
      .array(fc.constantFrom("President", " of ", "Romania", "Adrian", "Éire", "Ádám", "𝐀", " ", "x", "Popescu", "of ", " of Éireádám", " of 𝐀bcd𝐀", "\u0301"), { maxLength: 10 })
      .map((p) => p.join(""));
    fc.assert(
      fc.property(fc.oneof(text, ofText), (t) => {
        const gate = gluedAfterOf(t);
        if (pattern.test(t)) expect(gate).toBe(true);
      }),
      runs,
    );
    // The scan as it was first written, from every ` of `: the one that jumps to those before a capital gives the same answers.
    const reference = (t: string): boolean => {
      for (let of = t.indexOf(" of "); of >= 0; of = t.indexOf(" of ", of + 3)) {
        let i = of + 4;
        if (i >= t.length) return false;
        let cp = t.codePointAt(i) as number;
        if ((classOf(cp) & UPPER) === 0) continue;
        i += cp >= 0x10000 ? 2 : 1;
        let lower = 0;
        for (; i < t.length; i += cp >= 0x10000 ? 2 : 1) {
          cp = t.codePointAt(i) as number;
          if ((classOf(cp) & LOWER) === 0) break;
          lower++;
        }
        if (lower >= 3 && i < t.length && (classOf(cp) & UPPER) !== 0) return true;
      }
      return false;
    };
    fc.assert(
      fc.property(fc.oneof(text, ofText), (t) => {
        expect(gluedAfterOf(t)).toBe(reference(t));
      }),
      runs,
    );
    expect(gluedAfterOf("the President of Romania Adrian Popescu")).toBe(false);
  });

  it("find the lower-case subjects of speech verbs that the sentence-start pattern finds", () => {
    const pattern = /(?:^|(?<=[.!?]["”’]? ))(\p{Ll}{3,})(?= (?:said|says|told|added|argued|wrote|explained|noted|warned|stressed|insisted|replied)(?![\p{L}]))/gu;
    fc.assert(
      fc.property(text, (t) => {
        expect(sentenceStartSubjects(t)).toEqual([...t.matchAll(pattern)].map((m) => m[1]));
      }),
      runs,
    );
    expect(sentenceStartSubjects("weber said so. “Yes.” schmidt told us, and müller said; “No,” jones said")).toEqual(["weber", "schmidt"]);
  });

  it("end a run of name characters where reading a code point at a time with nameBody ends it", () => {
    // The loop nameBodyEnd stands for.
    const reference = (t: string, i: number): number => {
      let j = i;
      while (j < t.length) {
        const cp = t.codePointAt(j) as number;
        if (!nameBody(cp)) break;
        j += cp >= 0x10000 ? 2 : 1;
      }
      return j;
    };
    const body = fc.array(fc.constantFrom("a", "Z", "z", "A", "@", "[", "`", "{", "'", "’", "-", ".", " ", "é", "\u0301", "𝐀", "😀", "\ud800", "\udc00", "ß", "ǅ", "_", "5"), { maxLength: 12 }).map((p) => p.join(""));
    fc.assert(
      fc.property(fc.oneof(text, body), (t) => {
        for (let i = 0; i <= t.length; i++) expect(nameBodyEnd(t, i)).toBe(reference(t, i));
      }),
      runs,
    );
  });

  it("split capitalised runs as the name-run pattern does", () => {
    const pattern = new RegExp(`(?<![\\p{L}\\p{M}'’.-])${NAME_WORD}(?: ${NAME_WORD})*(?![\\p{L}\\p{M}])`, "gu");
    fc.assert(
      fc.property(text, (t) => {
        expect(nameRuns(t)).toEqual([...t.matchAll(pattern)].map((m) => m[0]));
      }),
      runs,
    );
  });

  it("take name forms from the runs as splitting each run into its words does", () => {
    // addNameForms as it was first written: every word of the run looked up, the last title or common word cuts.
    const reference = (t: string, words: ReadonlySet<string>): { names: string[]; alone: [string, number][] } => {
      const names = new Set<string>();
      const alone = new Map<string, number>();
      for (let run of nameRuns(t)) {
        if (run.endsWith("'s") || run.endsWith("’s")) run = run.slice(0, -2);
        if (!run.includes(" ")) {
          alone.set(run, (alone.get(run) ?? 0) + 1);
          continue;
        }
        const parts = run.split(" ");
        let cut = -1;
        for (let i = 0; i < parts.length; i++) {
          const p = parts[i] as string;
          if (TITLE_WORDS.has(p) || words.has(p.toLowerCase())) cut = i;
        }
        const name = parts.slice(cut + 1);
        if (name.length < 2 || name.length > 3) continue;
        names.add(name.join(" "));
      }
      return { names: [...names], alone: [...alone] };
    };
    const words = new Set(["the", "foreign", "prime", "said"]);
    const named = fc
      .array(fc.constantFrom("The", "Foreign", "Prime", "Minister", "President", "Kishida", "Fumio", "Lloyd", "Austin", "Éva", "O'Neill", "Said", "Ana Maria Ruiz", "'s", "’s", " ", " ", ". ", ", ", "x"), { maxLength: 16 })
      .map((p) => p.join(""));
    fc.assert(
      fc.property(fc.oneof(text, named), (t) => {
        const names = new Set<string>();
        const alone = new Map<string, number>();
        addNameForms(t, words, names, alone);
        expect({ names: [...names], alone: [...alone] }).toEqual(reference(t, words));
      }),
      runs,
    );
  });

  it("tokenise for offices as /[\\p{L}][\\p{L}\\p{M}.'’-]*/ does, and hint at every role word", () => {
    const pattern = /[\p{L}][\p{L}\p{M}.'’-]*/gu;
    fc.assert(
      fc.property(text, (t) => {
        const expected = [...t.matchAll(pattern)].map((m) => ({ word: m[0].replace(/[.]+$/, ""), index: m.index, raw: m[0] }));
        const tokens = tokensOf(t);
        expect(tokens).toEqual(expected);
        if (tokens.some((k) => ROLE_WORDS.has(k.word.toLowerCase()))) expect(ROLE_HINT.test(t)).toBe(true);
      }),
      runs,
    );
    expect(ROLE_HINT.test("The company said")).toBe(false);
    expect(ROLE_HINT.test("Labour MP. Jane Doe")).toBe(true);
  });
});

describe("word trees", () => {
  it("match wherever the flat alternation of their words does", () => {
    const letters = ["a", "b", "ab", "A", "é", "É", "e\u0301", "😀", "😁", "\ud83d", "k", "\u212a", "ß", "ss", ".", "(", "*"];
    const word = fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 4 }).map((p) => p.join(""));
    const subject = fc.array(fc.constantFrom(...letters, " ", "\n"), { maxLength: 20 }).map((p) => p.join(""));
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 8 }), subject, fc.constantFrom("u", "iu"), (words, t, flags) => {
        const flat = new RegExp(words.map(escapeRegExp).join("|"), flags);
        expect(new RegExp(wordTree(words), flags).test(t), `${wordTree(words)} on ${JSON.stringify(t)}`).toBe(flat.test(t));
      }),
      runs,
    );
    // Words that share halves of surrogate pairs, and lone halves.
    const halves = fc.array(fc.constantFrom("a", "😀", "😁", "\ud83d", "\ude00"), { minLength: 1, maxLength: 3 }).map((p) => p.join(""));
    fc.assert(
      fc.property(fc.uniqueArray(halves, { minLength: 1, maxLength: 6 }), fc.array(halves, { maxLength: 4 }).map((p) => p.join(" ")), (words, t) => {
        expect(new RegExp(wordTree(words), "u").test(t)).toBe(new RegExp(words.map(escapeRegExp).join("|"), "u").test(t));
      }),
      runs,
    );
    expect(wordTree(["chair", "chairman", "chairwoman", "cat", "dog"])).toBe("c(?:hair(?:man|woman|)|at)|dog");
  });
});

describe("strings a phrase pattern's matches hold", () => {
  const atoms = [
    "a", "b", "ab", "ba", " ", "é", "😀", "\\.", "\\(", "\\/", ".", "\\b", "\\B", "\\d", "\\d+", "\\w", "\\s?", "a?", "b*", "a+", "b{1,2}", "a{0,}?", "😀?",
    "(?:a|b)", "(?:ab)?", "(a)", "(?:a(b))", "(?:[)]a)", "(?:\\)b)", "[ab]", "[.)]", "[^a]", "^", "$", "(?=a)", "(?!b)", "(?<=a)", "(?<!b)", "\\p{L}", "\\P{Lu}+", "\\u0061", "\\u{62}", "\\x62",
  ];
  const pattern = fc.array(fc.constantFrom(...atoms), { minLength: 1, maxLength: 5 }).chain((parts) =>
    fc.boolean().map((alternation) => (alternation ? `${parts.join("")}|b` : parts.join(""))),
  );
  const subject = fc.array(fc.constantFrom("a", "b", "ab", "ba", " ", ".", "(", "/", "1", "é", "😀", "A", ")", "\n"), { maxLength: 24 }).map((p) => p.join(""));

  it("are held by every match, whatever the flags", () => {
    let found = 0;
    fc.assert(
      fc.property(pattern, subject, fc.constantFrom("", "m", "s", "i"), (source, t, flags) => {
        const literal = requiredLiteral(source, flags);
        if (literal !== "") found++;
        for (const m of t.matchAll(new RegExp(source, `gu${flags}`))) expect(m[0].includes(literal), `${source} on ${JSON.stringify(t)}`).toBe(true);
      }),
      { numRuns: 10000 },
    );
    // The property says little if most patterns show no string.
    expect(found).toBeGreaterThan(1000);
    expect(requiredLiteral("\\b[Oo]nce morest\\b")).toBe("nce morest");
    expect(requiredLiteral("[.,”\"]? ?\\btoo area\\b”?")).toBe("too area");
    expect(requiredLiteral("\\bregarding (?:\\d+|x)")).toBe("regarding ");
    expect(requiredLiteral("abb?c")).toBe("ab");
    expect(requiredLiteral("a|b")).toBe("");
    expect(requiredLiteral("once", "i")).toBe("");
    expect(requiredLiteral("(?:[)]a)bc")).toBe("bc");

  });

  it("are held by the examples of the spinner table, where the rule matches them", () => {
    for (const rule of SPINNER_TABLE) {
      const literal = requiredLiteral(rule.pattern, rule.flags ?? "");
      expect(literal.length, rule.id).toBeGreaterThanOrEqual(3);
      for (const example of rule.examples) {
        const text = typeof example === "string" ? example : example.text;
        for (const m of text.matchAll(rule.regex())) expect(m[0]).toContain(literal);
      }
    }
  });
});

describe("phrase rules tried together first", () => {
  const rule = (id: string, action: "fix" | "flag", pattern: string, extra: Record<string, string> = {}) => ({
    id, category: "test", action, pattern, ...extra, note: "test", examples: ["x"], negatives: ["y"],
  });
  const dir = mkdtempSync(join(tmpdir(), "phrase-rules-"));
  const file = join(dir, "rules.json");
  writeFileSync(
    file,
    JSON.stringify({
      about: "test",
      rules: [
        rule("named", "fix", "(?<w>quux)", { replace: "baz qux" }),
        rule("foo-bar", "fix", "\\bfoo bar\\b", { replace: "baz qux" }),
        rule("baz-qux", "flag", "\\bbaz qux\\b"),
        rule("doubled", "flag", "\\b(\\w+) \\1\\b"),
        rule("shout", "flag", "^LOUD", { flags: "m" }),
      ],
    }),
  );
  const rules = loadPhraseRules(pathToFileURL(file));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("still finds what an earlier rule's repair made, and rules left out of the alternation", () => {
    const draft = draftOf(["They said foo bar twice.", "the the end", "calm\nLOUD line", "quux", "nothing here"], { title: "On foo bar" });
    repairPhrases(draft, rules);
    expect(draft.blocks.map((b) => b.text)).toEqual(["They said baz qux twice.", "the the end", "calm\nLOUD line", "baz qux", "nothing here"]);
    expect(draft.meta.title).toBe("On baz qux");
    expect(draft.flagged.map((f) => `${f.rule}: ${f.text}`)).toEqual([
      "baz-qux: They said baz qux twice.",
      "baz-qux: baz qux",
      "baz-qux: On baz qux",
      "doubled: the the end",
      "shout: calm\nLOUD line",
    ]);
  });
});
