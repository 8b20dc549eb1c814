/**
 * The lean tree that parse-page builds must have the structure htmlparser2's own DOM handler builds
 * from the same events: the same nodes, in the same places, with the same names, attributes (those
 * extraction reads) and text.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { Tokenizer, parseDocument as parseWithDomHandler } from "htmlparser2";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { type HtmlNode, KEPT_ATTRIBUTES, attr, childNodes } from "../../src/html/dom.ts";
import { COMMON_NAMES, parseDocument, parsePage } from "../../src/html/parse-page.ts";
import { PageTokenizer } from "../../src/html/tokenizer.ts";
import { Utf8Bytes } from "../../src/text/utf8-bytes.ts";
import { page } from "../support/pages.ts";

interface ReferenceNode {
  type: string;
  name?: string;
  attribs?: Record<string, string>;
  data?: string;
  children?: ReferenceNode[];
  parent: ReferenceNode | null;
  next: ReferenceNode | null;
}

/** One line per node, in document order: depth, type, tag, attributes, text. Iterative. */
function describeReference(root: ReferenceNode): string[] {
  const out: string[] = [];
  const stack: Array<[ReferenceNode, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [ReferenceNode, number];
    const isElement = node.type === "tag" || node.type === "script" || node.type === "style";
    const data = node.type === "directive" || node.type === "text" || node.type === "comment" ? node.data : undefined;
    // the lean tree keeps only the attributes extraction reads
    const attribs = isElement ? Object.fromEntries(Object.entries(node.attribs ?? {}).filter(([name]) => KEPT_ATTRIBUTES.has(name))) : undefined;
    out.push(JSON.stringify([depth, node.type, isElement ? node.name : "", attribs, data, node.next === null ? 0 : 1]));
    const kids = node.children ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i] as ReferenceNode, depth + 1]);
  }
  return out;
}

function describeLean(root: HtmlNode): string[] {
  const out: string[] = [];
  const stack: Array<[HtmlNode, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [HtmlNode, number];
    out.push(JSON.stringify([depth, node.type, node.tag, node.attribs, node.data, node.next === null ? 0 : 1]));
    const kids = childNodes(node);
    // Each child points back at its parent.
    for (const kid of kids) if (kid.parent !== node) throw new Error(`broken links under ${node.tag || node.type}`);
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i] as HtmlNode, depth + 1]);
  }
  return out;
}

/** Both from the page and from its UTF-8 bytes (when it has no lone surrogate, which UTF-8 cannot hold). */
function expectSameTree(html: string): void {
  const reference = describeReference(parseWithDomHandler(html) as unknown as ReferenceNode);
  const lean = describeLean(parseDocument(html));
  expect(lean).toEqual(reference);
  if (!/\p{Cs}/u.test(html)) expect(describeLean(parseDocument(new Utf8Bytes(Buffer.from(html, "utf8").toString("latin1"))))).toEqual(reference);
}

const TRICKY: Record<string, string> = {
  "implied closes": "<p>one<p>two<div>three<li>a<li>b</ul><table><tr><td>x<td>y<tr><td>z</table>",
  "stray end tags": "</p>text</br><b>bold</i>still</b></div>after",
  "entities split text": "<p>Tom &amp; Jerry &lt;3 &copy 2024 &notanentity; &#x41;&#66;</p><a title=\"a &amp; b &quot;c&quot;\" href=\"?x=1&y=2\">l</a>",
  "comments and CDATA": "<!-- a --><!-- b -->text<!--c--><![CDATA[raw < data]]><svg><![CDATA[in svg]]><path/></svg><!-- unclosed",
  "directives": "<?xml version=\"1.0\"?><!DOCTYPE html PUBLIC \"x\"><!doctype html><html><head></head><body>b</body></html>",
  "raw text elements": "<script>if (a < b && c > d) {}</scr + ipt></script><style>p > a { color: red }</style><title>A <b>title</b> &amp; more</title><textarea><p>not a tag</p></textarea>",
  "case and attributes": "<DIV CLASS=\"Big\" Id=x data-A='1' data-a=2 hidden>t</DIV><input disabled value=\"v\"><img src=a.jpg/>",
  "self closing outside foreign content": "<div/>inside?<span/>still</div><br/><hr/>",
  "foreign content": "<math><mi>x</mi></math><svg viewBox=\"0 0 1 1\"><foreignObject><p>html in svg</foreignObject><title>t</title></svg>",
  "text outside html": "before<html><body>in</body></html>after<p>late",
  "broken markup": "<div <p>odd</p> < notatag <a href=\"unclosed>link</a><b",
  "whitespace and unicode": "\n  <p>\u00a0 caf\u00e9 \u2014 \u{1F600} </p>\r\n\t",
  "self closing in and after foreign content": "<svg/><p/>x<g/>y</svg><svg><title/>t<desc><b/>z</desc><circle/><img/></svg><math><mi/>m</math><p/>after",
  "closing foreign elements never opened": "</svg><p>a</math>b</title><div><svg><p>c</div>d<br/>e",
  "odd entities": "<p>&#0;&#x110000;&#xD800;&#128;&#x80;&amp&ampx;&AMP;</p><a href=\"&#x110000;&notit;&copy\" title=&lt;x&gt;>a</a>",
  "repeated and odd attributes": "<div id=a ID=b id=\"c\" class class=x =y data-=z __proto__=p constructor=q>t</div><p title='it''s'>u</p>",
  "implied ends of forms, lists and tables": "<select><option>a<option>b<optgroup><option>c</select><dl><dt>t<dd>d<dt>t2</dl><table><thead><tr><th>h<tbody><tr><td>1<tfoot><tr><td>f</table><ruby>x<rt>a<rp>b</ruby><input><button><textarea>t</textarea>",
  "body and head implied": "<head><link rel=x><script>s</script><body><p>b</p>",
  "names and values beyond ASCII": "<DÏV CLÄSS=Ü data-É=\"É&amp;é\" tïtle=’>x</dïv><ΩMEGA>ω&eacute;ω</Ωmega><p title=“q”>“é&#xe9;&eacute”</p><é><!--ü--><!DOCTYPE ü><?ü?>é</é>",
};

describe("parseDocument builds the tree htmlparser2's DOM handler builds", () => {
  for (const [name, html] of Object.entries(TRICKY)) it(name, () => expectSameTree(html));

  it("on generated news pages", () => {
    for (const seed of [1, 2, 3]) expectSameTree(page(seed, 30_000));
  });

  it("on random markup", () => {
    const names = ["div", "p", "li", "td", "tr", "table", "svg", "math", "title", "b", "br", "img", "option", "select", "dd", "script", "textarea", "foreignObject", "BODY", "head"];
    const attrs = ["", " class=a", " id='x'", " title=\"a &amp; b\"", " href=?a=1&b=2", " hidden", " CLASS=B class=c"];
    const pieces = [
      ...names.map((n) => fc.constantFrom(`<${n}>`, `</${n}>`, `<${n}/>`)),
      fc.tuple(fc.constantFrom(...names), fc.constantFrom(...attrs)).map(([n, a]) => `<${n}${a}>`),
      fc.constantFrom("text", " ", "&amp;", "&lt;", "&#x41;", "&nbsp", "<!-- c -->", "<![CDATA[d]]>", "<!doctype html>", "<?pi x?>", "<", ">", "</", "&", "\u00e9"),
      fc.constantFrom("<Ä>", "</ä>", "<p Ä=ö>", "<b tïtle='’'>", "&é", "é&", "&amp;é", "“", "日本", "😀", "<é", "</é", "\u00a0", "=Ü"),
      fc.string({ maxLength: 6 }),
      fc.string({ unit: "grapheme", maxLength: 4 }),
    ];
    fc.assert(
      fc.property(fc.array(fc.oneof(...pieces), { maxLength: 60 }), (parts) => {
        expectSameTree(parts.join(""));
      }),
      { numRuns: 400 },
    );
  });

  it("with the common names (read without cutting them) in any case, and names one letter off them", () => {
    const variants = (name: string): string[] => [
      name,
      name.toUpperCase(),
      name.replace(/^./, (c) => c.toUpperCase()),
      `${name}x`,
      name.slice(0, -1) || "q",
      name.replace(/.$/, (c) => (c === "z" ? "y" : String.fromCharCode(c.charCodeAt(0) + 1))),
      `é${name}`,
    ];
    const names = COMMON_NAMES.flatMap(variants).filter((n) => /^[a-zé]/i.test(n));
    for (let i = 0; i < names.length; i += 20) {
      const part = names.slice(i, i + 20);
      expectSameTree(part.map((n, k) => `<${n} ${part[(k + 7) % part.length]}=v${k} ${n}>t${k}</${n}>`).join(""));
    }
  });

  it("on pages cut at arbitrary points (unbalanced markup)", () => {
    const html = page(7, 20_000);
    for (const at of [1, 17, 333, 1000, 4567, 9999, 15000]) expectSameTree(html.slice(0, at));
  });

  const wcxb = path.resolve(import.meta.dirname, "../../../shared/bench/wcxb-dev/html");
  it.skipIf(!existsSync(wcxb))("on real pages of the WCXB set (skipped when ../shared/bench/wcxb-dev is absent)", () => {
    const files = readdirSync(wcxb).filter((f) => f.endsWith(".html.gz")).sort().slice(0, 40);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expectSameTree(gunzipSync(readFileSync(path.join(wcxb, f))).toString("utf8"));
  });
});

describe("the page tokenizer", () => {
  it("skips through text and attribute values itself (htmlparser2's internals it relies on are there)", () => {
    // if an update of htmlparser2 renamed them, the tokenizer would still work, only slower: this says so
    expect(Object.hasOwn(PageTokenizer.prototype, "stateText")).toBe(true);
    expect(Object.hasOwn(PageTokenizer.prototype, "handleInAttributeValue")).toBe(true);
    expect(Object.hasOwn(PageTokenizer.prototype, "stateBeforeTagName")).toBe(true);
  });

  it("looks for the end of a run of text or of a value once, however many entities the run holds", () => {
    // Looking again after every `&` made a long run with many entities quadratic: a 6.6 MB page with
    // 240,000 of them took 24 s to extract, 0.3 s with each position remembered.
    const run = "a &amp; b &lt; c ".repeat(2000);
    const sought: string[] = [];
    const indexOf = String.prototype.indexOf;
    const spy = vi.spyOn(String.prototype, "indexOf").mockImplementation(function (this: string, search: string, from?: number) {
      if (this.length > run.length) sought.push(search);
      return indexOf.call(this, search, from);
    });
    try {
      parseDocument(`<p>${run}</p><a title="${run}" href='${run}'>x</a>`);
    } finally {
      spy.mockRestore();
    }
    expect(sought.filter((c) => c === "&").length).toBeGreaterThanOrEqual(3 * 4000);
    expect(sought.filter((c) => c === "<").length).toBeLessThanOrEqual(4);
    expect(sought.filter((c) => c === '"' || c === "'").length).toBeLessThanOrEqual(4);
  });

  it("builds the same tree around long texts and values, with entities and quotes anywhere in them", () => {
    const long = "word ".repeat(400);
    expectSameTree(`<p>${long}&amp;${long}<b>x</b>${long}&lt</p><a title="${long}&quot;${long}" data-x='${long}"&amp;${long}'>${long}</a>${long}`);
    expectSameTree(`<p>a & b &amp c < d &lt; e</p><p title="a & b &#34; c ' d">x</p><p title='"&' >y`);
    // the ends of scripts, styles, comments and declarations, with near misses before them
    expectSameTree(`<script>${long}if (a < b) x = "</scr" + "ipt>"; <\/script> </SCRIPTX ${long}</script ><style>${long} a > b {} </styl </style>`);
    expectSameTree(`<!-- ${long} - -- -> --!> ${long} --><!DOCTYPE ${long} x><?pi ${long} ?><![CDATA[ ${long} ]] ]]><title>${long}&amp;</title x>t`);
  });
});

/** Every event a tokenizer gives for `html`, with its arguments, in order. */
function events(make: (callbacks: ConstructorParameters<typeof Tokenizer>[1]) => Tokenizer, html: string): string[] {
  const out: string[] = [];
  const callbacks = new Proxy({} as ConstructorParameters<typeof Tokenizer>[1], {
    get: (_, name) => (...args: unknown[]) => out.push(`${String(name)}(${args.join(",")})`),
  });
  const tokenizer = make(callbacks);
  tokenizer.write(html);
  tokenizer.end();
  return out;
}

function expectSameEvents(html: string): void {
  const options = { xmlMode: false, decodeEntities: true };
  expect(events((cbs) => new PageTokenizer(options, cbs), html)).toEqual(events((cbs) => new Tokenizer(options, cbs), html));
}

describe("the page tokenizer gives htmlparser2's tokenizer's events, at the same offsets", () => {
  // Tags are where it reads ahead on its own (readTag): every way a tag can be written, cut anywhere.
  const names = ["a", "div", "P", "span", "strong", "style", "script", "sc", "st", "s", "t", "td", "title", "textarea", "time", "xmp", "x", "xi", "é", "svg", "br", "img"];
  const space = fc.constantFrom("", " ", "  ", "\n", "\t", "\f", "\r\n");
  const attrName = fc.constantFrom("class", "id", "HREF", "data-x", "=", "'", '"', "a/b", "é", "x<y", "&", "b&amp;");
  const value = fc.constantFrom("", "v", "a b", "&amp;", "x&y", "&", "/", ">", "a>b", "'", '"', "é", "&#x41;", "a=b");
  const attribute = fc.oneof(
    fc.tuple(space, attrName).map(([s, n]) => ` ${s}${n}`),
    fc.tuple(space, attrName, space, space, value).map(([s, n, s1, s2, v]) => ` ${s}${n}${s1}=${s2}"${v.replaceAll('"', "")}"`),
    fc.tuple(space, attrName, space, space, value).map(([s, n, s1, s2, v]) => ` ${s}${n}${s1}=${s2}'${v.replaceAll("'", "")}'`),
    fc.tuple(space, attrName, space, space, value).map(([s, n, s1, s2, v]) => ` ${s}${n}${s1}=${s2}${v}`),
    fc.tuple(space, attrName).map(([s, n]) => ` ${s}${n}=`),
  );
  const openTag = fc
    .tuple(fc.constantFrom(...names), fc.array(attribute, { maxLength: 4 }), space, fc.constantFrom("", "/", "//"), space, fc.constantFrom(">", "x>", ""))
    .map(([n, attrs, s, slash, s1, end]) => `<${n}${attrs.join("")}${s}${slash}${s1}${end}`);
  const closeTag = fc.tuple(fc.constantFrom(...names), space, fc.constantFrom(">", "", " x>", "/>")).map(([n, s, end]) => `</${n}${s}${end}`);
  const other = fc.constantFrom("text", " ", "&amp;", "<", "</", "</>", "< a>", "<!-- c -->", "<!x>", "<?p?>", "</1>", "&", "é");

  it("on random tags, with text, entities and odd markup between them, cut anywhere", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(openTag, closeTag, other), { maxLength: 20 }), fc.nat(), (parts, cut) => {
        const html = parts.join("");
        expectSameEvents(html);
        expectSameEvents(html.slice(0, cut % (html.length + 1)));
      }),
      { numRuns: 3000 },
    );
  });

  it("on generated news pages and the tricky cases", () => {
    for (const seed of [1, 2, 3]) expectSameEvents(page(seed, 30_000));
    for (const html of Object.values(TRICKY)) expectSameEvents(html);
  });
});

describe("parsePage", () => {
  it("finds html, head and body", () => {
    const page = parsePage("<html lang=en><head><title>t</title></head><body><p>x</p></body></html>");
    expect(page.html?.tag).toBe("html");
    expect(page.head?.tag).toBe("head");
    expect(page.body.tag).toBe("body");
    expect(page.body.firstChild?.tag).toBe("p");
  });

  it("falls back to the document when there is no html element", () => {
    const page = parsePage("just text");
    expect(page.html).toBeNull();
    expect(page.body).toBe(page.document);
    expect(page.document.type).toBe("root");
  });
});

describe("the attributes a tree keeps", () => {
  it("are those extraction reads, decoded as htmlparser2 decodes them; asking for another is an error", () => {
    const html = `<html lang="fr"><body><div class="a&amp;b" data-x="1" id=main onclick="go()"><a href="/x?a=1&amp;b=2" rel=author target=_blank>x</a><img src=a.png alt="A"></div></body></html>`;
    const find = (node: HtmlNode, tag: string): HtmlNode | null => {
      if (node.tag === tag) return node;
      for (const kid of childNodes(node)) {
        const found = find(kid, tag);
        if (found) return found;
      }
      return null;
    };
    const root = parseDocument(html);
    expect((find(root, "html") as HtmlNode).attribs).toEqual({ lang: "fr" });
    const div = find(root, "div") as HtmlNode;
    expect(div.attribs).toEqual({ class: "a&b", id: "main" });
    expect((div.firstChild as HtmlNode).attribs).toEqual({ href: "/x?a=1&b=2", rel: "author" });
    expect((div.firstChild?.next as HtmlNode).attribs).toEqual({});
    expect(attr(div, "class")).toBe("a&b");
    expect(() => attr(div, "data-x")).toThrow(/does not keep the attribute "data-x"/);
  });
});
