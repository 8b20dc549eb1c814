/**
 * A plain, linear pass for pages too large or too deep to parse into a tree: the page's tokens are read
 * once, in order (the same tokenizer as the tree's, which is linear in the page), and its text is cut
 * into blocks at block tags; the blocks that read as prose are kept. No tree, no stack of open
 * elements, no regular expression over the markup: work and memory are bounded by the size of the
 * page, however it nests, and a block is kept whatever its length.
 *
 * The text of scripts, styles, titles and text areas is never read (the tokenizer reads them to their
 * end tag, or to the page's end). Navigation, footers, asides, the head and the like are left out
 * from their opening to the first closing tag of the same name (the head also to the body's opening);
 * one never closed leaves out nothing (its text is kept, as if it had not been there), so that a page
 * with a stray `<nav>` does not lose the rest.
 */
import { type BlockFeatures, classify, featuresOf } from "./block-features.ts";
import { PageTokenizer } from "./tokenizer.ts";

export interface LinearBlock {
  text: string;
  linkDensity: number;
}

type Callbacks = ConstructorParameters<typeof PageTokenizer>[1];

/** Elements whose text is not read: the tokenizer reads each as one text, to its end tag. */
const RAW_TEXT = new Set(["script", "style", "title", "textarea", "xmp"]);
/** Elements whose content the pass leaves out, when they are closed. */
const LEFT_OUT = new Set(["noscript", "template", "svg", "head", "nav", "footer", "aside"]);
/** Elements whose start or end ends a block. */
const BLOCK_TAGS = new Set([
  "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote",
  "pre", "table", "tr", "td", "th", "figure", "figcaption", "br",
]);
const SPACES = /\s+/g;

/** A block being read: its text and the text of its links, in parts. */
class OpenBlock {
  parts: string[] = [];
  linkParts: string[] = [];
}

/**
 * Prose pieces of a page, in order, read without building a tree: at most `maxBlocks` of them (`cut`
 * says whether more were left unread).
 */
export function linearBlocks(html: string, maxBlocks = 5000): { blocks: LinearBlock[]; cut: boolean } {
  const out: LinearBlock[] = [];
  let cut = false;
  /** Blocks read inside a left-out element, kept only if the page ends before it closes. */
  let leftOut: LinearBlock[] | null = null;
  /** The left-out element being read through (or ""). */
  let leftOutTag = "";
  /** Whether the text being read is inside a link. */
  let inLink = false;
  /**
   * Block elements opened less those closed, and that count when the link opened: a link whose block
   * closes is over (`<p><a>…</p>`, as the tree closes it), one that holds blocks is not.
   */
  let blockDepth = 0;
  let linkDepth = 0;
  /** The raw-text element whose text is being read (and ignored), or "". */
  let rawText = "";
  let block = new OpenBlock();
  /** The name of the tag being opened (its attributes are not read). */
  let opening = "";

  const flush = (): void => {
    if (block.parts.length === 0) return;
    const text = block.parts.join("").replace(SPACES, " ").trim();
    const linkChars = block.linkParts.join("").replace(SPACES, " ").trim().length;
    block = new OpenBlock();
    if (text === "") return;
    const target = leftOut ?? out;
    if (out.length + (leftOut?.length ?? 0) >= maxBlocks) {
      cut = true;
      return;
    }
    const f: BlockFeatures = featuresOf({ text, linkChars });
    if (classify(f) === "good") target.push({ text, linkDensity: f.linkDensity });
  };
  const addText = (text: string): void => {
    if (rawText !== "") return;
    block.parts.push(text);
    if (inLink) block.linkParts.push(text);
  };
  const name = (start: number, end: number): string => html.slice(start, end).toLowerCase();
  const endLeftOut = (): void => {
    // the element's blocks are left out, and so is its last one
    block = new OpenBlock();
    leftOut = null;
    leftOutTag = "";
  };
  const opened = (tag: string): void => {
    if (BLOCK_TAGS.has(tag)) {
      flush();
      if (tag !== "br") blockDepth++;
    }
    if (tag === "a") {
      inLink = true;
      linkDepth = blockDepth;
    }
    if (RAW_TEXT.has(tag)) rawText = tag;
    if (tag === "body" && leftOutTag === "head") endLeftOut();
    if (leftOut === null && LEFT_OUT.has(tag)) {
      flush();
      leftOut = [];
      leftOutTag = tag;
    }
  };

  const callbacks: Callbacks = {
    ontext: (start, end) => addText(html.slice(start, end)),
    ontextentity: (codePoint) => addText(String.fromCodePoint(codePoint)),
    onopentagname: (start, end) => {
      opening = name(start, end);
    },
    onopentagend: () => opened(opening),
    onselfclosingtag: () => {
      opened(opening);
      // the tokenizer reads on after `<script/>` as after any tag
      if (rawText === opening) rawText = "";
      // `<br/>`, `<svg/>`: nothing inside; a left-out element written so is over at once
      if (leftOut !== null && leftOutTag === opening) endLeftOut();
    },
    onclosetag: (start, end) => {
      const tag = name(start, end);
      if (BLOCK_TAGS.has(tag)) {
        flush();
        if (tag !== "br" && blockDepth > 0) blockDepth--;
        if (blockDepth < linkDepth) inLink = false;
      }
      if (tag === "a") inLink = false;
      if (tag === rawText) rawText = "";
      if (leftOut !== null && tag === leftOutTag) endLeftOut();
    },
    onattribname: () => {},
    onattribdata: () => {},
    onattribentity: () => {},
    onattribend: () => {},
    oncomment: () => {},
    oncdata: () => {},
    ondeclaration: () => {},
    onprocessinginstruction: () => {},
    onend: () => {},
  };
  const tokenizer = new PageTokenizer({ xmlMode: false, decodeEntities: true }, callbacks);
  tokenizer.write(html);
  tokenizer.end();
  // a left-out element never closed: what was read inside it is kept after all
  const unclosed = leftOut as LinearBlock[] | null;
  leftOut = null;
  if (unclosed !== null) for (const kept of unclosed) out.push(kept);
  flush();
  return { blocks: out, cut };
}
