/**
 * The few facts about parsed HTML nodes that extraction reads. Nodes are built by parse-page.ts from
 * htmlparser2's events, with only these fields, all of them always present (so that the walks over
 * them see one shape of object). Every walk over nodes in this folder is iterative, so that absurdly
 * deep pages cannot overflow the stack.
 */
export interface HtmlNode {
  /** "root", "tag", "script", "style", "text", "comment", "directive" or "cdata". */
  type: string;
  parent: HtmlNode | null;
  /** Element tag name, lower-case (elements, script and style nodes); "" for any other node. */
  tag: string;
  /** The attributes of an element that extraction reads (names lower-case; see KEPT_ATTRIBUTES); undefined for any other node. */
  attribs: Record<string, string> | undefined;
  /** The first child (of the root, an element or a CDATA section), or null. */
  firstChild: HtmlNode | null;
  /** The next sibling, or null. */
  next: HtmlNode | null;
  /** Text of text and comment nodes (the raw text of a directive); undefined otherwise. */
  data: string | undefined;
}

/**
 * The attributes the tree keeps: those extraction reads (`attr` and `hintWords` below, linearise's
 * hidden and style, page-signals' meta, link, script, time, html and byline reads, main-content's
 * itemprop). The others (data-*, src, srcset, alt, width, aria-*, on*...) are most of a real page's
 * attributes; parse-page.ts skips them, and does not even cut their values from the page (300 real
 * pages, WCXB, parsed and extracted: 2.39-2.51 -> 2.30-2.42 ms a page). `attr` refuses a name not
 * listed here, so that a new reader is caught by the tests rather than reading nothing; page-signals
 * reads an element's record directly, so a name it starts to read must be added here by hand.
 */
export const KEPT_ATTRIBUTES: ReadonlySet<string> = new Set([
  "class", "id", "role", "hidden", "style", "href", "rel", "itemprop", "content", "property", "name", "http-equiv", "type",
  "datetime", "lang", "xml:lang",
]);

export function isElement(node: HtmlNode): boolean {
  return node.tag !== "";
}

export function tagOf(node: HtmlNode): string {
  return node.tag;
}

/** An attribute of an element; only those the tree keeps can be asked for. */
export function attr(node: HtmlNode, name: string): string | undefined {
  if (!KEPT_ATTRIBUTES.has(name)) throw new Error(`the page tree does not keep the attribute "${name}" (see KEPT_ATTRIBUTES)`);
  return node.attribs?.[name];
}

/** Lower-case class, id and role words of one element (underscores read as hyphens). */
export function hintWords(node: HtmlNode): string {
  const a = node.attribs;
  if (!a) return "";
  const cls = a.class;
  const id = a.id;
  const role = a.role;
  if (cls === undefined && id === undefined && role === undefined) return "";
  const raw = role === undefined ? `${cls ?? ""} ${id ?? ""}`.trim() : `${cls ?? ""} ${id ?? ""} ${role}`.trim();
  if (raw === "") return "";
  const lower = raw.toLowerCase();
  return lower.includes("_") ? lower.replace(/_/g, "-") : lower;
}

/** The children of a node, in order. */
export function childNodes(node: HtmlNode): HtmlNode[] {
  const out: HtmlNode[] = [];
  for (let c = node.firstChild; c !== null; c = c.next) out.push(c);
  return out;
}

/**
 * Calls `visit` on every node under `root` (root included) in document order, skipping the
 * children of a node for which it returns false. Follows child, sibling and parent links: no
 * recursion, no stack.
 */
export function walk(root: HtmlNode, visit: (node: HtmlNode) => boolean | void): void {
  let node: HtmlNode | null = root;
  while (node !== null) {
    const first: HtmlNode | null = visit(node) === false ? null : node.firstChild;
    if (first !== null) {
      node = first;
      continue;
    }
    while (node !== null && node !== root && node.next === null) node = node.parent;
    node = node === null || node === root ? null : node.next;
  }
}

/** All elements with a given tag under root, in document order. */
export function elementsByTag(root: HtmlNode, tags: ReadonlySet<string>): HtmlNode[] {
  const found: HtmlNode[] = [];
  walk(root, (node) => {
    if (tags.has(node.tag)) found.push(node);
  });
  return found;
}

const SKIP_TEXT = new Set(["script", "style", "noscript", "template"]);

/** The text under a node, whitespace collapsed; script and style text is left out. */
export function textOf(root: HtmlNode): string {
  const parts: string[] = [];
  walk(root, (node) => {
    if (node.type === "text") parts.push(node.data ?? "");
    else if (SKIP_TEXT.has(node.tag) || node.type === "comment") return false;
    else if (node.tag === "br") parts.push(" ");
  });
  return collapse(parts.join(""));
}

/** A run of two or more whitespace characters, or one that is not a space: what `collapse` makes a space. */
const LOOSE_SPACE = /\s{2,}|[^\S ]/g;

/**
 * The text with each run of whitespace made one space, and none at either end; whitespace alone
 * becomes "". Text that is already so (most of it) goes through without a match. (One native scan:
 * a loop over the characters that only checked first took twice as long, measured on the text nodes
 * of real pages.)
 */
export function collapse(text: string): string {
  return text.replace(LOOSE_SPACE, " ").trim();
}
