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
 * Tags are read a whole tag at a time too (see readTag): the tokenizer's states for a tag's name, its
 * attributes' names and their quoted or bare values each took a call through its state switch per
 * character; a tag that holds anything else (an entity in a value, a script's or a title's opening,
 * the end of the input) is handed back to the tokenizer in the very state it would be in there.
 *
 * This reaches into the tokenizer's internals (its position, state and text, four of its methods, and
 * the numbers of its states, learnt as the module loads), which its types keep private; the tests hold the tree built with it to the one htmlparser2's own parser builds,
 * on tricky, random and real pages, so a change of those internals shows there. Should the internals
 * be missing, the tokenizer is used as it comes.
 */
import { QuoteType, Tokenizer } from "htmlparser2";

/** The parts of htmlparser2's tokenizer used here (private in its types). */
interface Internals {
  /** The text being read, and the offset of its first character in the whole input. */
  buffer: string;
  offset: number;
  /** The position of the character being read, in the whole input. */
  index: number;
  /** The state (a number of the tokenizer's own), and where the section being read began. */
  state: number;
  sectionStart: number;
  /** Whether the tag being opened is a script, style, title, textarea or xmp. */
  isSpecial: boolean;
  xmlMode: boolean;
  cbs: TokenizerCallbacks;
  stateText(c: number): void;
  stateBeforeTagName(c: number): void;
  handleInAttributeValue(c: number, quote: number): void;
  /** Moves to the next `c` (true), or to the last character (false). */
  fastForwardTo(c: number): boolean;
  /** PageTokenizer's own. */
  nextOf(text: string, from: number, which: number): number;
}

type TokenizerCallbacks = ConstructorParameters<typeof Tokenizer>[1];

const LT = 0x3c;
const AMP = 0x26;
const GT = 0x3e;
const SLASH = 0x2f;
const EQ = 0x3d;
const DQ = 0x22;
const SQ = 0x27;

/** The characters whose next position a PageTokenizer remembers, by their number in `nextOf`. */
const FOUND = ["<", "&", '"', "'"] as const;
const FIND_LT = 0;
const FIND_AMP = 1;
const FIND_DQ = 2;
const FIND_SQ = 3;

export class PageTokenizer extends Tokenizer {
  /** The text `foundAt` holds positions in, and the next position of each character of FOUND (-1: not looked for). */
  private foundIn: string | null = null;
  private readonly foundAt = new Int32Array(FOUND.length).fill(-1);

  /**
   * The position of the first FOUND[which] at or after `from` in `text` (its length for none). Each
   * position found is remembered until it is passed: a run of text or a value that holds many `&`
   * looks for its `<` or quote once, not once after every `&` (which made such a run quadratic).
   */
  nextOf(text: string, from: number, which: number): number {
    if (this.foundIn !== text) {
      this.foundIn = text;
      this.foundAt.fill(-1);
    }
    let at = this.foundAt[which] as number;
    if (at < from) {
      const found = text.indexOf(FOUND[which] as string, from);
      at = found < 0 ? text.length : found;
      this.foundAt[which] = at;
    }
    return at;
  }
}

const base = Tokenizer.prototype as unknown as Partial<Internals>;
const own = PageTokenizer.prototype as unknown as Internals;
const { stateText, handleInAttributeValue, fastForwardTo, stateBeforeTagName } = base;

/**
 * The numbers of the tokenizer's states that readTag leaves it in, learnt by feeding a tokenizer the
 * start of a tag and reading its state (the states are not exported); null if they cannot be learnt.
 */
const STATES = learnStates();

function learnStates() {
  const noop = () => {};
  const callbacks = new Proxy({}, { get: () => noop }) as TokenizerCallbacks;
  const stateAfter = (input: string): number => {
    const tokenizer = new Tokenizer({ xmlMode: false, decodeEntities: true }, callbacks);
    tokenizer.write(input);
    return (tokenizer as unknown as { state: unknown }).state as number;
  };
  try {
    const states = {
      text: stateAfter("x"),
      beforeAttributeName: stateAfter("<a "),
      inAttributeName: stateAfter("<a b"),
      afterAttributeName: stateAfter("<a b "),
      beforeAttributeValue: stateAfter("<a b="),
      inValueDq: stateAfter('<a b="'),
      inValueSq: stateAfter("<a b='"),
      inValueNq: stateAfter("<a b=c"),
      inSelfClosingTag: stateAfter("<a /"),
      afterClosingTagName: stateAfter("</a "),
    };
    const values = Object.values(states);
    const distinct = values.every((v) => Number.isInteger(v)) && new Set(values).size === values.length;
    return distinct ? states : null;
  } catch {
    return null;
  }
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0c || c === 0x0d;
}

function isAsciiAlpha(c: number): boolean {
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
}

/** Whether a tag whose name starts with `c`, `next` makes the tokenizer look for a script, style, title, textarea or xmp. */
function mayBeSpecial(c: number, next: number): boolean {
  const first = c | 0x20;
  const second = next | 0x20;
  if (first === 0x73) return second === 0x63 || second === 0x74;
  if (first === 0x74 || first === 0x78) return second === 0x69 || second === 0x65 || second === 0x6d;
  return false;
}

/** The tag ends at the `>` at `at` (in the buffer): text begins after it. */
function endTag(tokenizer: Internals, states: NonNullable<typeof STATES>, at: number): void {
  tokenizer.state = states.text;
  tokenizer.sectionStart = tokenizer.offset + at + 1;
  tokenizer.index = tokenizer.offset + at;
}

/** Hands the tag back to the tokenizer: the character at `at` (in the buffer) is read next, in `state`. */
function handBack(tokenizer: Internals, state: number, sectionStart: number, at: number): void {
  tokenizer.state = state;
  tokenizer.sectionStart = sectionStart;
  tokenizer.index = tokenizer.offset + at - 1;
}

/**
 * Reads a tag that follows `<` at the current position, as the tokenizer's states would, with the same
 * events at the same offsets; false (nothing read) where it leaves the tag to the tokenizer from the
 * start: a name the tokenizer may read as a script's, style's, title's, textarea's or xmp's, or one
 * that the input ends in.
 */
function readTag(t: Internals, states: NonNullable<typeof STATES>, c: number): boolean {
  const text = t.buffer;
  const base = t.offset;
  const length = text.length;
  const start = t.index - base;
  const cbs = t.cbs;
  if (c === SLASH && !t.xmlMode) {
    // `</name`: to the end of the name, then past the next `>`
    if (!isAsciiAlpha(text.charCodeAt(start + 1))) return false;
    let end = start + 2;
    for (let ch = text.charCodeAt(end); end < length && ch !== GT && !isWhitespace(ch); ch = text.charCodeAt(++end));
    if (end >= length) return false;
    cbs.onclosetag(base + start + 1, base + end);
    const gt = text.charCodeAt(end) === GT ? end : text.indexOf(">", end);
    if (gt < 0) {
      handBack(t, states.afterClosingTagName, -1, end + 1);
      return true;
    }
    endTag(t, states, gt);
    return true;
  }
  if (!isAsciiAlpha(c) || t.isSpecial || t.xmlMode || mayBeSpecial(c, text.charCodeAt(start + 1))) return false;
  let k = start + 1;
  for (let ch = text.charCodeAt(k); k < length && ch !== GT && ch !== SLASH && !isWhitespace(ch); ch = text.charCodeAt(++k));
  if (k >= length) return false;
  cbs.onopentagname(base + start, base + k);
  // From here the tokenizer is before an attribute's name, or at the start of one (`named`).
  let named = false;
  for (;;) {
    if (!named) {
      let ch = text.charCodeAt(k);
      while (isWhitespace(ch)) ch = text.charCodeAt(++k);
      if (ch === GT) {
        cbs.onopentagend(base + k);
        endTag(t, states, k);
        return true;
      }
      if (ch === SLASH) {
        // `/` then `>` (spaces between): a self-closing tag; anything else is read as it comes
        let m = k + 1;
        let after = text.charCodeAt(m);
        while (isWhitespace(after)) after = text.charCodeAt(++m);
        if (after === GT) {
          cbs.onselfclosingtag(base + m);
          endTag(t, states, m);
          t.isSpecial = false;
          return true;
        }
        if (m >= length) {
          handBack(t, states.inSelfClosingTag, -1, m);
          return true;
        }
        k = m;
        continue;
      }
      if (k >= length) {
        handBack(t, states.beforeAttributeName, -1, k);
        return true;
      }
    }
    named = false;
    // an attribute's name: its first character is taken whatever it is (even `=`)
    const nameStart = k;
    let m = k + 1;
    for (let ch = text.charCodeAt(m); m < length && ch !== EQ && ch !== GT && ch !== SLASH && !isWhitespace(ch); ch = text.charCodeAt(++m));
    if (m >= length) {
      handBack(t, states.inAttributeName, base + nameStart, m);
      return true;
    }
    cbs.onattribname(base + nameStart, base + m);
    const nameEnd = m;
    let ch = text.charCodeAt(m);
    while (isWhitespace(ch)) ch = text.charCodeAt(++m);
    if (m >= length) {
      handBack(t, states.afterAttributeName, base + nameEnd, m);
      return true;
    }
    if (ch !== EQ) {
      // no value: the next name, or the tag's end
      cbs.onattribend(QuoteType.NoValue, base + nameEnd);
      k = m;
      named = ch !== GT && ch !== SLASH;
      continue;
    }
    let v = m + 1;
    ch = text.charCodeAt(v);
    while (isWhitespace(ch)) ch = text.charCodeAt(++v);
    if (v >= length) {
      handBack(t, states.beforeAttributeValue, base + nameEnd, v);
      return true;
    }
    if (ch === DQ || ch === SQ) {
      const from = v + 1;
      const quote = t.nextOf(text, from, ch === DQ ? FIND_DQ : FIND_SQ);
      const amp = t.nextOf(text, from, FIND_AMP);
      if (quote >= length || amp < quote) {
        // an entity in the value (or no end to it): the tokenizer reads on from the `&`
        handBack(t, ch === DQ ? states.inValueDq : states.inValueSq, base + from, amp);
        return true;
      }
      cbs.onattribdata(base + from, base + quote);
      cbs.onattribend(ch === DQ ? QuoteType.Double : QuoteType.Single, base + quote + 1);
      k = quote + 1;
      continue;
    }
    // a bare value, to a space or `>` (`a=>` has an empty one)
    let u = v;
    for (ch = text.charCodeAt(u); u < length && ch !== GT && ch !== AMP && !isWhitespace(ch); ch = text.charCodeAt(++u));
    if (u >= length || ch === AMP) {
      handBack(t, states.inValueNq, base + v, u);
      return true;
    }
    cbs.onattribdata(base + v, base + u);
    cbs.onattribend(QuoteType.Unquoted, base + u);
    k = u;
  }
}

if (typeof stateText === "function" && typeof handleInAttributeValue === "function" && typeof fastForwardTo === "function") {
  own.stateText = function (this: Internals, c: number): void {
    if (c === LT || c === AMP) return stateText.call(this, c);
    // the characters up to the next < or & are text, which the next event reads as a whole
    const text = this.buffer;
    const from = this.index - this.offset + 1;
    const next = Math.min(this.nextOf(text, from, FIND_LT), this.nextOf(text, from, FIND_AMP));
    this.index = this.offset + next - 1;
  };
  own.handleInAttributeValue = function (this: Internals, c: number, quote: number): void {
    if (c === quote || c === AMP) return handleInAttributeValue.call(this, c, quote);
    const text = this.buffer;
    const from = this.index - this.offset + 1;
    const next = Math.min(this.nextOf(text, from, quote === DQ ? FIND_DQ : FIND_SQ), this.nextOf(text, from, FIND_AMP));
    this.index = this.offset + next - 1;
  };
  if (typeof stateBeforeTagName === "function" && STATES !== null) {
    const states = STATES;
    own.stateBeforeTagName = function (this: Internals, c: number): void {
      if (!readTag(this, states, c)) stateBeforeTagName.call(this, c);
    };
  }
  // (the tokenizer's own skip, through scripts, styles, comments and declarations, compares a character at a time)
  own.fastForwardTo = function (this: Internals, c: number): boolean {
    const text = this.buffer;
    const at = text.indexOf(String.fromCharCode(c), this.index - this.offset + 1);
    this.index = this.offset + (at < 0 ? text.length - 1 : at);
    return at >= 0;
  };
}
