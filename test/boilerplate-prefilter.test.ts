/**
 * The strings a pattern cannot match without (src/rules/required-text.ts) let a rule skip its regex
 * on a block that holds none of them. That is only right if the regex never matches a text the test
 * turns away: checked on random patterns of the syntax the rule table uses, on every rule of the table,
 * and on texts built from the pieces that make the difference (case, the long s and the Kelvin sign
 * that fold to ASCII letters, letters outside ASCII, surrogate pairs, punctuation).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Draft } from "../src/draft.ts";
import { silentLogger } from "../src/log.ts";
import { type BlockRule, ruleMatches } from "../src/rules/block-rules.ts";
import { mayMatchTest, requiredStrings } from "../src/rules/required-text.ts";
import { BOILERPLATE_RULES, boilerplate } from "../src/stages/boilerplate.ts";
import { wordCount, wordCountUpTo } from "../src/text/measure.ts";

/** ruleMatches as it was before the required strings: the word limit, then the two regexes. */
function ruleMatchesReference(rule: BlockRule, text: string): boolean {
  if (wordCountUpTo(text, rule.maxWords + 1) > rule.maxWords) return false;
  if (!rule.regex.test(text)) return false;
  return rule.requiresRegex === null || rule.requiresRegex.test(text);
}

const runs = { numRuns: 3000 };

/** Characters of random patterns and texts: few, so that the texts often match the patterns. */
const CHARS = ["a", "b", "s", "k", "A", "B", "S", "K", "é", "É", "ſ", "\u212a", "-", " ", ".", "😀", "ß", "1"];
const ESCAPES = ["\\.", "\\-", "\\d", "\\w", "\\s", "\\S", "\\p{L}", "\\p{Lu}", "\\u212A", "\\x41", "\\u{1F600}", "\\n", "\\/"];
const ASSERTIONS = ["^", "$", "\\b", "\\B"];

/** Quantifiers of any reach, and those a group takes (below). */
const QUANTIFIERS = ["", "", "", "?", "*", "+", "{2}", "{0,2}", "{1,3}", "{2,}", "??", "+?"];
/**
 * A group repeats a bounded number of times only: a group under an unbounded quantifier that holds
 * one itself (`(?:a+)+`) can take the regex engine exponential time on a text that fails to match,
 * and a run of the test then never ends. What the test checks does not depend on it.
 */
const GROUP_QUANTIFIERS = ["", "", "", "?", "{2}", "{0,2}", "{1,3}", "??"];

const pattern: fc.Arbitrary<string> = fc.letrec<{ alt: string; seq: string; term: string; atom: string; group: string }>((tie) => ({
  alt: fc.array(tie("seq"), { minLength: 1, maxLength: 3 }).map((seqs) => seqs.join("|")),
  seq: fc.array(tie("term"), { maxLength: 5 }).map((terms) => terms.join("")),
  term: fc.oneof(
    { depthSize: "small" },
    { weight: 5, arbitrary: fc.tuple(tie("atom"), fc.constantFrom(...QUANTIFIERS)).map(([atom, q]) => atom + q) },
    { weight: 1, arbitrary: fc.constantFrom(...ASSERTIONS) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("(?=", "(?!", "(?<=", "(?<!"), tie("alt")).map(([open, inner]) => `${open}${inner})`) },
    { weight: 2, arbitrary: fc.tuple(tie("group"), fc.constantFrom(...GROUP_QUANTIFIERS)).map(([group, q]) => group + q) },
  ),
  atom: fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...CHARS.filter((c) => c !== ".")) },
    { weight: 2, arbitrary: fc.constantFrom(...ESCAPES, ".") },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.boolean(), fc.array(fc.constantFrom(...CHARS.filter((c) => c !== "-"), "a-c", "\\-", "\\d", "\\b"), { minLength: 1, maxLength: 4 }))
        .map(([negated, items]) => `[${negated ? "^" : ""}${items.join("")}]`),
    },
  ),
  group: fc.tuple(fc.constantFrom("(?:", "(", "(?<n>"), tie("alt")).map(([open, inner]) => `${open}${inner})`),
})).alt;

const text = fc.array(fc.constantFrom(...CHARS, "ab", "AB", "sk", "SK", "aé", "Ké", "bs"), { maxLength: 24 }).map((parts) => parts.join(""));
const flags = fc.constantFrom("", "i", "m", "s", "im");

function compiles(source: string, f: string): RegExp | null {
  try {
    return new RegExp(source, `u${f}`);
  } catch {
    return null;
  }
}

describe("required strings", () => {
  it("a random pattern never matches a text that its test turns away", () => {
    let tested = 0;
    let matched = 0;
    fc.assert(
      fc.property(pattern, flags, fc.array(text, { minLength: 1, maxLength: 8 }), (source, f, texts) => {
        const regex = compiles(source, f);
        if (regex === null) return;
        const may = mayMatchTest(source, f);
        // the strings themselves, whether or not the pattern is anchored (the test then is not used)
        const needs = requiredStrings(source, f);
        const search = needs === null ? null : new RegExp(needs.map((s) => s.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&")).join("|"), f.includes("i") ? "iu" : "u");
        for (const t of texts) {
          if (!regex.test(t)) continue;
          matched++;
          if (may !== null) expect(may(t), `/${source}/u${f} on ${JSON.stringify(t)}`).toBe(true);
          if (search !== null) expect(search.test(t), `/${source}/u${f} needs ${JSON.stringify(needs)}; ${JSON.stringify(t)}`).toBe(true);
          tested += may === null ? 0 : 1;
        }
      }),
      { numRuns: 10000 },
    );
    // the random patterns must exercise the test: many matches where it had a say
    expect(matched).toBeGreaterThan(500);
    expect(tested).toBeGreaterThan(150);
  });

  it("reads the strings of simple patterns", () => {
    expect(requiredStrings("\\bby (?:using|clicking) this\\b", "i")).toEqual(["by using this", "by clicking this"]);
    expect(requiredStrings("[Cc]opyright\\s*\\d{4}", "")).toEqual(["Copyright", "copyright"]);
    expect(requiredStrings("[Cc]opyright\\s*\\d{4}", "i")).toEqual(["copyright"]);
    expect(requiredStrings("(?:an? )?member", "i")).toEqual(["member"]);
    expect(requiredStrings("colou?r", "")).toEqual(["color", "colour"]);
    expect(requiredStrings("a|\\d+", "")).toBeNull();
    expect(requiredStrings("x*", "")).toBeNull();
    expect(requiredStrings("(?=abc)", "")).toBeNull();
    // a pattern it cannot read has no strings, and no test
    expect(requiredStrings("a(?i:b)c", "")).toBeNull();
    expect(mayMatchTest("a(?i:b)c", "")).toBeNull();
    // anchored at the start: the regex is tried at one place only, no search is worth it
    expect(mayMatchTest("^(?:share|tweet)$", "i")).toBeNull();
    expect(mayMatchTest("^a|b", "")).not.toBeNull();
    expect(mayMatchTest("^abc", "m")).not.toBeNull();
    expect(mayMatchTest("abc", "y")).toBeNull();
  });

  it("folds case as the pattern does: the long s and the Kelvin sign match s and k under i", () => {
    const may = mayMatchTest("\\bsupport our work\\b", "i") as (t: string) => boolean;
    expect(may("ſupport our wor\u212a")).toBe(true);
    expect(may("SUPPORT OUR WORK")).toBe(true);
    expect(may("support their work")).toBe(false);
    const exact = mayMatchTest("All rights reserved", "") as (t: string) => boolean;
    expect(exact("all rights reserved")).toBe(false);
  });
});

describe("the boilerplate table with required strings", () => {
  const pieces = [
    ...new Set(
      BOILERPLATE_RULES.flatMap((rule) => [
        ...rule.examples,
        ...rule.negatives,
        ...(requiredStrings(rule.pattern, rule.flags) ?? []),
        ...(rule.requires ? (requiredStrings(rule.requires, rule.flags) ?? []) : []),
      ]),
    ),
  ];
  const noise = [" ", " ", ". ", ", ", "\n", "’", "“", "”", "-", "|", "©", "(c)", "ſ", "\u212a", "É", "ß", "😀", "\ud800", "2024", "We", "our", "you", "cookies", "The council met on Tuesday."];
  const variant = fc
    .tuple(fc.constantFrom(...pieces), fc.constantFrom("same", "upper", "lower", "long-s", "kelvin", "cut"))
    .map(([piece, how]) => {
      if (how === "upper") return piece.toUpperCase();
      if (how === "lower") return piece.toLowerCase();
      if (how === "long-s") return piece.replace(/s/g, "ſ");
      if (how === "kelvin") return piece.replace(/k/g, "\u212a");
      if (how === "cut") return piece.slice(1, -1);
      return piece;
    });
  const block = fc.array(fc.oneof(variant, fc.constantFrom(...noise)), { maxLength: 6 }).map((parts) => parts.join(""));

  it("every rule decides as it did without them", () => {
    let fired = 0;
    fc.assert(
      fc.property(block, (t) => {
        for (const rule of BOILERPLATE_RULES) {
          const expected = ruleMatchesReference(rule, t);
          expect(ruleMatches(rule, t), `${rule.id} on ${JSON.stringify(t)}`).toBe(expected);
          if (expected) fired++;
        }
      }),
      runs,
    );
    for (const rule of BOILERPLATE_RULES) {
      for (const t of [...rule.examples, ...rule.negatives, "", " "]) {
        for (const v of [t, t.toUpperCase(), t.replace(/s/g, "ſ"), t.replace(/k/g, "\u212a")]) {
          expect(ruleMatches(rule, v), `${rule.id} on ${JSON.stringify(v)}`).toBe(ruleMatchesReference(rule, v));
        }
      }
    }
    expect(fired).toBeGreaterThan(100);
  });

  it("the costly unanchored rules have a test", () => {
    for (const id of ["copyright-notice", "cookie-consent", "appeal", "reprint-prohibited"]) {
      const rule = BOILERPLATE_RULES.find((r) => r.id === id);
      expect(rule?.mayMatch, id).toBeTruthy();
    }
  });
});

/** The rule pass of the boilerplate stage as it was: every rule of the table tried on every block. */
function applyRulesReference(draft: Draft, rules: readonly BlockRule[], disabled: ReadonlySet<string>): void {
  const inZone = (where: BlockRule["where"], start: number, end: number, total: number): boolean => {
    if (where === "any" || total === 0) return true;
    if (where === "head") return start < total / 3;
    return end > (total * 2) / 3;
  };
  const live = draft.live();
  const counts = live.map((b) => wordCount(b.text));
  const total = counts.reduce((a, b) => a + b, 0);
  let start = 0;
  live.forEach((block, index) => {
    const n = counts[index] as number;
    const end = start + n;
    const blockStart = start;
    start = end;
    for (const rule of rules) {
      if (disabled.has(rule.id) || !inZone(rule.where, blockStart, end, total)) continue;
      if (rule.input !== "any" && rule.input !== draft.raw.kind) continue;
      if (!ruleMatchesReference(rule, block.text)) continue;
      if (rule.effect === "truncated") {
        const after = live.slice(index + 1).filter((b) => b.removed === null);
        if (after.every((b) => wordCountUpTo(b.text, 13) <= 12)) draft.setMeta("truncated", true, rule.id);
      }
      draft.remove(block, rule.id, rule.category);
      break;
    }
  });
}

describe("the boilerplate stage's rule pass", () => {
  const ids = BOILERPLATE_RULES.map((rule) => rule.id);
  const examples = BOILERPLATE_RULES.flatMap((rule) => [...rule.examples, ...rule.negatives]);
  const prose = (n: number): string => Array.from({ length: n }, (_, k) => ["the", "council", "met", "on", "Tuesday", "and", "agreed"][k % 7]).join(" ") + ".";
  const line = fc.oneof(fc.constantFrom(...examples), fc.integer({ min: 0, max: 300 }).map(prose));
  const draftOf = (lines: string[], kind: "text" | "html"): Draft => {
    const draft = new Draft({ id: "d", source: { path: "d", index: 0 }, raw: { kind, content: lines.join("\n") } });
    for (const l of lines) draft.addBlock("paragraph", l);
    return draft;
  };
  it("removes by the table what trying every rule on every block removed, with any rules disabled", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 14 }), fc.constantFrom("text", "html") as fc.Arbitrary<"text" | "html">, fc.subarray(ids, { maxLength: 4 }), async (lines, kind, disable) => {
        const expected = draftOf(lines, kind);
        applyRulesReference(expected, BOILERPLATE_RULES, new Set(disable));
        const draft = draftOf(lines, kind);
        const stage = boilerplate({ disable });
        if (stage.kind !== "article") throw new Error("article stage expected");
        draft.stage = stage.name;
        await stage.run(draft, { options: stage.options as never, log: silentLogger, stateDir: null });
        // the context pass that follows removes under rules of its own, from what the table removed
        const byTable = (d: Draft) => d.blocks.filter((b) => b.removed !== null && ids.includes(b.removed.rule)).map((b) => [b.id, b.removed?.rule]);
        expect(byTable(draft)).toEqual(byTable(expected));
        expect(draft.meta.truncated).toBe(expected.meta.truncated);
      }),
      { numRuns: 1500 },
    );
  });
});
