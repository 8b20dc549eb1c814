/**
 * Turns a page body into a flat list of text blocks in reading order, plus a table of the elements
 * they sit in (pre-order, with parent links), which the content finder scores. One iterative walk;
 * script, style, forms' controls and hidden elements are skipped.
 */
import type { BlockType } from "../article.ts";
import { type HtmlNode, attr, collapse, hintWords, tagOf } from "./dom.ts";

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
  /** Words of the link the block opens with (0 when it does not open with a link): a headline link. */
  leadLinkWords: number;
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
  /** Element index of the outermost link around the text, or -1. */
  link: number;
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

/**
 * Blocks whose link characters are settled once every link's full length is known: for each block,
 * its (link element, characters) pairs and the link it opens with, beside the block itself.
 */
interface Emitted {
  blocks: TextBlock[];
  linkParts: number[][];
  leadLinks: number[];
}

function emitBlock(open: OpenBlock, raw: string, linkParts: number[], leadLink: number, leadWords: number, out: Emitted): void {
  const text = collapse(raw);
  if (text === "") return;
  out.blocks.push({ element: open.element, tag: open.tag, type: open.type, text, linkChars: 0, links: 0, leadLinkWords: leadWords, classes: open.classes });
  out.linkParts.push(linkParts);
  out.leadLinks.push(leadLink);
}

const countWords = (text: string): number => text.split(/\s+/).filter((w) => w !== "").length;

/** Cuts the gathered inline text of one block at double line breaks and emits the pieces. */
function flush(open: OpenBlock, out: Emitted): void {
  const segments = open.segments;
  if (segments.length === 0) return;
  let text = "";
  let linkParts: number[] = [];
  let breaks = 0;
  let leadLink = -2;
  let leadWords = 0;
  let leadDone = false;
  for (const seg of segments) {
    if (seg.br) {
      breaks++;
      if (breaks >= 2 && text.trim() !== "") {
        emitBlock(open, text, linkParts, leadLink, leadWords, out);
        text = "";
        linkParts = [];
        leadLink = -2;
        leadWords = 0;
        leadDone = false;
      }
      text += " ";
      continue;
    }
    const trimmed = seg.text.trim();
    if (trimmed !== "") {
      breaks = 0;
      if (leadLink === -2) leadLink = seg.link;
      if (!leadDone && leadLink >= 0 && seg.link === leadLink) leadWords += countWords(trimmed);
      else leadDone = true;
    }
    text += seg.text;
    if (seg.link >= 0 && trimmed !== "") linkParts.push(seg.link, trimmed.replace(/\s+/g, " ").length);
  }
  emitBlock(open, text, linkParts, leadLink, leadWords, out);
  open.segments = [];
}

/** A link holding more text than this wraps content (an unclosed <a>, a card), it is not a link. */
const MAX_LINK_CHARS = 1000;

/** Settles link characters once each link's whole length is known. */
function settleLinks(out: Emitted, linkChars: Map<number, number>): void {
  const { blocks } = out;
  for (let k = 0; k < blocks.length; k++) {
    const b = blocks[k] as TextBlock;
    const parts = out.linkParts[k] as number[];
    const leadLink = out.leadLinks[k] as number;
    if (parts.length > 0) {
      let chars = 0;
      const seen = new Set<number>();
      for (let i = 0; i < parts.length; i += 2) {
        const a = parts[i] as number;
        if ((linkChars.get(a) ?? 0) > MAX_LINK_CHARS) continue;
        chars += parts[i + 1] as number;
        seen.add(a);
      }
      b.linkChars = Math.min(chars, b.text.length);
      b.links = seen.size;
    }
    if (leadLink < 0 || (linkChars.get(leadLink) ?? 0) > MAX_LINK_CHARS) b.leadLinkWords = 0;
  }
}

interface WalkState {
  keepHidden: boolean;
  elements: ElementInfo[];
  out: Emitted;
  openBlocks: OpenBlock[];
  /** Per open element (innermost last): its index, block type, link depth, and whether it opened a block. */
  indices: number[];
  types: BlockType[];
  /** Outermost link element around each open element, or -1. */
  linkOwners: number[];
  /** Text characters inside each link element. */
  linkChars: Map<number, number>;
  opened: boolean[];
}

/** Enters a node; returns true when its children are to be visited (an element kept). */
function enter(node: HtmlNode, isRoot: boolean, st: WalkState): boolean {
  const depth = st.indices.length;
  if (node.type === "text") {
    const top = st.openBlocks[st.openBlocks.length - 1];
    if (top && node.data) {
      const link = st.linkOwners[depth - 1] ?? -1;
      top.segments.push({ text: node.data, link, br: false });
      if (link >= 0) st.linkChars.set(link, (st.linkChars.get(link) ?? 0) + node.data.trim().length);
    }
    return false;
  }
  if (node.type !== "tag" && !isRoot) return false;
  const tag = isRoot && node.type !== "tag" ? "body" : tagOf(node);
  if (!isRoot && (SKIPPED_TAGS.has(tag) || (!st.keepHidden && isHidden(node)))) return false;
  if (tag === "br") {
    st.openBlocks[st.openBlocks.length - 1]?.segments.push({ text: BREAK, link: -1, br: true });
    return false;
  }
  const parent = depth > 0 ? (st.indices[depth - 1] as number) : -1;
  const index = st.elements.length;
  const hints = isRoot ? "" : hintWords(node);
  st.elements.push({ node, tag, parent, end: index, hints });
  const type = TYPE_OF_TAG[tag] ?? st.types[depth - 1] ?? "paragraph";
  const outerLink = st.linkOwners[depth - 1] ?? -1;
  const linkOwner = outerLink >= 0 ? outerLink : tag === "a" ? index : -1;
  let opened = false;
  if (isBlockTag(tag) || isRoot) {
    const top = st.openBlocks[st.openBlocks.length - 1];
    if (top) flush(top, st.out);
    const parentInfo = parent >= 0 ? st.elements[parent] : undefined;
    const grandInfo = parentInfo && parentInfo.parent >= 0 ? st.elements[parentInfo.parent] : undefined;
    let classes = hints;
    if (parentInfo?.hints) classes = classes === "" ? parentInfo.hints : `${classes} ${parentInfo.hints}`;
    if (grandInfo?.hints) classes = classes === "" ? grandInfo.hints : `${classes} ${grandInfo.hints}`;
    st.openBlocks.push({ element: index, tag, type, classes: classes.length > 200 ? classes.slice(0, 200) : classes, segments: [] });
    opened = true;
  } else if (CELL_TAGS.has(tag)) {
    st.openBlocks[st.openBlocks.length - 1]?.segments.push({ text: " ", link: -1, br: false });
  }
  st.indices.push(index);
  st.types.push(type);
  st.linkOwners.push(linkOwner);
  st.opened.push(opened);
  return true;
}

/** Leaves the innermost open element. */
function exit(st: WalkState): void {
  const index = st.indices.pop() as number;
  st.types.pop();
  st.linkOwners.pop();
  const info = st.elements[index];
  if (info) info.end = st.elements.length - 1;
  if (st.opened.pop()) {
    const open = st.openBlocks.pop();
    if (open) flush(open, st.out);
  }
}

/**
 * Linearises everything under `root` (usually the body). The walk follows child, sibling and
 * parent links, keeping per-element state in flat arrays: no recursion, little allocation.
 */
export function linearise(root: HtmlNode, options: { keepHidden?: boolean } = {}): Linearised {
  const st: WalkState = {
    keepHidden: options.keepHidden ?? false, elements: [], out: { blocks: [], linkParts: [], leadLinks: [] }, openBlocks: [], indices: [], types: [], linkOwners: [], linkChars: new Map(), opened: [] };
  if (!enter(root, true, st)) return { elements: st.elements, blocks: st.out.blocks };
  let node: HtmlNode | null = root.firstChild;
  while (node !== null) {
    const entered = enter(node, false, st);
    const first: HtmlNode | null = entered ? node.firstChild : null;
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
  settleLinks(st.out, st.linkChars);
  return { elements: st.elements, blocks: st.out.blocks };
}
