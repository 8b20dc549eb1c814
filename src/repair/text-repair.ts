/**
 * The repairs of the repair-text stage, as functions of one draft, so that the stage file stays a
 * thin definition and the benchmark can run the very same code.
 */
import type { Draft, DraftBlock, DraftMeta } from "../draft.ts";
import { LETTER, LOWER, MARK, UPPER, classOf, unitsOf } from "../text/chars.ts";
import { CodeUnits } from "../text/units.ts";
import { gatherEvidence } from "./evidence.ts";
import { type GlueContext, type GlueSplit, holdsFunctionWord, looksLikeCode, mayHoldFunctionWord, splitGluedToken } from "./glued-words.ts";
import { C1_SIGN, ENTITY_PATTERN, MOJIBAKE_SIGN, decodeEntity, encodingSigns, fixMojibake, fixC1Controls } from "./mojibake.ts";
import { type PhraseRule, requiredLiteral } from "./phrase-rules.ts";
import { repairReplacementChars } from "./replacement-char.ts";
import { rewriteWhole } from "./spans.ts";
import { englishWords } from "./word-list.ts";

export interface TextRepairOptions {
  mojibake: boolean;
  entities: boolean;
  gluedWords: boolean;
  /** Weak glue cuts (two capitalised words, two dictionary words) are applied in blocks with a strong cut. */
  weakGlue: "in-glued-blocks" | "never";
  phrases: boolean;
  /** Remove U+FFFD left by invalid UTF-8 where it hangs on a word; flag it where a letter may be missing. */
  replacementChars: boolean;
}

/** A title or subtitle, treated like a block so that every repair lands in provenance. */
type MetaField = "title" | "subtitle";

function metaBlocks(draft: Draft): { field: MetaField; block: DraftBlock }[] {
  const out: { field: MetaField; block: DraftBlock }[] = [];
  for (const field of ["title", "subtitle"] as const) {
    const text = draft.meta[field];
    if (text) out.push({ field, block: { id: -1, type: "heading", text, removed: null, hints: {} } });
  }
  return out;
}

/** Runs `fn` on each live block and on the title and subtitle (through setMeta). */
export function forEachText(draft: Draft, rule: string, fn: (block: DraftBlock) => void): void {
  for (const block of draft.live()) fn(block);
  for (const { field, block } of metaBlocks(draft)) {
    const before = block.text;
    const repairs = draft.repaired.length;
    fn(block);
    if (block.text !== before) {
      // The edits were recorded against a stand-in block; record them once, as a metadata repair.
      draft.repaired.splice(repairs);
      draft.setMeta(field, block.text as DraftMeta[MetaField], rule);
    }
  }
}

/** C1 control characters; each step below runs only on text that can hold what it repairs. */
const C1 = /[\u0080-\u009f]/;

export function repairEncoding(draft: Draft, options: TextRepairOptions): void {
  forEachText(draft, "mojibake", (block) => {
    if (options.mojibake) {
      // Without a sign of mojibake, fixMojibake changes nothing, and the same pass told whether a C1
      // control is there; with one, the text is read in full anyway.
      const signs = encodingSigns(block.text);
      let c1 = (signs & C1_SIGN) !== 0;
      if ((signs & MOJIBAKE_SIGN) !== 0) {
        const fixed = fixMojibake(block.text);
        if (fixed) rewriteWhole(draft, block, fixed.text, "mojibake");
        c1 = C1.test(block.text);
      }
      if (c1) draft.rewrite(block, "c1-control", /[\u0080-\u009f]+/gu, (m) => fixC1Controls(m[0]));
    }
    if (options.entities && block.text.includes("&")) draft.rewrite(block, "html-entity", new RegExp(ENTITY_PATTERN.source, "giu"), decodeEntity);
    if (options.replacementChars) repairReplacementChars(draft, block);
  });
}

const TOKEN_IN_TEXT = /[\p{L}\p{M}]{6,}/gu;

/** A run of six or more letters (`[\p{L}\p{M}]{6,}`), and whether it holds a case boundary. */
export interface GlueToken {
  index: number;
  text: string;
  /** Lower then upper case (`territoryHe`), or two capitals then lower case (`IIincluding`). */
  cased: boolean;
}

const RUN = LETTER | MARK;

/** The copy of the code units scanLetterRuns reads. */
const RUN_UNITS = new CodeUnits();

/**
 * One pass over the runs of letters (`[\p{L}\p{M}]+`) of a text, for the two questions the glue
 * repair asks. With `tokens`, every run of six or more is pushed there (see glueTokens) and the
 * answer is false. Without, the answer is whether some run of six or more is one the repair judges
 * at all: one with a case boundary, or one that may hold a function word (see hasGlueCandidate).
 *
 * This scan reads every character of every paragraph and nearly always finds nothing, so it is
 * written for speed: ASCII letters are told by their code alone, and only other characters read the
 * class table. One loop serves both callers, without a callback per run, which a call site seeing
 * two callbacks would not inline.
 */
function scanLetterRuns(text: string, words: ReadonlySet<string>, tokens: GlueToken[] | null): boolean {
  const u = RUN_UNITS.load(text);
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = u[i] as number;
    if (c < 0x80) {
      // (c | 32) folds A-Z onto a-z; other ASCII characters are no letters.
      if (((c | 32) - 0x61) >>> 0 >= 26) {
        i++;
        continue;
      }
    } else {
      const cp = c >= 0xd800 && c <= 0xdbff ? (text.codePointAt(i) as number) : c;
      if ((classOf(cp) & RUN) === 0) {
        i += unitsOf(cp);
        continue;
      }
    }
    const start = i;
    // Code points in the run; whether it has a case boundary: a lower-case letter then a capital
    // (`territoryHe`), or two capitals then a lower-case letter (`IIincluding`).
    let length = 0;
    let cased = false;
    // Capitals right before the current letter, and whether a lower-case letter is right before it.
    let capitals = 0;
    let lower = false;
    while (i < n) {
      const c = u[i] as number;
      if ((c - 0x61) >>> 0 < 26) {
        if (capitals >= 2) cased = true;
        capitals = 0;
        lower = true;
        i++;
      } else if ((c - 0x41) >>> 0 < 26) {
        if (lower) cased = true;
        capitals++;
        lower = false;
        i++;
      } else {
        if (c < 0x80) break;
        const cp = c >= 0xd800 && c <= 0xdbff ? (text.codePointAt(i) as number) : c;
        const bits = classOf(cp);
        if ((bits & RUN) === 0) break;
        if ((bits & LOWER) !== 0) {
          if (capitals >= 2) cased = true;
          capitals = 0;
          lower = true;
        } else if ((bits & UPPER) !== 0) {
          if (lower) cased = true;
          capitals++;
          lower = false;
        } else {
          // A letter of neither case, or a mark, breaks both patterns.
          capitals = 0;
          lower = false;
        }
        i += unitsOf(cp);
      }
      length++;
    }
    if (length < 6) continue;
    if (tokens !== null) tokens.push({ index: start, text: text.slice(start, i), cased });
    else if (cased || holdsFunctionWord(text, start, i, words)) return true;
  }
  return false;
}

/** Listing tokens asks no word list. */
const NO_WORDS: ReadonlySet<string> = new Set();

/** The runs of six or more letters in a text, found with one pass over its characters. */
export function glueTokens(text: string): GlueToken[] {
  const out: GlueToken[] = [];
  scanLetterRuns(text, NO_WORDS, out);
  return out;
}

/** Whether a text has a token that repairGluedWords judges at all: one with a case boundary, or one that may hold a function word. */
export function hasGlueCandidate(text: string, words: ReadonlySet<string>): boolean {
  return scanLetterRuns(text, words, null);
}

/** What stands between two neighbouring tokens: a space, perhaps after a possessive (`lastyear's harvestwas`). */
const ADJACENT = /^(?:['’]s)?\s$/u;

/**
 * A pattern for the stretches of glued tokens in a text: tokens to split that follow one another
 * with one space between (`thatfood pricesand`) make one stretch, and so one recorded repair.
 */
function gluedStretches(text: string, splits: ReadonlyMap<string, string>): RegExp {
  const stretches = new Set<string>();
  let current: { start: number; end: number } | null = null;
  for (const m of text.matchAll(new RegExp(TOKEN_IN_TEXT.source, "gu"))) {
    if (!splits.has(m[0])) continue;
    if (current !== null && text.slice(current.end, m.index) === " ") {
      current.end = m.index + m[0].length;
      continue;
    }
    if (current !== null) stretches.add(text.slice(current.start, current.end));
    current = { start: m.index, end: m.index + m[0].length };
  }
  if (current !== null) stretches.add(text.slice(current.start, current.end));
  const alternatives = [...stretches].sort((a, b) => b.length - a.length).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`(?<![\\p{L}\\p{M}])(?:${alternatives.join("|")})(?![\\p{L}\\p{M}])`, "gu");
}

/** The evidence of the texts, and whether they show program code: each worked out when first asked. */
function glueContext(texts: readonly string[], words: ReadonlySet<string>): GlueContext {
  let codeLike: boolean | null = null;
  return {
    evidence: gatherEvidence(texts),
    words,
    get codeLike() {
      codeLike ??= looksLikeCode(texts.join("\n"));
      return codeLike;
    },
  };
}

export function repairGluedWords(draft: Draft, options: TextRepairOptions): void {
  const texts = [...draft.live().map((b) => b.text), draft.meta.title ?? "", draft.meta.subtitle ?? ""];
  const words = englishWords();
  // The evidence and the code test are made from the texts as they were before any cut, and only
  // for a document that has a token to judge.
  let context: GlueContext | null = null;
  forEachText(draft, "glued-words", (block) => {
    // Without a token of either kind, nothing below is judged.
    if (!hasGlueCandidate(block.text, words)) return;
    const splits = new Map<string, string>();
    let strong = false;
    // Cuts inside one case (`spacecooperation`) are weak: they matter only in a block that has a
    // strong cut, which only a token with a case boundary can give. So those tokens go first.
    const tokens = glueTokens(block.text);
    const ctx = (context ??= glueContext(texts, words));
    const cased = tokens.filter((t) => t.cased);
    type Judged = { at: number; end: number; split: GlueSplit | null };
    const judge = (t: GlueToken): Judged => {
      const at = t.index;
      const end = at + t.text.length;
      return { at, end, split: splitGluedToken(t.text, ctx, block.text.slice(end, end + 4)) };
    };
    const first = cased.map(judge);
    const anyStrong = first.some((j) => j.split?.strength === "strong");
    // Without a strong cut among them, lower-case tokens are judged only where a function word
    // may be glued on (`pricesand`, `thatfood`), a cut that is strong on its own.
    const lowerCase = tokens.filter((t) => !t.cased);
    let rest = (anyStrong ? lowerCase : lowerCase.filter((t) => mayHoldFunctionWord(t.text, ctx))).map(judge);
    if (!anyStrong && rest.some((j) => j.split?.strength === "strong")) {
      rest = rest.concat(lowerCase.filter((t) => !mayHoldFunctionWord(t.text, ctx)).map(judge));
    }
    const judged = [...first, ...rest];
    const strongOnes = judged.filter((j) => j.split?.strength === "strong");
    // A strong cut between a lower-case word and a capital (`territoryHe`) shows a block whose links
    // were all stripped; a glued function word or `the` may be one slip. After such a slip, a cut
    // into two words (`lastyear`, but also `nationwide`, `TrustFabric`) is made only right next to it.
    const habit = strongOnes.some((j) => j.split?.kinds.some((k) => k === "word-then-capital" || k === "numeral-then-word"));
    const besideStrong = (j: Judged): boolean =>
      strongOnes.some((o) => ADJACENT.test(block.text.slice(o.end, j.at)) || ADJACENT.test(block.text.slice(j.end, o.at)));
    for (const { split } of judged) {
      if (!split) continue;
      if (split.strength === "strong") {
        strong = true;
        splits.set(split.token, split.parts.join(" "));
      }
    }
    for (const j of judged) {
      const split = j.split;
      if (!split || split.strength === "strong") continue;
      // Two dictionary words (`nationwide`) or two capitalised words (`TrustFabric`) are often written
      // as one on purpose.
      const compound = split.kinds.includes("dictionary-pair") || split.kinds.includes("capital-then-capital");
      if (strong && options.weakGlue === "in-glued-blocks" && (!compound || habit || besideStrong(j))) splits.set(split.token, split.parts.join(" "));
      else if (split.kinds.every((k) => k === "capital-then-capital") && split.parts.every((p) => !ctx.words.has(p.toLowerCase()))) {
        // Lower-case compounds (`livestream`) and brands made of common words (`SmartBoost`) are
        // written that way on purpose; two names run together (`BerlinParis`) are worth a look.
        draft.flag(split.token, "glued-words", `may be words run together: "${split.parts.join(" ")}"`);
      }
    }
    if (splits.size > 0) draft.rewrite(block, "glued-words", gluedStretches(block.text, splits), (m) => m[0].replace(new RegExp(TOKEN_IN_TEXT.source, "gu"), (t) => splits.get(t) ?? t));
  });
}

/**
 * The rules of a table that can be tried together, as one alternation per set of flags: a text
 * that no alternation matches is matched by none of those rules. A rule with back-references or
 * named groups (which an alternation would renumber or repeat), or with the sticky flag, is left
 * out and always tried on its own.
 */
interface PhraseGate {
  /** Rule index -> the alternation that holds it. */
  of: Map<number, Alternation>;
  /** Every alternation, once. */
  alternations: Alternation[];
}

interface Alternation {
  pattern: RegExp;
  /**
   * A search for strings one of which every match of a member holds (see requiredLiteral), or
   * null when some member shows none. Texts it does not find are not searched with `pattern`:
   * patterns that open with `\b` or an optional character make the engine try every position,
   * while plain strings let it skip ahead.
   */
  literals: RegExp | null;
}

/** Whether a text can match an alternation's rules, asked the cheap way first. */
const mayMatchAlternation = (alternation: Alternation, text: string): boolean =>
  (alternation.literals === null || alternation.literals.test(text)) && alternation.pattern.test(text);

const escapeForRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

const phraseGates = new WeakMap<readonly PhraseRule[], PhraseGate>();

function phraseGate(rules: readonly PhraseRule[]): PhraseGate {
  const known = phraseGates.get(rules);
  if (known !== undefined) return known;
  const byFlags = new Map<string, number[]>();
  rules.forEach((rule, k) => {
    const flags = [...(rule.flags ?? "")].sort().join("");
    if (flags.includes("y") || /\\(?:[1-9]|k<)|\(\?<[^=!]/.test(rule.pattern)) return;
    byFlags.set(flags, [...(byFlags.get(flags) ?? []), k]);
  });
  const of = new Map<number, Alternation>();
  for (const [flags, members] of byFlags) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(members.map((k) => `(?:${(rules[k] as PhraseRule).pattern})`).join("|"), `u${flags}`);
    } catch {
      continue;
    }
    const strings = members.map((k) => requiredLiteral((rules[k] as PhraseRule).pattern, flags));
    const literals = strings.every((s) => s !== "") ? new RegExp([...new Set(strings)].map(escapeForRegExp).join("|"), "u") : null;
    const alternation = { pattern, literals };
    for (const k of members) of.set(k, alternation);
  }
  const gate = { of, alternations: [...new Set(of.values())] };
  phraseGates.set(rules, gate);
  return gate;
}

export function repairPhrases(draft: Draft, rules: readonly PhraseRule[]): void {
  const gate = phraseGate(rules);
  // When every rule is in an alternation and no text matches one, no rule can change or flag
  // anything: the common case, settled with one search per text.
  if (gate.of.size === rules.length) {
    const texts = [...draft.live().map((b) => b.text), draft.meta.title ?? "", draft.meta.subtitle ?? ""].filter((t) => t !== "");
    if (!texts.some((text) => gate.alternations.some((alternation) => mayMatchAlternation(alternation, text)))) return;
  }
  // Whether a text can match an alternation, asked once per text: a rule that changes a text
  // makes a new string, which is asked again.
  const answers = new Map<Alternation, Map<string, boolean>>();
  const mayMatch = (alternation: Alternation, text: string): boolean => {
    let texts = answers.get(alternation);
    if (texts === undefined) answers.set(alternation, (texts = new Map()));
    let answer = texts.get(text);
    if (answer === undefined) texts.set(text, (answer = mayMatchAlternation(alternation, text)));
    return answer;
  };
  rules.forEach((rule, k) => {
    const alternation = gate.of.get(k);
    const regex = rule.regex();
    forEachText(draft, rule.id, (block) => {
      if (alternation !== undefined && !mayMatch(alternation, block.text)) return;
      if (rule.action === "fix") {
        draft.rewrite(block, rule.id, regex, (m) => rule.replacement(m[0]));
        return;
      }
      for (const m of block.text.matchAll(regex)) {
        const from = Math.max(0, m.index - 40);
        const context = block.text.slice(from, m.index + m[0].length + 40).trim();
        draft.flag(context, rule.id, rule.note);
      }
    });
  });
}
