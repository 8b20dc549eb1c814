/**
 * The head of a text dump: breadcrumb, title (once, however often it was printed), byline, date line,
 * a bracketed dateline before the first sentence, and the standfirst. What belongs in the record's
 * fields moves there; the blocks it came from are removed with the category "metadata" (or
 * "navigation" / "cms-account" when it was junk), so the provenance shows where each field came from.
 */
import type { Draft, DraftBlock } from "../draft.ts";
import { findDate } from "../text/dates.ts";
import { endsLikeSentence, fold, foldsLongerThan, sentenceCount, wordCount, wordCountUpTo } from "../text/measure.ts";

export interface HeaderOptions {
  maxTitleWords: number;
  subtitleRatio: number;
  cmsAccounts: readonly string[];
  /** How many blocks at the top are searched for title, byline and date. */
  headDepth: number;
}

const BREADCRUMB_HEAD = /^(?:home|homepage|start|accueil|inicio|startseite|inizio|início|главная)\b/i;
const BREADCRUMB_SEP = /\s*(?:»|›|>|\/|\||→|::)\s*/;

/** Body-like: a block of prose that shows the head of the dump is over. */
function isBody(block: DraftBlock): boolean {
  return block.type === "paragraph" && wordCountUpTo(block.text, 20) >= 20 && endsLikeSentence(block.text);
}

export function headBlocks(draft: Draft, depth: number): DraftBlock[] {
  const live = draft.live();
  const head: DraftBlock[] = [];
  for (const b of live.slice(0, depth)) {
    if (isBody(b)) break;
    head.push(b);
  }
  return head;
}

/**
 * A breadcrumb: "Home » Section » Title" or "Home Section — Title". When a title printed elsewhere
 * at the top ends the breadcrumb, only the navigation before it is cut.
 */
export function stripBreadcrumb(draft: Draft, head: DraftBlock[]): void {
  for (const block of head) {
    if (!BREADCRUMB_HEAD.test(block.text)) continue;
    const others = head.filter((b) => b !== block && b.removed === null);
    const suffix = others.find((o) => o.text.length >= 15 && block.text.endsWith(o.text) && block.text.length > o.text.length);
    if (suffix) {
      draft.cut(block, 0, block.text.length - suffix.text.length, "breadcrumb", "navigation");
      continue;
    }
    const parts = block.text.split(BREADCRUMB_SEP);
    // "Home Depot shares fall | Site" is a page title: in a trail, the first crumb is the home link alone.
    if (parts.length >= 2 && wordCount(parts[0] as string) > 2) continue;
    if (parts.length >= 2) {
      const last = parts[parts.length - 1] as string;
      // "Home » World » Long headline of the story": the last crumb is the title.
      if (wordCount(last) >= 5 && !draft.meta.title) {
        draft.cut(block, 0, block.text.length - last.length, "breadcrumb", "navigation");
      } else {
        draft.remove(block, "breadcrumb", "navigation");
      }
    } else if (wordCount(block.text) <= 6) {
      draft.remove(block, "breadcrumb", "navigation");
    }
  }
}

export function titleShaped(text: string, maxWords: number): boolean {
  const n = wordCountUpTo(text, maxWords + 1);
  if (n < 2 || n > maxWords || text.length > 250) return false;
  if (endsLikeSentence(text) && !/[?!]["”’]?$/.test(text)) return false;
  return /^["“‘'(]?[\p{Lu}\p{N}]/u.test(text);
}

/** The title: the line printed more than once at the top, else a title-shaped first line. */
export function takeTitle(draft: Draft, head: DraftBlock[], options: HeaderOptions, isJunk: (text: string) => boolean = () => false): void {
  const live = head.filter((b) => b.removed === null);
  const known = draft.meta.title ? fold(draft.meta.title) : null;
  // Each text is folded once, however often it is compared below.
  const folds = new Map<string, string>();
  const folded = (text: string): string => {
    let f = folds.get(text);
    if (f === undefined) folds.set(text, (f = fold(text)));
    return f;
  };
  const counts = new Map<string, number>();
  for (const b of live) counts.set(folded(b.text), (counts.get(folded(b.text)) ?? 0) + 1);
  let title: string | null = known;
  if (!title) {
    const repeated = live.find((b) => (counts.get(folded(b.text)) ?? 0) > 1 && titleShaped(b.text, options.maxTitleWords * 2) && !isJunk(b.text));
    // The first title-shaped line of the head: share counters or a lone "Home" may stand above it.
    const first = live.find((b) => b.type !== "caption" && titleShaped(b.text, options.maxTitleWords) && !isJunk(b.text));
    const candidate = repeated ?? first;
    if (candidate) {
      draft.setMeta("title", candidate.text, "title-line");
      title = folded(candidate.text);
    }
  }
  if (!title) return;
  let seen = false;
  for (const b of draft.live().slice(0, options.headDepth + 2)) {
    // (a paragraph with more letters and digits than the folded title has is not folded to be compared)
    if (foldsLongerThan(b.text, title.length) || folded(b.text) !== title) continue;
    draft.remove(b, seen ? "repeated-title" : "title-line", seen ? "repeated-title" : "metadata");
    seen = true;
  }
}

export const BYLINE = /^(?:by|written by|posted by|author:?|reporter:?|words by|von|par|por|di|door)\s+(.{2,100})$/i;
const ROLE = /\b(?:staff|writer|reporter|correspondent|editor|contributor|columnist|journalist|news desk)\b.*$/i;

/** The byline: real names go to `authors`; a CMS account (admin, editor …) is dropped. */
export function takeByline(draft: Draft, head: DraftBlock[], options: HeaderOptions): void {
  const cms = new Set(options.cmsAccounts.map((a) => a.toLowerCase()));
  for (const block of head) {
    if (block.removed) continue;
    const m = BYLINE.exec(block.text);
    if (!m || wordCountUpTo(block.text, 15) > 14) continue;
    const names = (m[1] as string)
      .replace(/\s*[|•·–—-]\s*.*$/, "")
      .split(/\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b)\s*/i)
      .map((n) => n.trim())
      .filter((n) => n !== "");
    const accounts = names.filter((n) => cms.has(n.toLowerCase()) || /^(?:user|admin)\d*$/i.test(n));
    if (accounts.length === names.length) {
      draft.remove(block, "cms-byline", "cms-account");
      continue;
    }
    const people = names.filter((n) => !accounts.includes(n)).map((n) => n.replace(ROLE, "").trim()).filter(isPersonName);
    if (people.length === 0) continue;
    if (draft.meta.authors.length === 0) draft.setMeta("authors", people, "byline");
    draft.remove(block, "byline", "metadata");
  }
}

/** Two to five capitalised words, maybe with particles (van, de, bin) and initials. */
export function isPersonName(text: string): boolean {
  const parts = text.split(/\s+/);
  if (parts.length < 2 || parts.length > 5) return false;
  return parts.every((p) => /^(?:\p{Lu}[\p{L}'’.-]*|van|von|de|da|del|der|di|la|le|bin|al|el|ibn)$/u.test(p));
}

/** A line that is only a date (maybe "Published", "Updated", a time): the publication date. */
export function takeDateLine(draft: Draft, head: DraftBlock[]): void {
  for (const block of head) {
    if (block.removed || wordCountUpTo(block.text, 13) > 12) continue;
    const found = findDate(block.text);
    if (!found) continue;
    const rest = block.text.replace(found.text, "").replace(/\b(?:published|updated|posted|on|at|am|pm|gmt|utc|[ap]\.m\.|\d{1,2}:\d{2})\b|[:|,–—-]/gi, "").trim();
    if (rest.length > 12) continue;
    if (!draft.meta.publishedAt) draft.setMeta("publishedAt", found.iso, "date-line");
    draft.remove(block, "date-line", "metadata");
  }
}

/**
 * A bracketed dateline before the first sentence: "[Site, January 13, 2023](Report by reporter
 * Name) Text…". Site, date and reporter go to the record; the prefix is cut from the paragraph.
 */
export function takeDatelinePrefix(draft: Draft, depth: number): void {
  for (const block of draft.live().slice(0, depth)) {
    const m = /^[[【(]([^\]】)]{4,120})[\]】)]\s*(?:[(（]([^)）]{2,200})[)）])?\s*/u.exec(block.text);
    if (!m) continue;
    const inside = m[1] as string;
    const found = findDate(inside);
    if (!found) continue;
    const site = inside.slice(0, found.index).replace(/[\s,;:|–—-]+$/u, "").trim();
    if (site && !draft.meta.site && wordCount(site) <= 6) draft.setMeta("site", site, "dateline");
    if (!draft.meta.publishedAt) draft.setMeta("publishedAt", found.iso, "dateline");
    const name = reporterIn(m[2] ?? "");
    if (name && draft.meta.authors.length === 0) draft.setMeta("authors", [name], "dateline");
    draft.cut(block, 0, m[0].length, "dateline", "metadata");
    return;
  }
}

/**
 * The reporter named in a credit: "report by Chinese reporter Cheng Wen", "Reported by Mekong
 * Herald correspondent Somchai Vongsa". A role word (reporter, correspondent) is nearer the name
 * than "by", which may be followed by the outlet.
 */
function reporterIn(credit: string): string | null {
  const NAME = "((?:\\p{Lu}[\\p{L}'’-]+ ?){2,4})";
  for (const lead of ["(?:reporter|correspondent|journalist|writer|Korrespondent|correspondant|corresponsal)", "(?:by|von|par|por)"]) {
    const re = new RegExp(`\\b${lead}\\s+${NAME}`, "gu");
    const names = [...credit.matchAll(re)].map((m) => (m[1] as string).trim()).filter(isPersonName);
    if (names.length > 0) return names[names.length - 1] as string;
  }
  return null;
}

/**
 * A wire dateline before the first sentence: "LAGOS, 14 June 2023 —", "TALLINN, April 9 (Reuters) -".
 * The city in capitals, maybe a date and an agency, then a dash. The date goes to the record when it
 * has a year; the prefix is cut from the paragraph.
 */
export function takeWireDateline(draft: Draft, depth: number): void {
  const re = /^(\p{Lu}[\p{Lu}'’.-]+(?: \p{Lu}[\p{Lu}'’.-]+){0,3})(?:, [\p{L}.]+(?: [\p{L}.]+)?)?,? ?([^—–(]{0,30}?)? ?(?:\(([^)]{2,40})\))? ?[—–-]{1,2} (?=["“‘]?\p{Lu})/u;
  for (const block of draft.live().slice(0, depth)) {
    if (block.type !== "paragraph") continue;
    const m = re.exec(block.text);
    if (!m) continue;
    const city = m[1] as string;
    if (city.replace(/[^\p{Lu}]/gu, "").length < 3) continue;
    const datePart = (m[2] ?? "").trim();
    if (datePart !== "" && !/\d/.test(datePart)) continue;
    const found = datePart ? findDate(datePart) : null;
    if (found && !draft.meta.publishedAt) draft.setMeta("publishedAt", found.iso, "wire-dateline");
    draft.cut(block, 0, m[0].length, "wire-dateline", "metadata");
    return;
  }
}

/**
 * The standfirst: one sentence right under the title, clearly shorter than the paragraphs that
 * follow. It goes to `subtitle`.
 */
export function takeSubtitle(draft: Draft, options: HeaderOptions, isJunk: (text: string) => boolean = () => false): void {
  if (!draft.meta.title || draft.meta.subtitle) return;
  const live = draft.live();
  const titleLine = draft.blocks.find((b) => b.removed?.rule === "title-line");
  if (!titleLine) return;
  // It must be the first block after the title line, and sit right under it in the dump.
  const first = draft.blocks.slice(draft.blocks.indexOf(titleLine) + 1).find((b) => b.removed === null);
  if (!first || first !== live[0] || first.type !== "paragraph") return;
  if (titleLine.hints.line !== undefined && first.hints.line !== undefined && first.hints.line - titleLine.hints.line > 2) return;
  const n = wordCountUpTo(first.text, 61);
  if (n < 6 || n > 60 || sentenceCount(first.text) > 1) return;
  // A standfirst sums up; it does not quote anyone.
  if (/["“”„«»]/u.test(first.text) || /\b(?:said|says|saying|told|telling|according to|announced on)\b/i.test(first.text)) return;
  // ... and it rarely says when: a news lede does ("on Tuesday", "yesterday").
  if (/\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|tonight|this (?:week|morning)|last (?:week|night|month))\b/i.test(first.text)) return;
  const rest = live.slice(1).filter((b) => b.type === "paragraph").map((b) => b.text.length);
  if (rest.length < 3) return;
  const median = [...rest].sort((a, b) => a - b)[Math.floor(rest.length / 2)] as number;
  // Clearly shorter than the paragraphs, or than the one it stands above.
  if (first.text.length > options.subtitleRatio * Math.max(median, rest[0] as number)) return;
  // The rule table last: the tests above are cheaper, and most first paragraphs fail one of them.
  if (isJunk(first.text)) return;
  draft.setMeta("subtitle", first.text, "standfirst");
  draft.remove(first, "standfirst", "metadata");
}
