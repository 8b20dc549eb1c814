import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readInput } from "../../src/sources/read.ts";
import { type InputFile, type WalkError, isWalkError } from "../../src/sources/types.ts";
import { walkInputs } from "../../src/sources/walk.ts";
import { put, scratch } from "./helpers.ts";

async function walk(roots: string[]): Promise<Array<InputFile | WalkError>> {
  const found: Array<InputFile | WalkError> = [];
  for await (const item of walkInputs(roots)) found.push(item);
  return found;
}

function paths(found: Array<InputFile | WalkError>): string[] {
  return found.filter((f): f is InputFile => !isWalkError(f)).map((f) => f.path);
}

describe("walkInputs", () => {
  const base = scratch("walk");
  const root = join(base, "root");
  const outside = join(base, "outside");
  put(outside, "secret.txt", "not under the root");
  for (const name of ["b.txt", "a.html", "B.jsonl", "Zeta.txt", "with space.txt", "été.txt", "日本.txt", "notes.md"]) {
    put(root, name, "x");
  }
  put(root, "sub/c.txt", "x");
  put(root, "sub/d/e.warc.gz", "x");
  put(root, ".hidden.txt", "x");
  put(root, ".git/config.txt", "x");
  symlinkSync(outside, join(root, "link-out"));
  symlinkSync(join(outside, "secret.txt"), join(root, "secret-link.txt"));
  symlinkSync(join(root, "sub", "c.txt"), join(root, "link-in.txt"));
  symlinkSync(root, join(root, "sub", "loop"));
  symlinkSync(join(root, "gone.txt"), join(root, "dangling.txt"));

  it("walks a folder in code-unit order, skipping hidden entries and links that leave the root", async () => {
    const found = await walk([root]);
    expect(found.every((f) => !isWalkError(f))).toBe(true);
    expect(paths(found)).toEqual([
      "B.jsonl",
      "Zeta.txt",
      "a.html",
      "b.txt",
      "link-in.txt",
      "notes.md",
      "sub/c.txt",
      "sub/d/e.warc.gz",
      "with space.txt",
      "été.txt",
      "日本.txt",
    ]);
  });

  it("gives absolute paths and the root as given", async () => {
    const found = (await walk([root])) as InputFile[];
    const nested = found.find((f) => f.path === "sub/d/e.warc.gz");
    expect(nested?.abs).toBe(join(root, "sub", "d", "e.warc.gz"));
    expect(nested?.root).toBe(root);
  });

  it("yields the same order on every walk", async () => {
    expect(paths(await walk([root]))).toEqual(paths(await walk([root])));
  });

  it("marks files of unknown kind so that reading them reports unsupported-file", async () => {
    const found = (await walk([root])) as InputFile[];
    const notes = found.find((f) => f.path === "notes.md") as InputFile;
    expect(notes.problem?.reason).toBe("unsupported-file");
    const items = [];
    for await (const item of readInput(notes)) items.push(item);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ ok: false, index: 0, reason: "unsupported-file" });
    expect(items[0]?.ok === false && items[0].detail).toContain(".jsonl");
    expect(found.find((f) => f.path === "b.txt")?.problem).toBeUndefined();
  });

  it("takes a single file as a root, named by its base name", async () => {
    const found = await walk([join(root, "sub", "c.txt")]);
    expect(found).toEqual([{ root: join(root, "sub", "c.txt"), path: "c.txt", abs: join(root, "sub", "c.txt") }]);
  });

  it("reads a hidden file when it is named as a root", async () => {
    expect(paths(await walk([join(root, ".hidden.txt")]))).toEqual([".hidden.txt"]);
  });

  it("keeps the order of the roots, and reports a missing root as a walk error", async () => {
    const missing = join(base, "no-such-folder");
    const found = await walk([join(root, "sub"), missing, join(root, "b.txt")]);
    expect(found).toHaveLength(4);
    expect(paths(found)).toEqual(["c.txt", "d/e.warc.gz", "b.txt"]);
    const error = found.find(isWalkError);
    expect(error).toMatchObject({ ok: false, root: missing, reason: "missing-root" });
    expect(error?.message).toContain(missing);
  });

  it("walks an empty folder to nothing", async () => {
    const empty = join(base, "empty");
    mkdirSync(empty);
    expect(await walk([empty])).toEqual([]);
  });

  it("follows a link to a folder inside the root once", async () => {
    const linked = join(base, "linked");
    put(linked, "real/one.txt", "x");
    symlinkSync(join(linked, "real"), join(linked, "alias"));
    // "alias" sorts first and is walked; "real" is the same folder and is not walked twice.
    expect(paths(await walk([linked]))).toEqual(["alias/one.txt"]);
  });
});
