/**
 * Synthetic damage on clean text, for the recall of repairs that the clean-text figure cannot show:
 * in each WCXB gold text, one kind of damage is made at one place chosen without randomness, the
 * text runs through repair-text, and the result is compared with the clean text:
 * - a function word glued to the word before (`prices and` -> `pricesand`);
 * - `the` glued to a capitalised word inside a phrase (`the President of` -> `thePresident of`);
 * - U+FFFD left after a word (`outside` -> `outside\uFFFD\uFFFD`).
 * Each kind prints: restored exactly, left as damaged, changed otherwise (a wrong repair).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { Draft } from "../../src/draft.ts";
import { runArticleStages } from "../../src/process.ts";
import type { ArticleStage } from "../../src/stage.ts";
import { repairText } from "../../src/stages/repair-text.ts";

interface DamageKind {
  name: string;
  /** Where to damage a line: the match's `at` group is replaced by `by`. */
  find: RegExp;
  damage: (m: RegExpExecArray) => string;
}

const KINDS: DamageKind[] = [
  { name: "function word glued on (`pricesand`)", find: /(?<=\p{Ll}{4}) (?=(?:and|was|were|that|said|from) \p{Ll})/u, damage: () => "" },
  { name: "`the` glued to a capitalised word (`thePresident of`)", find: /(?<=(?:^|\s)the) (?=\p{Lu}\p{Ll}{2,} \p{L})/u, damage: () => "" },
  { name: "U+FFFD after a word (`outside\uFFFD\uFFFD`)", find: /(?<=\p{Ll}{4})(?= \p{Ll})/u, damage: () => "\uFFFD\uFFFD" },
];

function draftOf(id: string, lines: readonly string[]): Draft {
  const draft = new Draft({ id, source: { path: id, index: 0 }, raw: { kind: "text", content: lines.join("\n\n") }, meta: {} });
  for (const line of lines) draft.addBlock("paragraph", line);
  return draft;
}

export async function syntheticDamageBench(dir: string, files: readonly string[], out: (line?: string) => void): Promise<void> {
  out("## Synthetic damage on WCXB gold texts: one place per text, through repair-text");
  const stages = [repairText()] as ArticleStage[];
  for (const kind of KINDS) {
    let tried = 0;
    let restored = 0;
    let left = 0;
    const wrong: string[] = [];
    for (const file of files) {
      const gt = (JSON.parse(readFileSync(path.join(dir, file), "utf8")) as { ground_truth: { main_content?: string } }).ground_truth;
      const lines = (gt.main_content ?? "").split("\n").filter((l) => l.trim() !== "");
      // The clean text first goes through the stage itself, so that only the damage is measured.
      const clean = draftOf(file, lines);
      await runArticleStages(clean, stages);
      const cleanLines = clean.blocks.map((b) => b.text);
      const target = cleanLines.findIndex((l, i) => i >= 1 && kind.find.test(l));
      if (target < 0) continue;
      const m = kind.find.exec(cleanLines[target] as string) as RegExpExecArray;
      const line = cleanLines[target] as string;
      const damaged = line.slice(0, m.index) + kind.damage(m) + line.slice(m.index + m[0].length);
      const draft = draftOf(file, cleanLines.map((l, i) => (i === target ? damaged : l)));
      await runArticleStages(draft, stages);
      tried++;
      const got = draft.blocks.map((b) => b.text);
      if (got.join("\n") === cleanLines.join("\n")) restored++;
      else if (got[target] === damaged && got.every((t, i) => i === target || t === cleanLines[i])) left++;
      else wrong.push(`  ${file}: ${JSON.stringify(damaged.slice(Math.max(0, m.index - 40), m.index + 40))} -> ${JSON.stringify((got[target] ?? "").slice(Math.max(0, m.index - 40), m.index + 40))}`);
    }
    out(`${kind.name}: ${tried} texts, restored ${restored} (${((100 * restored) / Math.max(1, tried)).toFixed(1)}%), left ${left}, changed wrongly ${wrong.length}`);
    for (const w of wrong.slice(0, 10)) out(w);
  }
  out();
}
