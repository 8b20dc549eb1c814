/**
 * The command line as a script sees it: help, exit codes, the schema, and a run's summary line.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { article, rng } from "./support/corpus.ts";

const BIN = new URL("../bin/tidings.js", import.meta.url).pathname;
const tidings = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, TIDINGS_LOG_LEVEL: "warn" } });

describe("tidings command", () => {
  it("prints help for the program and for each command, exit 0", () => {
    for (const args of [["--help"], ["run", "--help"], ["schema", "--help"], ["report", "--help"], ["names", "suggest", "--help"]]) {
      const r = tidings(...args);
      expect(r.status, args.join(" ")).toBe(0);
      expect(r.stdout, args.join(" ")).toMatch(/Usage: tidings/);
    }
    expect(tidings("run", "--help").stdout).toMatch(/--in <paths\.\.\.>[\s\S]*--out <dir>[\s\S]*--names/);
  });

  it("exits quietly when the reader of its output stops early (a pipe into head)", () => {
    // `true` exits at once, long before the program has started and writes: the write meets a closed pipe
    const piped = spawnSync("bash", ["-c", `set -o pipefail; "${process.execPath}" "${BIN}" stages | true`], { encoding: "utf8" });
    expect(piped.stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(piped.status).toBe(0);
  });

  it("exits 2 with a message that says what to fix on a wrong command line", () => {
    const noOut = tidings("run", "--in", "raw");
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toMatch(/--out/);
    const missing = tidings("run", "--in", "/nonexistent/dumps", "--out", join(tmpdir(), "tidings-never"));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no such file or folder: \/nonexistent\/dumps/);
    const pipeline = tidings("run", "no-such-pipeline", "--in", "raw", "--out", join(tmpdir(), "tidings-never"));
    expect(pipeline.status).toBe(2);
    expect(pipeline.stderr).toMatch(/no pipeline "no-such-pipeline"/);
    expect(tidings("frobnicate").status).toBe(2);
    const outIsFile = tidings("run", "--in", "raw", "--out", "README.md");
    expect(outIsFile.status).toBe(2);
    expect(outIsFile.stderr).toMatch(/--out README\.md is a file/);
  });

  it("prints the JSON Schema of a record", () => {
    const r = tidings("schema");
    expect(r.status).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.type).toBe("object");
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(["id", "source", "blocks", "text", "truncated", "duplicates", "story", "provenance"]),
    );
  });

  it("runs, writes the outputs, and ends with a one-line summary on stdout", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tidings-cli-"));
    try {
      const text = `Harbour bridge reopens after repairs\n\nThe harbour bridge reopened to traffic on Sunday after eight months of repairs to its steel deck, the city's transport department said in a statement.\n\nEngineers replaced more than 400 corroded plates and repainted the towers, and the work finished two weeks ahead of schedule and within the budget set last year.\n\nLeave a Reply\n`;
      await writeFile(join(dir, "bridge.txt"), text);
      const r = tidings("run", "--in", dir, "--out", join(dir, "out"), "--no-progress");
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout.trim().split("\n")).toHaveLength(1);
      expect(r.stdout).toMatch(/1 inputs -> 1 articles, 0 duplicates, 0 rejected/);
      const article = JSON.parse((await readFile(join(dir, "out", "articles.jsonl"), "utf8")).trim());
      expect(article.title).toBe("Harbour bridge reopens after repairs");
      expect(article.text).not.toContain("Leave a Reply");
      const runJson = JSON.parse(await readFile(join(dir, "out", "run.json"), "utf8"));
      expect(runJson.counts.inputs).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("writes report.html for a run up to --report-max articles, and past it says it did not", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tidings-cli-report-"));
    try {
      const input = join(dir, "in");
      await mkdir(input);
      const r = rng(4);
      for (let i = 0; i < 3; i++) await writeFile(join(input, `a${i}.txt`), article(r, `a${i}`, false).text);
      const under = tidings("run", "--in", input, "--out", join(dir, "under"), "--report-max", "3");
      expect(under.status, under.stderr).toBe(0);
      expect(under.stdout).toMatch(/report .*report\.html/);
      expect(existsSync(join(dir, "under", "report.html"))).toBe(true);
      expect(under.stdout).toMatch(/3 inputs -> 3 articles/);
      const over = tidings("run", "--in", input, "--out", join(dir, "over"), "--report-max", "2");
      expect(over.status, over.stderr).toBe(0);
      expect(over.stdout).toMatch(/report skipped: too many articles/);
      expect(over.stderr).toMatch(/tidings report/);
      expect(existsSync(join(dir, "over", "report.html"))).toBe(false);
      expect(existsSync(join(dir, "over", "articles.jsonl"))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
