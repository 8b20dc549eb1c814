/**
 * The shape of a line: its words reduced to their case class and its numbers to one digit, with the
 * punctuation kept. "joe123 says:" and "Mary says:" differ; "November 19, 2019 at 6:34 am" and
 * "May 2, 2018 at 10:05 pm" share the shape "A 0, 0 a 0:0 a". A shape printed again and again marks
 * the separators of a list of records (comments, teasers, search results), not the article.
 */
const TOKEN = /(\p{Lu}[\p{L}\p{M}'’-]*)|([\p{Ll}\p{Lo}][\p{L}\p{M}'’-]*)|(\p{N}+(?:[.,]\p{N}+)*)/gu;

export function lineShape(text: string): string {
  return text
    .replace(TOKEN, (_t, upper?: string, lower?: string) => (upper ? "A" : lower ? "a" : "0"))
    .replace(/\s+/g, " ")
    .trim();
}

/** How many lines of the page have each line's shape. */
export function shapeCounts(texts: readonly string[]): number[] {
  const shapes = texts.map(lineShape);
  const counts = new Map<string, number>();
  for (const s of shapes) counts.set(s, (counts.get(s) ?? 0) + 1);
  return shapes.map((s) => counts.get(s) ?? 0);
}
