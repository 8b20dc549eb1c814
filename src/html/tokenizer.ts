/**
 * htmlparser2's tokenizer, skipping ahead through text and quoted attribute values.
 *
 * With entities decoded, the tokenizer reads text and attribute values one character at a time
 * through its state switch, to find the next `<`, `&` or closing quote: ~10 ns a character, most of
 * a page's parse. Every other character of such a run changes nothing, so here the run is skipped
 * with `indexOf` and the tokenizer's own code takes over at the character that matters. Its own
 * skipping ahead (to the end of a script, a style, a comment) compares a character at a time: that
 * goes by `indexOf` too. Building the trees of 150 real pages (the WCXB set) from their bytes, best
 * of 10 in one process: 2.99 ms a page before, 2.16 with the first two, 1.64-1.69 with all three; on
 * generated pages, whose texts and scripts are short, ~5% less.
 *
 * This reaches into the tokenizer's internals (its position, its text, three of its methods), which its
 * types keep private; the tests hold the tree built with it to the one htmlparser2's own parser builds,
 * on tricky, random and real pages, so a change of those internals shows there. Should the internals
 * be missing, the tokenizer is used as it comes.
 */
import { Tokenizer } from "htmlparser2";

/** The parts of htmlparser2's tokenizer used here (private in its types). */
interface Internals {
  /** The text being read, and the offset of its first character in the whole input. */
  buffer: string;
  offset: number;
  /** The position of the character being read, in the whole input. */
  index: number;
  stateText(c: number): void;
  handleInAttributeValue(c: number, quote: number): void;
  /** Moves to the next `c` (true), or to the last character (false). */
  fastForwardTo(c: number): boolean;
  /** PageTokenizer's own. */
  nextAmp(text: string, from: number): number;
}

const LT = 0x3c;
const AMP = 0x26;

export class PageTokenizer extends Tokenizer {
  /** Where the next `&` is in `ampIn`, at or after the position it was looked for from (its length for none). */
  private ampAt = -1;
  private ampIn: string | null = null;

  /** The position of the first `&` at or after `from` in `text` (its length for none), remembered. */
  nextAmp(text: string, from: number): number {
    if (this.ampIn !== text || this.ampAt < from) {
      const at = text.indexOf("&", from);
      this.ampAt = at < 0 ? text.length : at;
      this.ampIn = text;
    }
    return this.ampAt;
  }
}

const base = Tokenizer.prototype as unknown as Partial<Internals>;
const own = PageTokenizer.prototype as unknown as Internals;
const { stateText, handleInAttributeValue, fastForwardTo } = base;

if (typeof stateText === "function" && typeof handleInAttributeValue === "function" && typeof fastForwardTo === "function") {
  own.stateText = function (this: Internals, c: number): void {
    if (c === LT || c === AMP) return stateText.call(this, c);
    // the characters up to the next < or & are text, which the next event reads as a whole
    const text = this.buffer;
    const from = this.index - this.offset + 1;
    let next = text.indexOf("<", from);
    if (next < 0) next = text.length;
    next = Math.min(next, this.nextAmp(text, from));
    this.index = this.offset + next - 1;
  };
  own.handleInAttributeValue = function (this: Internals, c: number, quote: number): void {
    if (c === quote || c === AMP) return handleInAttributeValue.call(this, c, quote);
    const text = this.buffer;
    const from = this.index - this.offset + 1;
    let next = text.indexOf(quote === 0x22 ? '"' : "'", from);
    if (next < 0) next = text.length;
    next = Math.min(next, this.nextAmp(text, from));
    this.index = this.offset + next - 1;
  };
  // (the tokenizer's own skip, through scripts, styles, comments and declarations, compares a character at a time)
  own.fastForwardTo = function (this: Internals, c: number): boolean {
    const text = this.buffer;
    const at = text.indexOf(String.fromCharCode(c), this.index - this.offset + 1);
    this.index = this.offset + (at < 0 ? text.length - 1 : at);
    return at >= 0;
  };
}
