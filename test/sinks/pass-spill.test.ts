/**
 * A later pass's spill: whatever mix of drafts handed on as they came, changed and leaving the run,
 * the file holds exactly the lines that live on, in order; when every line went through as it came,
 * it is the input file itself.
 */
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PassSpill } from "../../src/sinks/pass-spill.ts";
import { useTempDirs } from "../support/temp-dirs.ts";

const tempDir = useTempDirs("tidings-pass-spill-");
type Fate = "on" | "changed" | "out";

/** Writes an input of `n` lines, runs the fates through a PassSpill, returns the input and the output. */
function spillOf(dir: string, lines: string[], fates: Fate[]): { input: string; output: string; path: string; inputPath: string } {
  const inputPath = join(dir, "pass-1.jsonl");
  writeFileSync(inputPath, lines.map((l) => `${l}\n`).join(""));
  const path = join(dir, "pass-2.jsonl");
  const spill = new PassSpill(inputPath, path);
  lines.forEach((line, k) => {
    const fate = fates[k] as Fate;
    if (fate === "on") spill.handOn(Buffer.from(line, "utf8"));
    else if (fate === "changed") spill.write(`${line} (changed)`);
    else spill.skip();
  });
  spill.commit();
  return { input: readFileSync(inputPath, "utf8"), output: readFileSync(path, "utf8"), path, inputPath };
}

describe("a later pass's spill", () => {
  it("holds the living drafts' lines in order, whatever the mix", async () => {
    const dir = await tempDir();
    const line = fc.string({ unit: fc.constantFrom("a", "é", "{", '"', "😀", "\t", " "), minLength: 1, maxLength: 12 });
    const fate = fc.constantFrom<Fate>("on", "changed", "out");
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(line, fate), { maxLength: 30 }), async (drafts) => {
        const lines = drafts.map(([l]) => l);
        const fates = drafts.map(([, f]) => f);
        const { output } = spillOf(dir, lines, fates);
        const expected = drafts.flatMap(([l, f]) => (f === "on" ? [l] : f === "changed" ? [`${l} (changed)`] : [])).map((l) => `${l}\n`).join("");
        expect(output).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("is the input itself when every draft went through as it came", async () => {
    const dir = await tempDir();
    const lines = Array.from({ length: 50 }, (_, i) => `{"id":"a${i}","text":"line ${i} ’"}`);
    const { input, output, path, inputPath } = spillOf(dir, lines, lines.map(() => "on"));
    expect(output).toBe(input);
    // one file under two names (where the file system links), or a copy
    expect(statSync(path).size).toBe(statSync(inputPath).size);
  });

  it("copies the lines handed on before the first change, and writes the rest", async () => {
    const dir = await tempDir();
    const lines = Array.from({ length: 40 }, (_, i) => `{"id":"a${i}"}`);
    const fates = lines.map((_, i): Fate => (i === 30 ? "changed" : i === 35 ? "out" : "on"));
    const { output } = spillOf(dir, lines, fates);
    const outLines = output.trimEnd().split("\n");
    expect(outLines).toHaveLength(39);
    expect(outLines.slice(0, 30)).toEqual(lines.slice(0, 30));
    expect(outLines[30]).toBe(`${lines[30]} (changed)`);
    expect(outLines.slice(31)).toEqual([...lines.slice(31, 35), ...lines.slice(36)]);
  });
});
