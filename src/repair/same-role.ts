/**
 * One office, two names: when a document gives the same office to two different names
 * ("Japanese Foreign Minister Hayashi Yoshimasa" … "Japanese Foreign Minister Lin Fangzheng"), the
 * second is likely the same person under a mangled or literally translated name. That is evidence,
 * not proof (two foreign ministers of different years, or of a coalition, are possible), so it is
 * flagged for a person or for `tidings names suggest`, never applied.
 */
import type { Draft } from "../draft.ts";
import { LETTER, MARK, classOf, unitsOf } from "../text/chars.ts";
import { ROLE_WORDS, escapeRegExp } from "./name-patterns.ts";

/**
 * An alternation of words written as a tree of shared beginnings (`c(?:hair(?:man|woman)|ounterpart)`):
 * it matches wherever the flat alternation does (perhaps a longer word there: it is for tests, not
 * for what a match holds), but the regex engine settles each position with one branch per letter
 * instead of trying every word there in turn.
 */
export function wordTree(words: readonly string[]): string {
  const byFirst = new Map<string, string[]>();
  for (const word of words) {
    const first = String.fromCodePoint(word.codePointAt(0) as number);
    byFirst.set(first, [...(byFirst.get(first) ?? []), word]);
  }
  const branches: string[] = [];
  for (const group of byFirst.values()) {
    if (group.length === 1) {
      branches.push(escapeRegExp(group[0] as string));
      continue;
    }
    // The longest beginning the words of the group share (one character at least), never ending
    // inside a surrogate pair: with the u flag a pattern matches whole code points.
    let shared = group[0] as string;
    for (const word of group) while (!word.startsWith(shared)) shared = shared.slice(0, -1);
    const last = shared.charCodeAt(shared.length - 1);
    const splitsPair = group.some((w) => w.charCodeAt(shared.length) >= 0xdc00 && w.charCodeAt(shared.length) <= 0xdfff);
    if (last >= 0xd800 && last <= 0xdbff && splitsPair) shared = shared.slice(0, -1);
    const rests = group.map((w) => w.slice(shared.length));
    const inner = wordTree(rests.filter((r) => r !== ""));
    branches.push(`${escapeRegExp(shared)}(?:${inner}${rests.includes("") ? "|" : ""})`);
  }
  return branches.join("|");
}

/**
 * A text that holds a role word as a token holds it as a substring, in any case (`/iu` folds the
 * Kelvin sign to k, as toLowerCase does); a short one (`MP`) also ends its token. Texts without one
 * hold no mention and are not tokenised.
 */
export const ROLE_HINT = new RegExp(
  [
    wordTree([...ROLE_WORDS].filter((w) => w.length >= 4)),
    ...[...ROLE_WORDS].filter((w) => w.length < 4).map((w) => `${escapeRegExp(w)}\\.*(?![\\p{L}\\p{M}'’-])`),
  ].join("|"),
  "iu",
);

interface Token {
  /** The token without trailing periods. */
  word: string;
  index: number;
  raw: string;
}

const PERIOD = 0x2e;
/** `[\p{L}\p{M}.'’-]`: what a token goes on with. */
function tokenBody(cp: number): boolean {
  return (classOf(cp) & (LETTER | MARK)) !== 0 || cp === PERIOD || cp === 0x27 || cp === 0x2019 || cp === 0x2d;
}

/** The matches of `[\p{L}][\p{L}\p{M}.'’-]*` in a text, in one pass over its characters. */
export function tokensOf(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let cp = text.codePointAt(i) as number;
    if ((classOf(cp) & LETTER) === 0) {
      i += unitsOf(cp);
      continue;
    }
    const start = i;
    i += unitsOf(cp);
    while (i < n) {
      cp = text.codePointAt(i) as number;
      if (!tokenBody(cp)) break;
      i += unitsOf(cp);
    }
    const raw = text.slice(start, i);
    let end = raw.length;
    while (end > 0 && raw.charCodeAt(end - 1) === PERIOD) end--;
    tokens.push({ word: end === raw.length ? raw : raw.slice(0, end), index: start, raw });
  }
  return tokens;
}
const CAPITALISED = /^\p{Lu}[\p{L}\p{M}'’-]*[\p{L}\p{M}]$/u;

/** Words that are part of an office's own title, not the country or body it belongs to. */
const OFFICE_WORDS = new Set(["prime", "foreign", "defense", "defence", "finance", "vice", "deputy", "chief", "general", "senior", "interior", "health", "justice", "trade", "home", "first", "acting", "former", "state", "cabinet", "press"]);

interface Mention {
  role: string;
  name: string;
}

/** "Japanese Foreign Minister Lin Fangzheng": up to three capitalised words, an office, a two- or three-word name. */
export function officeMentions(text: string): Mention[] {
  if (!ROLE_HINT.test(text)) return [];
  const tokens = tokensOf(text);
  /** Tokens j and j+1 are separated by a single space only (no comma, no sentence end). */
  const joined = (j: number): boolean => {
    const a = tokens[j];
    const b = tokens[j + 1];
    return !!a && !!b && text.slice(a.index + a.raw.length, b.index) === " ";
  };
  const out: Mention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as { word: string; raw: string };
    if (!ROLE_WORDS.has(t.word.toLowerCase()) || t.raw.endsWith(".")) continue;
    const qualifiers: string[] = [];
    for (let j = i - 1; j >= 0 && qualifiers.length < 3; j--) {
      const q = tokens[j] as { word: string; raw: string };
      if (!joined(j) || !/^\p{Lu}/u.test(q.word) || (q.raw.endsWith(".") && q.word.length > 3)) break;
      qualifiers.unshift(q.word);
    }
    // "Secretary of State", "Minister of Foreign Affairs": the office goes on after "of".
    let k0 = i + 1;
    const office = [t.word];
    if (tokens[k0]?.word === "of") {
      const tail: string[] = [];
      for (let k = k0 + 1; k < tokens.length && tail.length < 2; k++) {
        const w = (tokens[k] as { word: string }).word;
        if (!/^\p{Lu}/u.test(w) || (tail.length > 0 && !/^(?:Affairs|Defen[cs]e|Security|State|Finance|Justice|Trade|Health)$/.test(w))) break;
        tail.push(w);
      }
      if (tail.length > 0) {
        office.push("of", ...tail);
        k0 += 1 + tail.length;
      }
    }
    const name: string[] = [];
    for (let k = k0; k < tokens.length && name.length < 3; k++) {
      const n = tokens[k] as { word: string; raw: string };
      if (!joined(k - 1) || !CAPITALISED.test(n.word) || ROLE_WORDS.has(n.word.toLowerCase())) break;
      name.push(n.word);
      if (n.raw.endsWith(".")) break;
    }
    // The office must be pinned to a country or body ("Japanese", "U.S."): two prime ministers of
    // different countries are two people.
    if (!qualifiers.some((q) => !OFFICE_WORDS.has(q.toLowerCase())) || name.length < 2) continue;
    out.push({ role: [...qualifiers, ...office].join(" ").toLowerCase(), name: name.join(" ") });
  }
  return out;
}

/** Flags every name that shares its office, in one document, with another name. Returns how many. */
export function flagSameOffice(draft: Draft, texts: readonly string[]): number {
  // A search of each text first (most hold no role word); no copy of the whole document is made
  // unless two names hold one office.
  if (!texts.some((text) => ROLE_HINT.test(text))) return 0;
  const byRole = new Map<string, Map<string, number>>();
  for (const text of texts) {
    for (const { role, name } of officeMentions(text)) {
      const names = byRole.get(role) ?? new Map<string, number>();
      names.set(name, (names.get(name) ?? 0) + 1);
      byRole.set(role, names);
    }
  }
  let flags = 0;
  let all: string | null = null;
  for (const [role, names] of byRole) {
    if (names.size < 2) continue;
    // The real name is the one the text keeps using: its words come back elsewhere ("Blinken said").
    const document = (all ??= texts.join("\n"));
    const support = (name: string): number =>
      name.split(" ").reduce((n, w) => n + (document.match(new RegExp(`(?<![\\p{L}])${w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}])`, "gu"))?.length ?? 0), 0);
    const ranked = [...names]
      .map(([name, count]) => [name, count, support(name)] as const)
      .sort((a, b) => b[2] - a[2] || b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const [first] = ranked[0] as readonly [string, number, number];
    for (const [other] of ranked.slice(1)) {
      // "Joe Biden" and "Biden" are one name written two ways, not two names.
      if (first.includes(other) || other.includes(first)) continue;
      draft.flag(other, "same-office", `"${other}" holds the same office as "${first}" (${role}) in this text: maybe one person under two names`);
      flags++;
    }
  }
  return flags;
}
