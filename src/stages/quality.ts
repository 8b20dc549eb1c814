/**
 * quality: decides whether what is left is an article. It sets the language when the input did not
 * say, and rejects (with a reason) a record with no body text or too little of it.
 */
import { z } from "zod";
import { defineStage } from "../stage.ts";
import type { Draft } from "../draft.ts";
import { normaliseDate } from "../text/dates.ts";
import { detectLanguageOf } from "../text/language.ts";
import { wordCountUpTo } from "../text/measure.ts";
import { CodeUnits } from "../text/units.ts";

/** The copy of the code units garbledShare reads. */
const SHARE_UNITS = new CodeUnits();

/**
 * Share of characters that no prose is made of: control characters, the replacement character,
 * private-use and unassigned code points, and symbols outside common punctuation.
 */
export function garbledShare(text: string): number {
  const n = text.length;
  if (n === 0) return 0;
  const u = SHARE_UNITS.load(text);
  let bad = 0;
  // code point by code point, as iterating the string goes (a lone surrogate is one): a pair of
  // surrogates is one code point, so the count of code points is the length less the pairs
  let pairs = 0;
  for (let i = 0; i < n; i++) {
    const c = u[i] as number;
    let kind = KIND[c] as number;
    if (kind === UNKNOWN) kind = kindOf(c);
    if (kind === FINE) continue;
    if (kind === BAD) {
      bad++;
      continue;
    }
    // a surrogate: with its partner, an astral code point; alone, unassigned as a character (bad)
    if (c <= 0xdbff && i + 1 < n) {
      const low = u[i + 1] as number;
      if (low >= 0xdc00 && low <= 0xdfff) {
        i++;
        pairs++;
        if (isUnassignedOrPrivate(((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000)) bad++;
        continue;
      }
    }
    bad++;
  }
  return bad / (n - pairs);
}

/** What a code unit is to garbledShare: not known yet, fine, bad, or a surrogate (decided with its neighbour). */
const UNKNOWN = 0;
const FINE = 1;
const BAD = 2;
const SURROGATE = 3;
/** Each BMP code unit's kind, found the first time it is seen: one lookup a code unit after that. */
const KIND = new Uint8Array(0x10000);

function kindOf(c: number): number {
  let kind: number;
  if (c >= 0xd800 && c <= 0xdfff) kind = SURROGATE;
  else if (c === 10 || c === 13 || c === 9) kind = FINE;
  else if (c < 32 || (c >= 0x7f && c < 0xa0) || c === 0xfffd || (c >= 0xe000 && c < 0xf900)) kind = BAD;
  else kind = c >= 0xa0 && isUnassignedOrPrivate(c) ? BAD : FINE;
  KIND[c] = kind;
  return kind;
}

const UNASSIGNED_OR_PRIVATE = /[\p{Cn}\p{Co}\p{Cs}]/u;
/** For each BMP code point: 0 not asked yet, 1 no, 2 yes. */
const BMP_UNASSIGNED = new Uint8Array(0x10000);
const ASTRAL_UNASSIGNED = new Map<number, boolean>();

/** `[\p{Cn}\p{Co}\p{Cs}]` of one code point, asked of the regex once and remembered. */
function isUnassignedOrPrivate(c: number): boolean {
  if (c < 0x10000) {
    let known = BMP_UNASSIGNED[c] as number;
    if (known === 0) BMP_UNASSIGNED[c] = known = UNASSIGNED_OR_PRIVATE.test(String.fromCharCode(c)) ? 2 : 1;
    return known === 2;
  }
  let known = ASTRAL_UNASSIGNED.get(c);
  if (known === undefined) ASTRAL_UNASSIGNED.set(c, (known = UNASSIGNED_OR_PRIVATE.test(String.fromCodePoint(c))));
  return known;
}

/**
 * Fields the input gave in its own words are put in the record's form: a date as ISO 8601 (or null,
 * flagged, when it cannot be read), a language as a two-letter code.
 */
function normaliseMeta(draft: Draft): void {
  const date = draft.meta.publishedAt;
  if (date !== null && !ISO_DATE.test(date)) {
    const iso = normaliseDate(date);
    if (iso === null) draft.flag(date, "unreadable-date", "publishedAt could not be read as a date and was left empty");
    draft.setMeta("publishedAt", iso, "normalise-date");
  }
  const language = draft.meta.language;
  if (language !== null && !/^[a-z]{2}$/.test(language)) {
    const code = /^([a-z]{2})(?:[-_][a-z0-9]+)*$/i.exec(language.trim());
    draft.setMeta("language", code ? (code[1] as string).toLowerCase() : null, "normalise-language");
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export const quality = defineStage({
  name: "quality",
  description: "Sets the language and rejects records that are not articles (no body, or too short).",
  options: z
    .object({
      /** Fewest words of body text an article may have. */
      minWords: z.number().int().nonnegative().default(25),
      /** Largest share of the body that may be control characters, U+FFFD or stray symbols. */
      maxGarbled: z.number().min(0).max(1).default(0.05),
    })
    .strict(),
  run(draft, ctx) {
    normaliseMeta(draft);
    const body = draft.text();
    if (!draft.meta.language) {
      const language = detectLanguageOf(draft.meta.title ?? "", body);
      if (language) draft.setMeta("language", language, "detected");
    }
    const prose = draft.live().filter((b) => b.type !== "caption" && b.type !== "heading");
    if (prose.length === 0) {
      const removed = draft.removed.length;
      return draft.reject(
        "no-text",
        removed > 0 ? `every block was removed (${removed} removals; see the provenance of the stages before)` : "the input held no text",
      );
    }
    const garbled = garbledShare(body);
    if (garbled > ctx.options.maxGarbled) {
      return draft.reject(
        "not-text",
        `${Math.round(garbled * 100)}% of the body is control characters, replacement characters or symbols: binary or wrongly decoded data, not prose`,
      );
    }
    // counted only as far as the threshold: past it, the number is not needed
    const n = wordCountUpTo(body, ctx.options.minWords);
    if (n < ctx.options.minWords) {
      return draft.reject("too-short", `${n} words of body text; an article needs at least ${ctx.options.minWords} (option minWords)`);
    }
  },
});
