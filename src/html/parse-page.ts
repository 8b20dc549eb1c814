/**
 * Parsing a page with htmlparser2's parser, and finding its parts. The parser's events build a lean
 * tree of plain nodes (see dom.ts) with the same structure its own DOM handler would build: the
 * same elements, text merged the same way, comments, directives and CDATA where it puts them.
 * Children are linked (first child, next sibling) rather than kept in an array per node.
 */
import { type Handler, Parser } from "htmlparser2";
import { type HtmlNode, childNodes } from "./dom.ts";

export interface ParsedPage {
  document: HtmlNode;
  html: HtmlNode | null;
  head: HtmlNode | null;
  body: HtmlNode;
}

class PageNode implements HtmlNode {
  parent: HtmlNode | null = null;
  firstChild: HtmlNode | null = null;
  next: HtmlNode | null = null;
  constructor(
    public type: string,
    public tag: string,
    public attribs: Record<string, string> | undefined,
    public data: string | undefined,
  ) {}
}

/** Thrown by the builder to stop a parse that went deeper than it may. */
const TOO_DEEP = Symbol("too deep");

/** Builds the tree from the parser's events. */
class TreeBuilder implements Partial<Handler> {
  readonly root = new PageNode("root", "", undefined, undefined);
  constructor(private readonly maxDepth: number) {}
  /** The open nodes, innermost last, and the last child each has so far. */
  private readonly open: HtmlNode[] = [this.root];
  private readonly lastChild: Array<HtmlNode | null> = [null];
  /** A text or comment node that the next text or comment event of its kind extends. */
  private last: HtmlNode | null = null;

  private add(node: HtmlNode): void {
    const top = this.open.length - 1;
    const parent = this.open[top] as HtmlNode;
    const previous = this.lastChild[top] ?? null;
    if (previous === null) parent.firstChild = node;
    else previous.next = node;
    this.lastChild[top] = node;
    node.parent = parent;
    this.last = null;
  }

  onopentag(name: string, attribs: Record<string, string>): void {
    // The new element's depth is the number of open nodes (the root included) it goes under.
    if (this.open.length > this.maxDepth) throw TOO_DEEP;
    const node = new PageNode(name === "script" ? "script" : name === "style" ? "style" : "tag", name, attribs, undefined);
    this.add(node);
    this.open.push(node);
    this.lastChild.push(null);
  }

  onclosetag(): void {
    this.last = null;
    // The parser never closes more elements than it opened; the root stays.
    if (this.open.length > 1) {
      this.open.pop();
      this.lastChild.pop();
    }
  }

  /** Extends the last text or comment node when it is of this kind, else adds one. */
  private extend(type: "text" | "comment", data: string): void {
    const last = this.last;
    if (last !== null && last.type === type) {
      last.data += data;
      return;
    }
    const node = new PageNode(type, "", undefined, data);
    this.add(node);
    this.last = node;
  }

  ontext(data: string): void {
    this.extend("text", data);
  }

  oncomment(data: string): void {
    this.extend("comment", data);
  }

  oncommentend(): void {
    this.last = null;
  }

  oncdatastart(): void {
    const text = new PageNode("text", "", undefined, "");
    const node = new PageNode("cdata", "", undefined, undefined);
    this.add(node);
    node.firstChild = text;
    text.parent = node;
    this.last = text;
  }

  oncdataend(): void {
    this.last = null;
  }

  onprocessinginstruction(_name: string, data: string): void {
    this.add(new PageNode("directive", "", undefined, data));
  }
}

/** The document tree of a page, as htmlparser2 reads HTML (entities decoded, names lower-case). */
export function parseDocument(source: string): HtmlNode {
  return buildTree(source, Number.POSITIVE_INFINITY) as HtmlNode;
}

/** The tree, or null as soon as an element would nest deeper than `maxDepth`. */
function buildTree(source: string, maxDepth: number): HtmlNode | null {
  const builder = new TreeBuilder(maxDepth);
  try {
    new Parser(builder).end(source);
  } catch (error) {
    if (error === TOO_DEEP) return null;
    throw error;
  }
  return builder.root;
}

/**
 * The page's tree and its main parts, or null when its elements nest deeper than `maxDepth`. The
 * parser's work per tag grows with the depth (it keeps its open elements in an array it shifts), so
 * a page built to nest absurdly deep is stopped at the limit, having cost at most that much per tag.
 */
export function parsePage(source: string): ParsedPage;
export function parsePage(source: string, maxDepth: number): ParsedPage | null;
export function parsePage(source: string, maxDepth = Number.POSITIVE_INFINITY): ParsedPage | null {
  const document = buildTree(source, maxDepth);
  if (document === null) return null;
  let html: HtmlNode | null = null;
  let head: HtmlNode | null = null;
  let body: HtmlNode | null = null;
  for (let child = document.firstChild; child !== null; child = child.next) {
    if (child.tag === "html") html = child;
  }
  for (const child of childNodes(html ?? document)) {
    const tag = child.tag;
    if (tag === "head" && !head) head = child;
    if (tag === "body" && !body) body = child;
  }
  return { document, html, head, body: body ?? html ?? document };
}
