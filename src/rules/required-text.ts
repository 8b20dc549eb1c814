/**
 * What a regular expression cannot match without: a short list of literal strings, one of which is in
 * every text it matches. Most blocks of an article hold none of the words a boilerplate rule looks for
 * ("All rights reserved", "by continuing to use"), and a search for those strings alone tells so
 * several times faster than the rule's own pattern, whose classes, boundaries and nested alternatives
 * the regex engine tries at every position of a long paragraph. The rule's regex still decides: the
 * strings only let a block that cannot match skip it.
 *
 * The patterns are read as JavaScript regular expressions with the `u` flag. Anything this reader does
 * not understand (a syntax it does not know, an escape it cannot place) is taken as "any text", which
 * can only make the list weaker, never wrong; a pattern it cannot read at all gets no list.
 *
 * The strings are searched for with a regex of the same `i` and `u` flags as the pattern, so a
 * character of a string matches exactly the characters that the same character of the pattern does
 * (case folding included).
 */

/**
 * What one part of a pattern can match. `exact`: every string it can match, when there are few
 * (null: too many, or not known). `needs`: strings one of which is inside every string it matches
 * (null: nothing known). Both are in the folded form (lower-case under the `i` flag).
 */
interface Shape {
  exact: string[] | null;
  needs: string[] | null;
  /** It can only match at the start of the text (it begins with `^`, outside multi-line mode). */
  anchored?: boolean;
}

/** More alternatives than this and a set of strings is not worth listing. */
const MAX_STRINGS = 64;

const ANY: Shape = { exact: null, needs: null };
const EMPTY: Shape = { exact: [""], needs: null };
const START: Shape = { exact: [""], needs: null, anchored: true };

class Unreadable extends Error {}

/** A list of strings is a requirement only if none is empty (an empty string is in every text). */
function usable(list: string[] | null): list is string[] {
  return list !== null && list.length > 0 && !list.includes("");
}

/** The strings one of which a match holds: the exact set when it is usable, else `needs`. */
function needsOf(shape: Shape): string[] | null {
  if (usable(shape.exact)) return shape.exact;
  return usable(shape.needs) ? shape.needs : null;
}

/** The better of two requirements: the one whose shortest string is longer (rarer), then the shorter list. */
function better(a: string[] | null, b: string[] | null): string[] | null {
  if (a === null) return b;
  if (b === null) return a;
  const shortest = (list: string[]): number => Math.min(...list.map((s) => s.length));
  const la = shortest(a);
  const lb = shortest(b);
  if (la !== lb) return la > lb ? a : b;
  return a.length <= b.length ? a : b;
}

/** Every string of `a` followed by every string of `b`, or null when there would be too many. */
function product(a: string[], b: string[]): string[] | null {
  if (a.length * b.length > MAX_STRINGS) return null;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return [...out];
}

function union(lists: string[][]): string[] | null {
  const out = new Set<string>();
  for (const list of lists) for (const s of list) out.add(s);
  return out.size > MAX_STRINGS ? null : [...out];
}

/** Characters that stand for themselves after a backslash (with the `u` flag, only these and "-"). */
const SYNTAX = "^$\\.*+?()[]{}|/-";

/** A recursive-descent reader of one pattern, giving the Shape of each part as it goes. */
class Reader {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly ignoreCase: boolean,
    private readonly multiline: boolean,
  ) {}

  read(): Shape {
    const shape = this.disjunction();
    if (this.i !== this.src.length) throw new Unreadable("trailing characters");
    return shape;
  }

  private peek(): string {
    return this.src[this.i] ?? "";
  }

  /**
   * A literal character. Under `i`, an ASCII letter is written in lower case, so that "[Cc]" gives one
   * string and not two (the search folds case as the pattern does, so either stands for both).
   */
  private literal(ch: string): Shape {
    const c = ch.codePointAt(0) as number;
    return { exact: [this.ignoreCase && c < 128 ? ch.toLowerCase() : ch], needs: null };
  }

  private disjunction(): Shape {
    const alternatives = [this.alternative()];
    while (this.peek() === "|") {
      this.i++;
      alternatives.push(this.alternative());
    }
    if (alternatives.length === 1) return alternatives[0] as Shape;
    const exacts = alternatives.map((a) => a.exact);
    const exact = exacts.every((e) => e !== null) ? union(exacts as string[][]) : null;
    const needs = alternatives.map(needsOf);
    return {
      exact,
      needs: needs.every((n) => n !== null) ? union(needs as string[][]) : null,
      anchored: alternatives.every((a) => a.anchored === true),
    };
  }

  private alternative(): Shape {
    const terms: Shape[] = [];
    while (this.i < this.src.length && this.peek() !== "|" && this.peek() !== ")") terms.push(this.term());
    return concatenation(terms);
  }

  private term(): Shape {
    const assertion = this.assertion();
    if (assertion !== null) return assertion;
    const atom = this.atom();
    return this.quantified(atom);
  }

  /** ^, $, \b, \B and look-arounds match no characters: the empty string, as far as text goes. */
  private assertion(): Shape | null {
    const s = this.src;
    const c = this.peek();
    if (c === "^" || c === "$") {
      this.i++;
      return c === "^" && !this.multiline ? START : EMPTY;
    }
    if (c === "\\" && (s[this.i + 1] === "b" || s[this.i + 1] === "B")) {
      this.i += 2;
      return EMPTY;
    }
    if (s.startsWith("(?=", this.i) || s.startsWith("(?!", this.i) || s.startsWith("(?<=", this.i) || s.startsWith("(?<!", this.i)) {
      this.i += s[this.i + 2] === "<" ? 4 : 3;
      this.disjunction();
      this.expect(")");
      // a quantifier on a look-ahead is allowed outside the `u` flag only; it matches nothing either way
      return EMPTY;
    }
    return null;
  }

  private expect(ch: string): void {
    if (this.peek() !== ch) throw new Unreadable(`expected ${ch}`);
    this.i++;
  }

  private atom(): Shape {
    const s = this.src;
    const c = this.peek();
    if (c === "(") {
      if (s.startsWith("(?:", this.i)) this.i += 3;
      else if (s.startsWith("(?<", this.i)) {
        const close = s.indexOf(">", this.i);
        if (close < 0) throw new Unreadable("group name");
        this.i = close + 1;
      } else if (s[this.i + 1] === "?") throw new Unreadable("unknown group");
      else this.i++;
      const inner = this.disjunction();
      this.expect(")");
      return inner;
    }
    if (c === "[") return this.characterClass();
    if (c === ".") {
      this.i++;
      return ANY;
    }
    if (c === "\\") return this.escape();
    if (c === "" || "*+?{}])|".includes(c)) throw new Unreadable(`unexpected ${c}`);
    const ch = String.fromCodePoint(s.codePointAt(this.i) as number);
    this.i += ch.length;
    return this.literal(ch);
  }

  /** An escape outside a class: a literal character, or a class of characters (taken as any). */
  private escape(): Shape {
    const ch = this.escapedCharacter();
    return ch === null ? ANY : this.literal(ch);
  }

  /**
   * Reads an escape (the backslash included) and gives the one character it stands for, or null
   * for a class (\d, \p{..}), a back-reference or anything else that is not one known character.
   */
  private escapedCharacter(): string | null {
    const s = this.src;
    const c = s[this.i + 1] ?? "";
    this.i += 2;
    if (c === "") throw new Unreadable("trailing backslash");
    if (SYNTAX.includes(c)) return c;
    const simple: Record<string, string> = { n: "\n", r: "\r", t: "\t", v: "\v", f: "\f", "0": "\0" };
    if (c === "0" && /[0-9]/.test(s[this.i] ?? "")) throw new Unreadable("octal escape");
    if (c in simple) return simple[c] as string;
    if (c === "x") {
      const hex = s.slice(this.i, this.i + 2);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new Unreadable("\\x escape");
      this.i += 2;
      return String.fromCharCode(Number.parseInt(hex, 16));
    }
    if (c === "u") {
      if (s[this.i] === "{") {
        const close = s.indexOf("}", this.i);
        const hex = s.slice(this.i + 1, close);
        if (close < 0 || !/^[0-9a-fA-F]+$/.test(hex)) throw new Unreadable("\\u{} escape");
        this.i = close + 1;
        return String.fromCodePoint(Number.parseInt(hex, 16));
      }
      const hex = s.slice(this.i, this.i + 4);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Unreadable("\\u escape");
      this.i += 4;
      // a surrogate written as an escape may pair with the next one: not one character to search for
      const unit = Number.parseInt(hex, 16);
      return unit >= 0xd800 && unit <= 0xdfff ? null : String.fromCharCode(unit);
    }
    if (c === "p" || c === "P") {
      const close = s.indexOf("}", this.i);
      if (s[this.i] !== "{" || close < 0) throw new Unreadable("property escape");
      this.i = close + 1;
      return null;
    }
    if (c === "k") {
      const close = s.indexOf(">", this.i);
      if (s[this.i] !== "<" || close < 0) throw new Unreadable("named reference");
      this.i = close + 1;
      return null;
    }
    if ("dDwWsS".includes(c)) return null;
    if (/[1-9]/.test(c)) {
      while (/[0-9]/.test(s[this.i] ?? "")) this.i++;
      return null;
    }
    if (c === "c") {
      this.i++;
      return null;
    }
    throw new Unreadable(`escape \\${c}`);
  }

  /** A class of literal characters only (no ranges, no escaped classes) is a small set; any other is any. */
  private characterClass(): Shape {
    const s = this.src;
    this.i++;
    const negated = this.peek() === "^";
    if (negated) this.i++;
    const chars = new Set<string>();
    let known = !negated;
    while (this.peek() !== "]") {
      if (this.i >= s.length) throw new Unreadable("unclosed class");
      let ch: string | null;
      if (this.peek() === "\\") {
        // \b in a class is the backspace; \- is a hyphen
        if (s[this.i + 1] === "b") {
          this.i += 2;
          ch = "\b";
        } else ch = this.escapedCharacter();
      } else {
        ch = String.fromCodePoint(s.codePointAt(this.i) as number);
        this.i += ch.length;
      }
      if (ch === null) known = false;
      else if (this.peek() === "-" && s[this.i + 1] !== "]") {
        // a range: read its far end and give up on listing it
        this.i++;
        if (this.peek() === "\\") this.escapedCharacter();
        else this.i += String.fromCodePoint(s.codePointAt(this.i) as number).length;
        known = false;
      } else chars.add(ch);
    }
    this.i++;
    if (!known || chars.size === 0) return ANY;
    const shapes = [...chars].map((ch) => this.literal(ch));
    if (shapes.some((shape) => shape.exact === null)) return ANY;
    return { exact: union(shapes.map((shape) => shape.exact as string[])), needs: null };
  }

  private quantified(atom: Shape): Shape {
    const s = this.src;
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === "*" || c === "+" || c === "?") {
      this.i++;
      min = c === "+" ? 1 : 0;
      max = c === "?" ? 1 : Number.POSITIVE_INFINITY;
    } else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(this.i));
      if (!m) throw new Unreadable("quantifier");
      this.i += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Number.POSITIVE_INFINITY : Number(m[3]);
    } else return atom;
    if (this.peek() === "?") this.i++;
    if (min === 1 && max === 1) return atom;
    if (min === 0) {
      // zero or one: the empty string or the atom; zero or more: anything, as far as lists go
      if (max === 1 && atom.exact !== null) return { exact: union([[""], atom.exact]), needs: null };
      return ANY;
    }
    // at least once: whatever the atom needs, a match needs too
    let exact: string[] | null = null;
    if (min === max && atom.exact !== null) {
      exact = [""];
      for (let k = 0; k < min && exact !== null; k++) exact = product(exact, atom.exact);
    }
    return { exact, needs: needsOf(atom) };
  }
}

/**
 * Terms in a row: each term's requirement holds for the whole, and so does each run of terms whose
 * exact strings are known (joined, they make longer strings, which are rarer). The best of them is kept.
 */
function concatenation(terms: Shape[]): Shape {
  let best: string[] | null = null;
  let run: string[] = [""];
  let exact: string[] | null = [""];
  for (const term of terms) {
    best = better(best, needsOf(term));
    if (exact !== null) exact = term.exact === null ? null : product(exact, term.exact);
    if (term.exact === null) {
      if (usable(run)) best = better(best, run);
      run = [""];
      continue;
    }
    const longer = product(run, term.exact);
    if (longer === null) {
      if (usable(run)) best = better(best, run);
      run = term.exact;
    } else run = longer;
  }
  if (usable(run)) best = better(best, run);
  return { exact, needs: best, anchored: terms[0]?.anchored === true };
}

/**
 * Strings one of which every match of the pattern contains (under the `i` flag, up to case as the
 * pattern folds it), or null when no such list is known.
 */
export function requiredStrings(pattern: string, flags: string): string[] | null {
  const shape = readPattern(pattern, flags);
  return shape === null ? null : requiredOf(shape);
}

/** `requiredStrings` of a pattern already read. */
function requiredOf(shape: Shape): string[] | null {
  const needs = needsOf(shape);
  if (needs === null) return null;
  // a string that holds another of the list adds nothing: the other is found wherever it is
  return needs.filter((s, k) => !needs.some((other, j) => j !== k && s.includes(other) && (other !== s || j < k)));
}

function readPattern(pattern: string, flags: string): Shape | null {
  try {
    return new Reader(pattern, flags.includes("i"), flags.includes("m")).read();
  } catch (error) {
    if (error instanceof Unreadable) return null;
    throw error;
  }
}

const SPECIAL = /[\\^$.*+?()[\]{}|/]/g;

/**
 * A test that a text may match the pattern: false only when the text holds none of the strings that
 * every match holds. Null when no such strings are known, and for a pattern anchored at the start of
 * the text: the engine tries it at one position only, which costs less than any search.
 */
export function mayMatchTest(pattern: string, flags: string): ((text: string) => boolean) | null {
  // sticky and global expressions carry state between tests, which skipping a test would change
  if (flags.includes("y") || flags.includes("g")) return null;
  const shape = readPattern(pattern, flags);
  if (shape === null || shape.anchored === true) return null;
  const needs = requiredOf(shape);
  if (needs === null) return null;
  const any = new RegExp(needs.map((s) => s.replace(SPECIAL, "\\$&")).join("|"), flags.includes("i") ? "iu" : "u");
  return (text) => any.test(text);
}
