/**
 * The few facts about parsed HTML nodes that extraction reads. Nodes come from cheerio's parser;
 * this local view keeps the rest of the code independent of its internals. Every walk over nodes in
 * this folder is iterative, so that absurdly deep pages cannot overflow the stack.
 */
export interface HtmlNode {
  type: string;
  parent: HtmlNode | null;
  /** Element tag name, lower-case (elements, script and style nodes only). */
  name?: string;
  attribs?: Record<string, string>;
  children?: HtmlNode[];
  /** The next sibling. */
  next?: HtmlNode | null;
  /** Text of text and comment nodes. */
  data?: string;
}

export function isElement(node: HtmlNode): boolean {
  return (node.type === "tag" || node.type === "script" || node.type === "style") && typeof node.name === "string";
}

export function tagOf(node: HtmlNode): string {
  return isElement(node) ? (node.name ?? "").toLowerCase() : "";
}

export function attr(node: HtmlNode, name: string): string | undefined {
  return node.attribs?.[name];
}

/** Lower-case class, id and role words of one element (underscores read as hyphens). */
export function hintWords(node: HtmlNode): string {
  const a = node.attribs;
  if (!a) return "";
  const raw = a.role === undefined ? `${a.class ?? ""} ${a.id ?? ""}`.trim() : `${a.class ?? ""} ${a.id ?? ""} ${a.role}`.trim();
  return raw === "" ? "" : raw.toLowerCase().replace(/_/g, "-");
}

/** Calls `visit` on every node under `root` (root included) in document order, without recursion. */
export function walk(root: HtmlNode, visit: (node: HtmlNode) => boolean | void): void {
  const stack: HtmlNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as HtmlNode;
    if (visit(node) === false) continue;
    const kids = node.children;
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as HtmlNode);
  }
}

/** All elements with a given tag under root, in document order. */
export function elementsByTag(root: HtmlNode, tags: ReadonlySet<string>): HtmlNode[] {
  const found: HtmlNode[] = [];
  walk(root, (node) => {
    if (tags.has(tagOf(node))) found.push(node);
  });
  return found;
}

const SKIP_TEXT = new Set(["script", "style", "noscript", "template"]);

/** The text under a node, whitespace collapsed; script and style text is left out. */
export function textOf(root: HtmlNode): string {
  const parts: string[] = [];
  walk(root, (node) => {
    if (node.type === "text") parts.push(node.data ?? "");
    else if (SKIP_TEXT.has(tagOf(node)) || node.type === "comment") return false;
    else if (tagOf(node) === "br") parts.push(" ");
  });
  return collapse(parts.join(""));
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
