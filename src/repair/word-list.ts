/**
 * The compact English word list (lower-case words, most frequent first) that glued-word repair uses
 * as evidence beside the document itself. Built by build-word-list.ts; loaded once, lazily.
 */
import { readFileSync } from "node:fs";

let words: ReadonlySet<string> | null = null;

export function englishWords(): ReadonlySet<string> {
  if (words === null) {
    const text = readFileSync(new URL("./data/english-words.txt", import.meta.url), "utf8");
    words = new Set(text.split("\n").filter((w) => w !== ""));
  }
  return words;
}
