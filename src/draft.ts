/**
 * The draft: the working document every stage sees. It holds the raw input, the blocks found so far
 * (removed ones included, marked with why), the metadata, and the provenance of every change. Stages
 * change a draft only through its methods, so that nothing is removed or repaired without a record.
 */
import {
  type Article,
  type BlockType,
  type Flag,
  type Removal,
  type Repair,
  type SourceRef,
  bodyText,
} from "./article.ts";
import { wordCountUpTo } from "./text/measure.ts";

/** What a source read: the text of one article, or one HTML page, plus what the input said of it. */
export interface RawInput {
  kind: "text" | "html";
  content: string;
}

/** Why a block is gone: the stage and rule that removed it, and the category of boilerplate. */
export interface RemovalTag {
  stage: string;
  rule: string;
  category: string;
}

/** Facts about a block that later stages may weigh (where it came from, how link-heavy it was). */
export interface BlockHints {
  /** HTML tag the block came from (`p`, `li`, `h2` …), when it came from a page. */
  tag?: string;
  /** Share of the block's characters inside links, 0..1, when it came from a page. */
  linkDensity?: number;
  /** 0-based line in the text dump where the block starts. */
  line?: number;
  /** The block stood alone between blank lines (or was its own element). */
  standalone?: boolean;
  /** class/id words of the element and its ancestors, lower-cased, when it came from a page. */
  classes?: string;
  [key: string]: string | number | boolean | undefined;
}

export interface DraftBlock {
  /** Stable within a draft: blocks are never re-numbered, even when split or removed. */
  readonly id: number;
  type: BlockType;
  text: string;
  removed: RemovalTag | null;
  hints: BlockHints;
}

export interface DraftMeta {
  url: string | null;
  site: string | null;
  title: string | null;
  subtitle: string | null;
  authors: string[];
  publishedAt: string | null;
  language: string | null;
  truncated: boolean;
}

/** How a draft ended when it did not become an article. */
export interface Rejection {
  stage: string;
  reason: string;
  detail: string;
}

export interface DuplicateMark {
  of: string;
  similarity: number;
  method: string;
}

/** The serialisable state of a draft, for passing between threads and passes. */
export interface DraftState {
  id: string;
  source: SourceRef;
  raw: RawInput;
  meta: DraftMeta;
  blocks: DraftBlock[];
  nextBlockId: number;
  duplicates: string[];
  story: string | null;
  removed: Removal[];
  repaired: Repair[];
  flagged: Flag[];
  rejection: Rejection | null;
  duplicateOf: DuplicateMark | null;
}

export interface DraftInit {
  id: string;
  source: SourceRef;
  raw: RawInput;
  meta?: Partial<DraftMeta>;
}

const emptyMeta = (): DraftMeta => ({
  url: null,
  site: null,
  title: null,
  subtitle: null,
  authors: [],
  publishedAt: null,
  language: null,
  truncated: false,
});

export class Draft {
  readonly id: string;
  readonly source: SourceRef;
  readonly raw: RawInput;
  readonly meta: DraftMeta;
  readonly blocks: DraftBlock[];
  /** ids of the records dropped as duplicates of this one. */
  duplicates: string[];
  story: string | null;
  readonly removed: Removal[];
  readonly repaired: Repair[];
  readonly flagged: Flag[];
  rejection: Rejection | null;
  duplicateOf: DuplicateMark | null;
  private nextBlockId: number;
  /** The stage now working on the draft; set by the runner, recorded in every change. */
  stage = "input";
  /**
   * Word counts of blocks, by block id, with the text each was counted in: several stages count the
   * words of every block (boilerplate in full, templates up to a limit), and most texts are the same
   * by then. A count that reached its limit says only "at least this many". Not part of the state.
   */
  private readonly counted = new Map<number, { text: string; count: number; whole: boolean }>();
  /** The body `text()` gave last, and the texts of the blocks it joined (see `text`). */
  private body: { parts: string[]; text: string } | null = null;

  constructor(init: DraftInit) {
    this.id = init.id;
    this.source = init.source;
    this.raw = init.raw;
    this.meta = { ...emptyMeta(), ...init.meta };
    this.blocks = [];
    this.duplicates = [];
    this.story = null;
    this.removed = [];
    this.repaired = [];
    this.flagged = [];
    this.rejection = null;
    this.duplicateOf = null;
    this.nextBlockId = 0;
  }

  static fromState(state: DraftState): Draft {
    const draft = new Draft({ id: state.id, source: state.source, raw: state.raw, meta: state.meta });
    // (appended one by one: spread into a call, 150,000 removals overflowed the stack)
    for (const block of state.blocks) draft.blocks.push(block);
    draft.nextBlockId = state.nextBlockId;
    draft.duplicates = state.duplicates;
    draft.story = state.story;
    for (const removal of state.removed) draft.removed.push(removal);
    for (const repair of state.repaired) draft.repaired.push(repair);
    for (const flag of state.flagged) draft.flagged.push(flag);
    draft.rejection = state.rejection;
    draft.duplicateOf = state.duplicateOf;
    return draft;
  }

  toState(): DraftState {
    return {
      id: this.id,
      source: this.source,
      raw: this.raw,
      meta: this.meta,
      blocks: this.blocks,
      nextBlockId: this.nextBlockId,
      duplicates: this.duplicates,
      story: this.story,
      removed: this.removed,
      repaired: this.repaired,
      flagged: this.flagged,
      rejection: this.rejection,
      duplicateOf: this.duplicateOf,
    };
  }

  /**
   * `wordCountUpTo(block.text, limit)`: counted once for a text, however many stages ask (a count
   * made up to a lower limit is made again).
   */
  wordsOf(block: DraftBlock, limit = Infinity): number {
    if (limit <= 0) return limit;
    const known = this.counted.get(block.id);
    if (known !== undefined && known.text === block.text && (known.whole || known.count >= limit)) return Math.min(known.count, limit);
    const count = wordCountUpTo(block.text, limit);
    this.counted.set(block.id, { text: block.text, count, whole: count < limit });
    return count;
  }

  /** Blocks still in the article, in reading order. */
  live(): DraftBlock[] {
    return this.blocks.filter((b) => b.removed === null);
  }

  /**
   * The body as it stands: live non-caption blocks joined by blank lines. Kept while the blocks that
   * make it are the same (each call walks the blocks to check: any stage may change a block's text,
   * type or removal, or the list itself): several stages read a draft's body in a row (quality, then
   * the features of dedupe and stories), and joining a 5 KB body each time was a fifth of what a
   * draft allocates in its first pass.
   */
  text(): string {
    const kept = this.body;
    if (kept !== null && sameParts(this.blocks, kept.parts)) return kept.text;
    const parts: string[] = [];
    for (const b of this.blocks) if (b.removed === null && b.type !== "caption") parts.push(b.text);
    const text = parts.join("\n\n");
    this.body = { parts, text };
    return text;
  }

  /** Appends a block (or inserts it after `after`). Empty text is ignored and returns null. */
  addBlock(type: BlockType, text: string, hints: BlockHints = {}, after?: DraftBlock): DraftBlock | null {
    const clean = text.trim();
    if (clean === "") return null;
    const block: DraftBlock = { id: this.nextBlockId++, type, text: clean, removed: null, hints };
    if (after) {
      const at = this.blocks.indexOf(after);
      if (at < 0) throw new Error(`addBlock: block ${after.id} is not in draft ${this.id}`);
      this.blocks.splice(at + 1, 0, block);
    } else {
      this.blocks.push(block);
    }
    return block;
  }

  /** Removes a block from the article, recording the stage, rule and category. */
  remove(block: DraftBlock, rule: string, category: string): void {
    if (block.removed) return;
    block.removed = { stage: this.stage, rule, category };
    this.removed.push({ stage: this.stage, rule, category, text: block.text });
  }

  /** Records the removal of text that is not (or no longer) a block: a prefix cut from a line, say. */
  noteRemoval(text: string, rule: string, category: string): void {
    const t = text.trim();
    if (t !== "") this.removed.push({ stage: this.stage, rule, category, text: t });
  }

  /**
   * Cuts the text between `start` and `end` out of a block (a breadcrumb glued to a title, a dateline
   * before the first sentence), recording what was cut as a removal. Cutting everything removes the
   * block.
   */
  cut(block: DraftBlock, start: number, end: number, rule: string, category: string): void {
    const piece = block.text.slice(start, end);
    const rest = (block.text.slice(0, start) + block.text.slice(end)).replace(/\s{2,}/g, " ").trim();
    if (piece.trim() === "") return;
    if (rest === "") {
      this.remove(block, rule, category);
      return;
    }
    this.noteRemoval(piece, rule, category);
    block.text = rest;
  }

  /**
   * Splits a block at `index`: the text from there on becomes a new block of `type` right after it
   * (a heading glued to the end of a paragraph). Recorded as a repair; returns the new block.
   */
  splitOff(block: DraftBlock, index: number, type: BlockType, rule: string, text?: string): DraftBlock | null {
    const head = block.text.slice(0, index).trim();
    const tail = (text ?? block.text.slice(index)).trim();
    if (head === "" || tail === "") return null;
    const context = block.text.slice(Math.max(0, index - 20));
    this.repaired.push({ stage: this.stage, rule, before: context, after: `${block.text.slice(Math.max(0, index - 20), index).trim()} ¶ [${type}] ${tail}` });
    block.text = head;
    return this.addBlock(type, tail, { ...block.hints }, block);
  }

  /** Changes a block's type (a paragraph that is really a heading), recorded as a repair. */
  retype(block: DraftBlock, type: BlockType, rule: string): void {
    if (block.type === type) return;
    this.repaired.push({ stage: this.stage, rule, before: `[${block.type}] ${block.text}`, after: `[${type}] ${block.text}` });
    block.type = type;
  }

  /**
   * Replaces every match of `pattern` (a global RegExp) in the block's text by what `replace` returns,
   * recording each change with the matched text as `before`. Returning the match unchanged (or
   * null) leaves it. Returns the number of changes made.
   */
  rewrite(
    block: DraftBlock,
    rule: string,
    pattern: RegExp,
    replace: (match: RegExpExecArray) => string | null,
  ): number {
    if (!pattern.global) throw new Error(`rewrite(${rule}): the pattern must have the g flag`);
    let changes = 0;
    let out = "";
    let last = 0;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(block.text); m !== null; m = pattern.exec(block.text)) {
      if (m[0] === "") {
        pattern.lastIndex++;
        continue;
      }
      const after = replace(m);
      if (after === null || after === m[0]) continue;
      out += block.text.slice(last, m.index) + after;
      last = m.index + m[0].length;
      this.repaired.push({ stage: this.stage, rule, before: m[0], after });
      changes++;
    }
    if (changes > 0) block.text = (out + block.text.slice(last)).trim();
    return changes;
  }

  /** Sets a block's whole text, recording before and after. */
  setText(block: DraftBlock, text: string, rule: string): void {
    const after = text.trim();
    if (after === block.text) return;
    if (after === "") {
      this.remove(block, rule, "empty");
      return;
    }
    this.repaired.push({ stage: this.stage, rule, before: block.text, after });
    block.text = after;
  }

  /** Sets a metadata field. Changing a value that was already set is recorded as a repair. */
  setMeta<K extends keyof DraftMeta>(key: K, value: DraftMeta[K], rule: string): void {
    const before = this.meta[key];
    if (JSON.stringify(before) === JSON.stringify(value)) return;
    const empty = before === null || (Array.isArray(before) && before.length === 0) || before === false;
    if (!empty) {
      this.repaired.push({ stage: this.stage, rule, before: `${key}: ${show(before)}`, after: `${key}: ${show(value)}` });
    }
    this.meta[key] = value;
  }

  /** Records a suspicion without acting on it: the text stays as it is. */
  flag(text: string, rule: string, note: string): void {
    this.flagged.push({ stage: this.stage, rule, text, note });
  }

  /** Marks the whole article rejected; a stage returns this to stop the article. */
  reject(reason: string, detail = ""): Rejection {
    this.rejection = { stage: this.stage, reason, detail };
    return this.rejection;
  }

  /** Marks the article a duplicate of another record (corpus stages only). */
  markDuplicate(of: string, similarity: number, method: string): void {
    this.duplicateOf = { of, similarity, method };
  }

  /** The article record: what is written to `articles.jsonl` (validated by the sink). */
  toArticle(): Article {
    const blocks = this.live().map((b) => ({ type: b.type, text: b.text }));
    return {
      id: this.id,
      source: this.source,
      url: this.meta.url,
      site: this.meta.site,
      title: this.meta.title,
      subtitle: this.meta.subtitle,
      authors: this.meta.authors,
      publishedAt: this.meta.publishedAt,
      language: this.meta.language,
      blocks,
      text: bodyText(blocks),
      truncated: this.meta.truncated,
      duplicates: [...this.duplicates].sort(),
      story: this.story,
      provenance: { removed: this.removed, repaired: this.repaired, flagged: this.flagged },
    };
  }
}

function show(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return value.join(", ");
  return String(value);
}

/** Whether the live non-caption blocks' texts are `parts`, in order (compared as the same strings). */
function sameParts(blocks: readonly DraftBlock[], parts: readonly string[]): boolean {
  let k = 0;
  for (const b of blocks) {
    if (b.removed !== null || b.type === "caption") continue;
    if (k === parts.length || parts[k] !== b.text) return false;
    k++;
  }
  return k === parts.length;
}
