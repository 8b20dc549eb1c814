/**
 * Turns a page body into a flat list of text blocks in reading order, plus a table of the elements
 * they sit in (pre-order, with parent links), which the content finder scores. One iterative walk;
 * script, style, forms' controls and hidden elements are skipped.
 */
import type { BlockType } from "../article.ts";
import { type HtmlNode, attr, hintWords, tagOf } from "./dom.ts";

export interface ElementInfo {
  node: HtmlNode;
  tag: string;
  /** Index of the parent element in the table, -1 for the walk's root. */
  parent: number;
  /** Index of the last element of this element's subtree (itself when it has no element children). */
  end: number;
  /** Lower-case class and id words of this element alone. */
  hints: string;
}

export interface TextBlock {
  /** Index (in the element table) of the block element the text belongs to. */
  element: number;
  tag: string;
  type: BlockType;
  text: string;
  /** Characters of the text inside links. */
  linkChars: number;
  /** Number of links the text touches. */
  links: number;
  /** Class and id words of the block element and its two nearest ancestors. */
  classes: string;
}

export interface Linearised {
  elements: ElementInfo[];
  blocks: TextBlock[];
}

const BLOCK_TAGS = new Set([
  "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
  "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
  "h6", "header", "hgroup", "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary",
  "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
]);

/** Cells are kept inside their row's block, separated by a space. */
const CELL_TAGS = new Set(["td", "th"]);

const SKIPPED_TAGS = new Set([
  "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
  "video", "audio", "select", "button", "input", "textarea", "option", "head", "link", "meta", "map",
  "source", "picture", "img", "dialog",
]);

const TYPE_OF_TAG: Record<string, BlockType> = {
  h1: "heading", h2: "heading", h3: "heading", h4: "heading", h5: "heading", h6: "heading",
  li: "list-item", dd: "list-item", dt: "list-item",
  blockquote: "quote",
  figcaption: "caption", caption: "caption", figure: "caption",
};

function isHidden(node: HtmlNode): boolean {
  if (attr(node, "hidden") !== undefined) return true;
  const style = attr(node, "style");
  return style !== undefined && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

function isBlockTag(tag: string): boolean {
  return BLOCK_TAGS.has(tag) || tag.includes("-");
}

interface Segment {
  text: string;
  link: boolean;
  /** A line break (`<br>`). */
  br: boolean;
}

interface OpenBlock {
  element: number;
  tag: string;
  type: BlockType;
  classes: string;
  segments: Segment[];
}

const BREAK = "\u2029";

/** Cuts the gathered inline text of one block at double line breaks and emits the pieces. */
function flush(open: OpenBlock, out: TextBlock[]): void {
  if (open.segments.length === 0) return;
  let text = "";
  let linkChars = 0;
  let links = 0;
  let breaks = 0;
  let lastWasLink = false;
  const emit = (): void => {
    const clean = text.replace(/\s+/g, " ").trim();
    if (clean !== "") {
      out.push({ element: open.element, tag: open.tag, type: open.type, text: clean, linkChars: Math.min(linkChars, clean.length), links, classes: open.classes });
    }
    text = "";
    linkChars = 0;
    links = 0;
  };
  for (const seg of open.segments) {
    if (seg.br) {
      breaks++;
      if (breaks >= 2 && text.trim() !== "") emit();
      text += " ";
      lastWasLink = false;
      continue;
    }
    if (seg.text.trim() !== "") breaks = 0;
    text += seg.text;
    if (seg.link) {
      linkChars += seg.text.replace(/\s+/g, " ").trim().length;
      if (!lastWasLink) links++;
    }
    lastWasLink = seg.link;
  }
  emit();
  open.segments = [];
}

/** Linearises everything under `root` (usually the body). */
export function linearise(root: HtmlNode): Linearised {
  const elements: ElementInfo[] = [];
  const blocks: TextBlock[] = [];
  const openBlocks: OpenBlock[] = [];
  // Frames: a node to enter, or the exit marker of an element (with what to restore).
  interface Frame {
    node: HtmlNode;
    exit: boolean;
    index: number;
    parent: number;
    type: BlockType;
    linkDepth: number;
    opened: boolean;
  }
  const stack: Frame[] = [{ node: root, exit: false, index: -1, parent: -1, type: "paragraph", linkDepth: 0, opened: false }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const { node } = frame;
    if (frame.exit) {
      const info = elements[frame.index];
      if (info) info.end = elements.length - 1;
      if (frame.opened) {
        const open = openBlocks.pop();
        if (open) flush(open, blocks);
      }
      continue;
    }
    if (node.type === "text") {
      const top = openBlocks[openBlocks.length - 1];
      if (top && node.data) top.segments.push({ text: node.data, link: frame.linkDepth > 0, br: false });
      continue;
    }
    if (node.type !== "tag" && node !== root) continue;
    const tag = node === root && node.type !== "tag" ? "body" : tagOf(node);
    if (node !== root && (SKIPPED_TAGS.has(tag) || isHidden(node))) continue;
    if (tag === "br") {
      openBlocks[openBlocks.length - 1]?.segments.push({ text: BREAK, link: false, br: true });
      continue;
    }
    const index = elements.length;
    const hints = node === root ? "" : hintWords(node);
    elements.push({ node, tag, parent: frame.parent, end: index, hints });
    const type = TYPE_OF_TAG[tag] ?? frame.type;
    const linkDepth = frame.linkDepth + (tag === "a" ? 1 : 0);
    let opened = false;
    if (isBlockTag(tag) || node === root) {
      const top = openBlocks[openBlocks.length - 1];
      if (top) flush(top, blocks);
      const parentHints = frame.parent >= 0 ? (elements[frame.parent]?.hints ?? "") : "";
      const grandIndex = frame.parent >= 0 ? (elements[frame.parent]?.parent ?? -1) : -1;
      const grandHints = grandIndex >= 0 ? (elements[grandIndex]?.hints ?? "") : "";
      const classes = [hints, parentHints, grandHints].filter((h) => h !== "").join(" ").slice(0, 200);
      openBlocks.push({ element: index, tag, type, classes, segments: [] });
      opened = true;
    } else if (CELL_TAGS.has(tag)) {
      openBlocks[openBlocks.length - 1]?.segments.push({ text: " ", link: false, br: false });
    }
    stack.push({ node, exit: true, index, parent: frame.parent, type, linkDepth, opened });
    const kids = node.children;
    if (kids) {
      for (let i = kids.length - 1; i >= 0; i--) {
        stack.push({ node: kids[i] as HtmlNode, exit: false, index: -1, parent: index, type, linkDepth, opened: false });
      }
    }
  }
  return { elements, blocks };
}
