/**
 * The character scanners that stand in for Unicode regular expressions on every paragraph must
 * find what those expressions find (or, for the cheap tests run before a pattern, never miss a place
 * the pattern matches). Each is checked against the expression it replaces on random text built from
 * the pieces that make the difference: capitals and lower case outside ASCII, title-case letters,
 * combining marks, astral letters, lone surrogates, apostrophes, periods, quotes and speech verbs.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LETTER, LOWER, MARK, NUMBER, SPACE, UPPER, classOf } from "../../src/repair/chars.ts";
import { CODECS } from "../../src/repair/codecs.ts";
import { GAP_SENTENCE, GAP_SPACE, gatherEvidence, tokenize } from "../../src/repair/evidence.ts";
import { mayHoldFunctionWord } from "../../src/repair/glued-words.ts";
import { decodeRuns, mayDecode, mayHoldMojibake } from "../../src/repair/mojibake.ts";
import { nameRuns } from "../../src/repair/name-forms.ts";
import { sentenceStartSubjects } from "../../src/repair/name-glue.ts";
import { NAME_WORD, ROLE_WORDS, TITLE_WORDS, WORD_END, WORD_START, escapeRegExp } from "../../src/repair/name-patterns.ts";
import { BRACKET_BEFORE_CAPITAL, CUT_BEFORE_NAME, CUT_BEFORE_QUOTE, GLOSS_AFTER_NAME, cutNameSites, glossSites, gluedAfterOf } from "../../src/repair/name-sites.ts";
import { loadPhraseRules } from "../../src/repair/phrase-rules.ts";
import { ROLE_HINT, tokensOf } from "../../src/repair/same-role.ts";
import { glueTokens, repairPhrases } from "../../src/repair/text-repair.ts";
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
        expect(glueTokens(t)).toEqual(expected);
      }),
      runs,
    );
  });

  it("may hold a function word exactly where the patterns say so", () => {
    const ends = /\p{Ll}{4}(?:and|was|were|the|that|from|have|has|had|said|which|would)$/u;
    const starts = /^(?:that|from|which|this)\p{Ll}{4}/u;
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

  it("counts lower-cased forms in the order the text first uses them", () => {
    const evidence = gatherEvidence(["The the THE theatre", "Theatre the"]);
    expect([...evidence.lower]).toEqual([["the", 4], ["theatre", 2]]);
  });
});

describe("mojibake pre-test", () => {
  const pairs = CODECS.map((codec) => {
    const lead = new Set<string>();
    const continuation = new Set<string>(["\ufffd"]);
    for (const [ch, byte] of codec.toByte) {
      if (byte >= 0xc2 && byte <= 0xf4) lead.add(ch);
      if (byte >= 0x80 && byte <= 0xbf) continuation.add(ch);
    }
    if (continuation.has("\u00a0")) continuation.add(" ");
    return { lead, continuation };
  });
  const reference = (t: string): boolean => {
    const chars = Array.from(t);
    return chars.some((a, i) => i + 1 < chars.length && pairs.some((p) => p.lead.has(a) && p.continuation.has(chars[i + 1] as string)));
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
  const cutBeforeName = [
    `${WORD_START}(${W})\\. (${W}) (${W})${WORD_END}`,
    `${WORD_START}(${W})\\. (${W})${WORD_END}`,
    `${WORD_START}(${W})\\. (?:(${W}),? )?(${W}) (${W})${WORD_END}`,
    `${WORD_START}(${W})\\. (${W}) ?\\((${W}(?: ${W}){1,3})\\)`,
  ].map((source) => new RegExp(source, "u"));
  const cutBeforeQuote = new RegExp(`${WORD_START}(${W})\\. “([^”]{10,400}?)[,.]?” (${W}) (said|says)\\.?`, "u");
  const nameText = fc
    .array(fc.constantFrom("Lloyd", "Austin", "O’Neill", "Éva", "Ŝéan", "Δέλτα", "ǅemal", "x", "john", "Mr", "-", "’", ". ", " ", ", ", "“We will not say a word,” ", "said", "𝐀b", "A", "B'C"), { maxLength: 14 })
    .map((p) => p.join(""));

  it("never miss a place where a cut given name could be", () => {
    fc.assert(
      fc.property(fc.oneof(text, nameText), (t) => {
        const sites = cutNameSites(t);
        if (cutBeforeName.some((re) => re.test(t))) expect(sites & CUT_BEFORE_NAME).toBe(CUT_BEFORE_NAME);
        if (cutBeforeQuote.test(t)) expect(sites & CUT_BEFORE_QUOTE).toBe(CUT_BEFORE_QUOTE);
      }),
      runs,
    );
    expect(cutNameSites("met Lloyd. Austin said")).toBe(CUT_BEFORE_NAME);
    expect(cutNameSites("spokesman John. “We will not say,” Kirby said.")).toBe(CUT_BEFORE_QUOTE);
    expect(cutNameSites("the end. The start. it rained. Then")).toBe(0);
  });

  it("never miss a place where a gloss in brackets could be", () => {
    const glossAfterName = new RegExp(`${WORD_START}(${W}) \\((${W}(?: ${W}){1,3})(?:, [^()]{1,40})?\\)`, "u");
    const duplicate = new RegExp(`${WORD_START}(\\p{Lu}[\\p{L}\\p{M}'’.-]*(?: \\p{Lu}[\\p{L}\\p{M}'’.-]*){0,3}) ?\\(\\1\\)`, "u");
    const glossText = fc
      .array(fc.constantFrom("Fumio", "Kishida", "Ŝéan", "O’Neill", "x", "É", "𝐀b", "(", ")", " (", ", right", " ", ". ", "Mr"), { maxLength: 14 })
      .map((p) => p.join(""));
    fc.assert(
      fc.property(fc.oneof(text, glossText), (t) => {
        const sites = glossSites(t);
        if (glossAfterName.test(t)) expect(sites & GLOSS_AFTER_NAME).toBe(GLOSS_AFTER_NAME);
        if (duplicate.test(t)) expect(sites & BRACKET_BEFORE_CAPITAL).toBe(BRACKET_BEFORE_CAPITAL);
      }),
      runs,
    );
    expect(glossSites("Meloni (Giorgia Meloni)")).toBe(GLOSS_AFTER_NAME | BRACKET_BEFORE_CAPITAL);
    expect(glossSites("Fumio Kishida(Fumio Kishida)")).toBe(BRACKET_BEFORE_CAPITAL);
    expect(glossSites("prices (in euros) rose")).toBe(0);
  });

  it("never miss a place after `<office> of` where a place is glued to a given name", () => {
    const titles = [...TITLE_WORDS].filter((t) => /^\p{Lu}\p{Ll}+$/u.test(t)).map(escapeRegExp).join("|");
    const pattern = new RegExp(`(?<=(?:${titles}) of )(\\p{Lu}\\p{Ll}{3,})(\\p{Lu}\\p{Ll}{2,})(?= \\p{Lu}\\p{Ll})`, "u");
    const ofText = fc.array(fc.constantFrom("President", " of ", "Romania", "Adrian", "Éire", "Ádám", "𝐀", " ", "x", "Popescu"), { maxLength: 10 }).map((p) => p.join(""));
    fc.assert(
      fc.property(fc.oneof(text, ofText), (t) => {
        if (pattern.test(t)) expect(gluedAfterOf(t)).toBe(true);
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

  it("split capitalised runs as the name-run pattern does", () => {
    const pattern = new RegExp(`(?<![\\p{L}\\p{M}'’.-])${NAME_WORD}(?: ${NAME_WORD})*(?![\\p{L}\\p{M}])`, "gu");
    fc.assert(
      fc.property(text, (t) => {
        expect(nameRuns(t)).toEqual([...t.matchAll(pattern)].map((m) => m[0]));
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
