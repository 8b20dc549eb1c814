/**
 * Threads of records in a whole-page dump: comments, teasers of other stories, search results. Each
 * record opens with a short stamped line ("Ana on May 2, 2018 at 10:05 pm said:", "2 days ago at
 * 07:52 am", "19 November 2019 | Sport") of one make, and other lines stand between those stamps.
 * The article is not one of the records: its region never runs across a stamp of a thread.
 */

/** A time of day: "4:47", "14h30". */
const TIME = /(?:^|[^\d:])\d{1,2}(?::|h)\d{2}(?![\d:])/;
/** A whole date: "2018-09-12", "12.09.2018", "September 12, 2018", "12 de setembro de 2018", "12. Sep 2018". */
const DATE = /\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}(?:st|nd|rd|th)?\.?\s+(?:\p{L}{1,3}\s+)?\p{L}{3,}\.?,?\s+(?:\p{L}{1,3}\s+)?\d{4}\b|\b\p{L}{3,}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b/u;
/** The line carries a time of day or a whole date. */
export function carriesDate(text: string): boolean {
  return TIME.test(text) || DATE.test(text);
}

/** A run of words (any case) in a line shape, with what joins them inside a name. */
const WORD_RUN = /[Aa](?:[\s'’&-]+[Aa])*/g;

/** Most words a stamp line has: a comment's author, date and "said:", not a sentence. */
const MAX_STAMP_WORDS = 16;

/**
 * The line's stamp key: its shape with each run of words taken as one ("Ana Lee on" and "Bo on" are
 * alike) and brackets dropped, when the line carries a time of day or a whole date.
 * Null for any other line.
 */
export function stampKey(text: string, shape: string): string | null {
  if (text.length > 160 || !TIME.test(text)) return null;
  if (text.split(" ").length > MAX_STAMP_WORDS) return null;
  return shape.replace(/[()[\]{}"“”«»]/g, "").replace(WORD_RUN, "w").replace(/\s+/g, " ").trim();
}

/**
 * Which lines are the stamps of a thread: a chain of at least `minRecords` lines of one stamp key,
 * each at most `maxGap` lines after the one before, with other lines between them (a list of dates
 * one under another is a table, not a thread), mostly different from each other (one caption under
 * every picture is not a thread). The article's own date line, printed again far below, is no chain.
 */
export function threadStamps(texts: readonly string[], shapes: readonly string[], minRecords = 3, maxGap = 20): boolean[] {
  const at = new Map<string, number[]>();
  texts.forEach((t, i) => {
    const key = stampKey(t, shapes[i] as string);
    if (key === null) return;
    const list = at.get(key);
    if (list) list.push(i);
    else at.set(key, [i]);
  });
  const stamps = new Array<boolean>(texts.length).fill(false);
  const mark = (chain: number[]): void => {
    if (chain.length < minRecords) return;
    const distinct = new Set(chain.map((i) => texts[i])).size;
    if (distinct * 3 < chain.length * 2) return;
    for (const i of chain) stamps[i] = true;
  };
  for (const lines of at.values()) {
    if (lines.length < minRecords) continue;
    let chain: number[] = [];
    for (const i of lines) {
      const last = chain[chain.length - 1];
      if (last !== undefined && (i - last < 2 || i - last > maxGap)) {
        mark(chain);
        chain = [];
      }
      chain.push(i);
    }
    mark(chain);
  }
  return stamps;
}
