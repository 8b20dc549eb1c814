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

function emitBlock(open: OpenBlock, raw: string, linkChars: number, links: number, out: TextBlock[]): void {
  const text = raw.replace(/\s+/g, " ").trim();
  if (text !== "") out.push({ element: open.element, tag: open.tag, type: open.type, text, linkChars: Math.min(linkChars, text.length), links, classes: open.classes });
}

/** Cuts the gathered inline text of one block at double line breaks and emits the pieces. */
function flush(open: OpenBlock, out: TextBlock[]): void {
  const segments = open.segments;
  if (segments.length === 0) return;
  let text = "";
  let linkChars = 0;
  let links = 0;
  let breaks = 0;
  let lastWasLink = false;
  for (const seg of segments) {
    if (seg.br) {
      breaks++;
      if (breaks >= 2 && text.trim() !== "") {
        emitBlock(open, text, linkChars, links, out);
        text = "";
        linkChars = 0;
        links = 0;
      }
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
  emitBlock(open, text, linkChars, links, out);
  open.segments = [];
}

interface WalkState {
  keepHidden: boolean;
  elements: ElementInfo[];
  blocks: TextBlock[];
  openBlocks: OpenBlock[];
  /** Per open element (innermost last): its index, block type, link depth, and whether it opened a block. */
  indices: number[];
  types: BlockType[];
  linkDepths: number[];
  opened: boolean[];
}

/** Enters a node; returns true when its children are to be visited (an element kept). */
function enter(node: HtmlNode, isRoot: boolean, st: WalkState): boolean {
  const depth = st.indices.length;
  if (node.type === "text") {
    const top = st.openBlocks[st.openBlocks.length - 1];
    if (top && node.data) top.segments.push({ text: node.data, link: (st.linkDepths[depth - 1] ?? 0) > 0, br: false });
    return false;
  }
  if (node.type !== "tag" && !isRoot) return false;
  const tag = isRoot && node.type !== "tag" ? "body" : tagOf(node);
  if (!isRoot && (SKIPPED_TAGS.has(tag) || (!st.keepHidden && isHidden(node)))) return false;
  if (tag === "br") {
    st.openBlocks[st.openBlocks.length - 1]?.segments.push({ text: BREAK, link: false, br: true });
    return false;
  }
  const parent = depth > 0 ? (st.indices[depth - 1] as number) : -1;
  const index = st.elements.length;
  const hints = isRoot ? "" : hintWords(node);
  st.elements.push({ node, tag, parent, end: index, hints });
  const type = TYPE_OF_TAG[tag] ?? st.types[depth - 1] ?? "paragraph";
  const linkDepth = (st.linkDepths[depth - 1] ?? 0) + (tag === "a" ? 1 : 0);
  let opened = false;
  if (isBlockTag(tag) || isRoot) {
    const top = st.openBlocks[st.openBlocks.length - 1];
    if (top) flush(top, st.blocks);
    const parentInfo = parent >= 0 ? st.elements[parent] : undefined;
    const grandInfo = parentInfo && parentInfo.parent >= 0 ? st.elements[parentInfo.parent] : undefined;
    let classes = hints;
    if (parentInfo?.hints) classes = classes === "" ? parentInfo.hints : `${classes} ${parentInfo.hints}`;
    if (grandInfo?.hints) classes = classes === "" ? grandInfo.hints : `${classes} ${grandInfo.hints}`;
    st.openBlocks.push({ element: index, tag, type, classes: classes.length > 200 ? classes.slice(0, 200) : classes, segments: [] });
    opened = true;
  } else if (CELL_TAGS.has(tag)) {
    st.openBlocks[st.openBlocks.length - 1]?.segments.push({ text: " ", link: false, br: false });
  }
  st.indices.push(index);
  st.types.push(type);
  st.linkDepths.push(linkDepth);
  st.opened.push(opened);
  return true;
}

/** Leaves the innermost open element. */
function exit(st: WalkState): void {
  const index = st.indices.pop() as number;
  st.types.pop();
  st.linkDepths.pop();
  const info = st.elements[index];
  if (info) info.end = st.elements.length - 1;
  if (st.opened.pop()) {
    const open = st.openBlocks.pop();
    if (open) flush(open, st.blocks);
  }
}

/**
 * Linearises everything under `root` (usually the body). The walk follows child, sibling and
 * parent links, keeping per-element state in flat arrays: no recursion, little allocation.
 */
export function linearise(root: HtmlNode, options: { keepHidden?: boolean } = {}): Linearised {
  const st: WalkState = {
    keepHidden: options.keepHidden ?? false, elements: [], blocks: [], openBlocks: [], indices: [], types: [], linkDepths: [], opened: [] };
  if (!enter(root, true, st)) return { elements: st.elements, blocks: st.blocks };
  let node: HtmlNode | null = root.children?.[0] ?? null;
  if (node === null) {
    exit(st);
    return { elements: st.elements, blocks: st.blocks };
  }
  while (node !== null) {
    const entered = enter(node, false, st);
    const first: HtmlNode | undefined = entered ? node.children?.[0] : undefined;
    if (first) {
      node = first;
      continue;
    }
    if (entered) exit(st);
    // Next sibling, or climb (closing elements) until one has a next sibling.
    let current: HtmlNode = node;
    node = null;
    while (current !== root) {
      const sibling = current.next ?? null;
      if (sibling) {
        node = sibling;
        break;
      }
      const up = current.parent;
      if (up === null) break;
      exit(st);
      current = up;
    }
  }
  while (st.indices.length > 0) exit(st);
  return { elements: st.elements, blocks: st.blocks };
}
