/**
 * Parsing a page, and finding its parts. htmlparser2's tokenizer reads the markup (skipping through
 * runs of text its own way: tokenizer.ts); the events build a lean tree of plain nodes (see dom.ts)
 * with the structure htmlparser2's Parser and DOM handler would build: the same elements, closed
 * where it closes them, text merged the same way, comments, directives and CDATA where it puts them.
 * Children are linked (first child, next sibling) rather than kept in an array per node. (Doing the
 * parser's part here, on one stack, costs less than its events relayed through a handler.)
 */
import type { Tokenizer } from "htmlparser2";
import type { Utf8Bytes } from "../text/utf8-bytes.ts";
import { type HtmlNode, KEPT_ATTRIBUTES, childNodes } from "./dom.ts";
import { PageTokenizer } from "./tokenizer.ts";

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

/** What htmlparser2's tokenizer calls (its type is not exported by name). */
type TokenizerCallbacks = ConstructorParameters<typeof Tokenizer>[1];

/** Thrown to stop a parse that went deeper than it may. */
const TOO_DEEP = Symbol("too deep");

// How HTML nests, as htmlparser2's Parser reads it (HTML mode, names lower-cased, `/>` ignored outside
// SVG and MathML, CDATA read as a comment). The tokenizer is htmlparser2's own; the tests hold the tree
// built here to the one htmlparser2's Parser and DOM handler build, on tricky, random and real pages.
const P = new Set(["p"]);
const FORM = new Set(["input", "option", "optgroup", "select", "button", "datalist", "textarea"]);
const TABLE_SECTION = new Set(["thead", "tbody"]);
const DD_DT = new Set(["dd", "dt"]);
const RT_RP = new Set(["rt", "rp"]);
/** An element whose opening closes the open elements named here, innermost first, while they are on top. */
const OPEN_CLOSES = new Map<string, Set<string>>([
  ["tr", new Set(["tr", "th", "td"])],
  ["th", new Set(["th"])],
  ["td", new Set(["thead", "th", "td"])],
  ["body", new Set(["head", "link", "script"])],
  ["li", new Set(["li"])],
  ["option", new Set(["option"])],
  ["optgroup", new Set(["optgroup", "option"])],
  ["tbody", TABLE_SECTION],
  ["tfoot", TABLE_SECTION],
  ...["dd", "dt"].map((tag): [string, Set<string>] => [tag, DD_DT]),
  ...["rt", "rp"].map((tag): [string, Set<string>] => [tag, RT_RP]),
  ...["select", "input", "output", "button", "datalist", "textarea"].map((tag): [string, Set<string>] => [tag, FORM]),
  ...[
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset",
    "figcaption", "figure", "footer", "form", "header", "hr", "main", "nav", "ol", "pre", "section", "table", "ul",
  ].map((tag): [string, Set<string>] => [tag, P]),
]);
const VOID = new Set([
  "area", "base", "basefont", "br", "col", "command", "embed", "frame", "hr", "img", "input", "isindex", "keygen", "link",
  "meta", "param", "source", "track", "wbr",
]);
/** Elements that open foreign content (where `/>` closes), and those inside it that return to HTML. */
const FOREIGN = new Set(["math", "svg"]);
const HTML_INTEGRATION = new Set(["mi", "mo", "mn", "ms", "mtext", "annotation-xml", "foreignobject", "desc", "title"]);

/**
 * Element and attribute names common on pages (HTML's and SVG's, lower-case). A name found here is
 * given as this one string, read from the page without cutting or lower-casing it; and as the same
 * string every time, the tree's lookups by tag and the attributes' keys find it at once. (Measured
 * in a worker's profile on 2,000 generated pages: setting attributes took 0.31 s, opening and
 * closing tags 0.29 s, most of it on fresh strings for names.)
 */
export const COMMON_NAMES: readonly string[] = [
  // elements
  "a", "abbr", "address", "area", "article", "aside", "audio", "b", "base", "blockquote", "body", "br", "button",
  "canvas", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
  "embed", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
  "hgroup", "hr", "html", "i", "iframe", "img", "input", "ins", "kbd", "label", "legend", "li", "link", "main", "mark",
  "menu", "meta", "nav", "noscript", "object", "ol", "optgroup", "option", "output", "p", "param", "picture", "pre",
  "q", "s", "samp", "script", "section", "select", "small", "source", "span", "strong", "style", "sub", "summary",
  "sup", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "time", "title", "tr", "track", "u",
  "ul", "var", "video", "wbr", "svg", "path", "g", "use", "symbol", "defs", "rect", "circle", "line", "polygon",
  "stop", "lineargradient", "clippath", "math",
  // attributes (those that are element names too are listed above)
  "accept", "action", "align", "alt", "as", "async", "autocomplete", "charset", "checked", "class", "cols",
  "colspan", "content", "contenteditable", "crossorigin", "d", "datetime", "decoding", "defer", "dir", "disabled",
  "download", "draggable", "enctype", "fill", "fill-rule", "clip-rule", "for", "frameborder", "headers", "height",
  "hidden", "href", "hreflang", "http-equiv", "id", "integrity", "itemid", "itemprop", "itemscope", "itemtype",
  "lang", "loading", "max", "maxlength", "media", "method", "min", "name", "nonce", "onclick", "onload",
  "pattern", "placeholder", "poster", "preload", "property", "readonly", "referrerpolicy", "rel", "required", "rev",
  "role", "rows", "rowspan", "sandbox", "scope", "selected", "size", "sizes", "slot", "src", "srcset",
  "start", "step", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin", "tabindex", "target",
  "transform", "translate", "type", "value", "viewbox", "width", "x", "y", "xmlns", "xmlns:xlink",
  "xlink:href", "aria-label", "aria-hidden", "aria-expanded", "aria-controls", "aria-labelledby", "aria-describedby",
  "aria-current", "aria-haspopup", "aria-live", "aria-level", "data-src", "data-id", "data-srcset",
];
/**
 * An open-addressed table of the names: each in its slot, or the next free one after it. The
 * attributes the tree keeps are always in it, so that a name not found there is one the tree drops.
 */
const NAME_SLOTS = 1024;
const commonNames: Array<string | undefined> = new Array(NAME_SLOTS);
for (const name of [...COMMON_NAMES, ...KEPT_ATTRIBUTES]) {
  let slot = nameSlot(name, 0, name.length);
  while (commonNames[slot] !== undefined && commonNames[slot] !== name) slot = (slot + 1) & (NAME_SLOTS - 1);
  commonNames[slot] = name;
}

/** The slot of a name of up to 32 ASCII characters (upper case read as lower), or -1. */
function nameSlot(text: string, start: number, end: number): number {
  if (end - start > 32) return -1;
  let hash = end - start;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0x80) return -1;
    if (c >= 65 && c <= 90) c |= 0x20;
    hash = Math.imul(hash ^ c, 0x01000193);
  }
  return (hash ^ (hash >>> 15)) & (NAME_SLOTS - 1);
}

/** The common name that `text` holds from `start` to `end` (in any case), or undefined. */
function commonName(text: string, start: number, end: number): string | undefined {
  let slot = nameSlot(text, start, end);
  if (slot < 0) return undefined;
  for (let name = commonNames[slot]; name !== undefined; name = commonNames[slot]) {
    if (sameName(name, text, start, end)) return name;
    slot = (slot + 1) & (NAME_SLOTS - 1);
  }
  return undefined;
}

function sameName(name: string, text: string, start: number, end: number): boolean {
  if (name.length !== end - start) return false;
  for (let i = 0; i < name.length; i++) {
    let c = text.charCodeAt(start + i);
    if (c >= 65 && c <= 90) c |= 0x20;
    if (c !== name.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Builds the tree from the tokenizer's events in one step: the open elements are the builder's own
 * stack (innermost last), so closing, implied closes and the depth limit all read one array.
 */
class TreeParser implements TokenizerCallbacks {
  readonly root = new PageNode("root", "", undefined, undefined);
  /** The open nodes, innermost last (the root first), and the last child each has so far. */
  private readonly open: HtmlNode[] = [this.root];
  private readonly lastChild: Array<HtmlNode | null> = [null];
  /** Whether the innermost foreign or integration element puts the parser in foreign content. */
  private readonly foreign: boolean[] = [false];
  /** The text node just added, which the next text extends (any other node clears it). */
  private lastText: HtmlNode | null = null;
  /** The tag being opened, its attributes, and the attribute being read. */
  private tagName = "";
  private attribs: Record<string, string> | null = null;
  private attribName = "";
  private keepAttrib = true;
  private attribValue = "";

  /** The page as the tokenizer reads it, and its bytes when it is given as UTF-8 bytes. */
  private readonly source: string;
  private readonly bytes: Utf8Bytes | null;

  constructor(
    page: string | Utf8Bytes,
    private readonly maxDepth: number,
  ) {
    this.source = typeof page === "string" ? page : page.bytes;
    this.bytes = typeof page === "string" ? null : page;
  }

  /** An element's or attribute's name from `start` to `end`, lower-case. */
  private name(start: number, end: number): string {
    return commonName(this.source, start, end) ?? this.cut(start, end).toLowerCase();
  }

  /** The page's text from `start` to `end` (decoded, when the page is bytes). */
  private cut(start: number, end: number): string {
    return this.bytes === null ? this.source.slice(start, end) : this.bytes.slice(start, end);
  }

  private add(node: HtmlNode): void {
    const top = this.open.length - 1;
    const parent = this.open[top] as HtmlNode;
    const previous = this.lastChild[top] ?? null;
    if (previous === null) parent.firstChild = node;
    else previous.next = node;
    this.lastChild[top] = node;
    node.parent = parent;
    this.lastText = null;
  }

  /** Adds an element and opens it. */
  private openElement(name: string, attribs: Record<string, string>): void {
    // The new element's depth is the number of open nodes (the root included) it goes under.
    if (this.open.length > this.maxDepth) throw TOO_DEEP;
    const node = new PageNode(name === "script" ? "script" : name === "style" ? "style" : "tag", name, attribs, undefined);
    this.add(node);
    this.open.push(node);
    this.lastChild.push(null);
  }

  /** Closes the innermost open element (never the root). */
  private closeElement(): void {
    this.lastText = null;
    if (this.open.length > 1) {
      this.open.pop();
      this.lastChild.pop();
    }
  }

  /** Extends the text node just added, or adds one. */
  private addText(data: string): void {
    const last = this.lastText;
    if (last !== null) {
      last.data += data;
      return;
    }
    const node = new PageNode("text", "", undefined, data);
    this.add(node);
    this.lastText = node;
  }

  ontext(start: number, end: number): void {
    this.addText(this.cut(start, end));
  }

  ontextentity(codePoint: number): void {
    this.addText(String.fromCodePoint(codePoint));
  }

  onopentagname(start: number, end: number): void {
    this.beginTag(this.name(start, end));
  }

  /** A tag begins: the elements it implies the end of are closed; its attributes follow. */
  private beginTag(name: string): void {
    const closes = OPEN_CLOSES.get(name);
    if (closes !== undefined) {
      while (this.open.length > 1 && closes.has((this.open[this.open.length - 1] as HtmlNode).tag)) this.closeElement();
    }
    if (!VOID.has(name)) {
      if (FOREIGN.has(name)) this.foreign.push(true);
      else if (HTML_INTEGRATION.has(name)) this.foreign.push(false);
    }
    this.tagName = name;
    this.attribs = {};
  }

  /** The tag's attributes are read: the element is added (and closed at once if void). */
  private endTag(): void {
    const name = this.tagName;
    if (this.attribs !== null) {
      this.openElement(name, this.attribs);
      this.attribs = null;
      if (VOID.has(name)) this.closeElement();
    }
    this.tagName = "";
  }

  onopentagend(): void {
    this.endTag();
  }

  onselfclosingtag(): void {
    const name = this.tagName;
    this.endTag();
    // `/>` closes the element only in foreign content (a void element is closed already)
    if (this.foreign[this.foreign.length - 1] === true && !VOID.has(name) && this.innermost() === name) this.closeElement();
  }

  private innermost(): string {
    return this.open.length > 1 ? (this.open[this.open.length - 1] as HtmlNode).tag : "";
  }

  onclosetag(start: number, end: number): void {
    const name = this.name(start, end);
    if (FOREIGN.has(name) || HTML_INTEGRATION.has(name)) {
      if (this.foreign.length > 0) this.foreign.pop();
    }
    if (!VOID.has(name)) {
      let at = this.open.length - 1;
      while (at > 0 && (this.open[at] as HtmlNode).tag !== name) at--;
      if (at > 0) {
        while (this.open.length > at) this.closeElement();
      } else if (name === "p") {
        // `</p>` with no open p: an empty p
        this.beginTag("p");
        this.endTag();
        if (this.innermost() === "p") this.closeElement();
      }
    } else if (name === "br") {
      // `</br>` reads as a `<br>`
      this.openElement("br", {});
      this.closeElement();
    }
  }

  onattribname(start: number, end: number): void {
    // (a name that is not a common one is not kept either: it is not even cut from the page)
    const name = commonName(this.source, start, end);
    this.keepAttrib = name !== undefined && KEPT_ATTRIBUTES.has(name);
    this.attribName = this.keepAttrib ? (name as string) : "";
  }

  onattribdata(start: number, end: number): void {
    if (this.keepAttrib) this.attribValue += this.cut(start, end);
  }

  onattribentity(codePoint: number): void {
    if (this.keepAttrib) this.attribValue += String.fromCodePoint(codePoint);
  }

  onattribend(): void {
    const attribs = this.attribs;
    // the first of two attributes of one name wins
    if (this.keepAttrib && attribs !== null && !Object.hasOwn(attribs, this.attribName)) attribs[this.attribName] = this.attribValue;
    this.attribValue = "";
  }

  oncomment(start: number, end: number, offset: number): void {
    this.add(new PageNode("comment", "", undefined, this.cut(start, end - offset)));
  }

  oncdata(start: number, end: number, offset: number): void {
    // HTML has no CDATA sections outside foreign content: read as a comment, as the parser does
    this.add(new PageNode("comment", "", undefined, `[CDATA[${this.cut(start, end - offset)}]]`));
  }

  ondeclaration(start: number, end: number): void {
    this.add(new PageNode("directive", "", undefined, `!${this.cut(start, end)}`));
  }

  onprocessinginstruction(start: number, end: number): void {
    this.add(new PageNode("directive", "", undefined, `?${this.cut(start, end)}`));
  }

  onend(): void {
    // the elements still open end with the page: the tree is complete as it stands
  }
}

/**
 * The document tree of a page, as htmlparser2 reads HTML (entities decoded, names lower-case). The
 * page may be given as its UTF-8 bytes: the tree is the same (see utf8-bytes.ts).
 */
export function parseDocument(page: string | Utf8Bytes): HtmlNode {
  return buildTree(page, Number.POSITIVE_INFINITY) as HtmlNode;
}

/** The tree, or null as soon as an element would nest deeper than `maxDepth`. */
function buildTree(page: string | Utf8Bytes, maxDepth: number): HtmlNode | null {
  const parser = new TreeParser(page, maxDepth);
  const tokenizer = new PageTokenizer({ xmlMode: false, decodeEntities: true }, parser);
  try {
    tokenizer.write(typeof page === "string" ? page : page.bytes);
    tokenizer.end();
  } catch (error) {
    if (error === TOO_DEEP) return null;
    throw error;
  }
  return parser.root;
}

/**
 * The page's tree and its main parts, or null when its elements nest deeper than `maxDepth`. The
 * parser's work per tag grows with the depth (it keeps its open elements in an array it shifts), so
 * a page built to nest absurdly deep is stopped at the limit, having cost at most that much per tag.
 */
export function parsePage(page: string | Utf8Bytes): ParsedPage;
export function parsePage(page: string | Utf8Bytes, maxDepth: number): ParsedPage | null;
export function parsePage(page: string | Utf8Bytes, maxDepth = Number.POSITIVE_INFINITY): ParsedPage | null {
  const document = buildTree(page, maxDepth);
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
