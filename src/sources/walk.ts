/**
 * Finding the input files under the `--in` roots. A root is a folder, walked recursively, or a single
 * file. The order is stable across machines and locales: the entries of each folder sorted by name
 * with a plain code-unit comparison, folders walked where their name falls. Hidden entries (names
 * starting with a dot) are skipped, and so are symbolic links that lead outside their root, links
 * that form a loop, and special files (sockets, FIFOs, devices). A file no reader handles is still
 * yielded, carrying an "unsupported-file" problem, so that it shows up in `rejected.jsonl`.
 */
import type { Dirent } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import { basename, join, resolve, sep } from "node:path";
import { errorText } from "./failure.ts";
import { SUPPORTED_KINDS, inputKindOf } from "./kinds.ts";
import type { InputFile, InputProblem, WalkError } from "./types.ts";

export async function* walkInputs(roots: string[]): AsyncGenerator<InputFile | WalkError> {
  for (const root of roots) {
    yield* walkRoot(root);
  }
}

async function* walkRoot(root: string): AsyncGenerator<InputFile | WalkError> {
  const abs = resolve(root);
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(abs);
  } catch (error) {
    yield rootError(root, error);
    return;
  }
  if (info.isDirectory()) {
    let real: string;
    try {
      real = await realpath(abs);
    } catch (error) {
      yield rootError(root, error);
      return;
    }
    yield* walkFolder({ root, realRoot: real, visited: new Set([real]) }, abs, "");
    return;
  }
  // A file named on the command line is read even if its name starts with a dot: it was asked for.
  yield fileEntry(root, basename(abs), abs);
}

interface WalkScope {
  root: string;
  realRoot: string;
  /** Real paths of the folders already walked, so that a link back up does not loop. */
  visited: Set<string>;
}

async function* walkFolder(scope: WalkScope, dir: string, prefix: string): AsyncGenerator<InputFile> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    // Not the root (that was checked): report the folder as one unreadable input and go on.
    yield {
      root: scope.root,
      path: prefix || ".",
      abs: dir,
      problem: { reason: "unreadable-file", detail: `cannot list this folder: ${errorText(error)}` },
    };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const abs = join(dir, entry.name);
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    let real: string | null = null;
    if (entry.isSymbolicLink()) {
      try {
        real = await realpath(abs);
      } catch {
        continue; // a dangling link: nothing to read
      }
      if (!isInside(real, scope.realRoot)) continue;
      const target = await stat(real).catch(() => null);
      if (!target) continue;
      isDir = target.isDirectory();
      isFile = target.isFile();
    }
    if (isDir) {
      const realDir = real ?? (await realpath(abs).catch(() => abs));
      if (scope.visited.has(realDir)) continue;
      scope.visited.add(realDir);
      yield* walkFolder(scope, abs, rel);
    } else if (isFile) {
      yield fileEntry(scope.root, rel, abs);
    }
  }
}

function fileEntry(root: string, path: string, abs: string): InputFile {
  const file: InputFile = { root, path, abs };
  const problem = unsupported(path);
  if (problem) file.problem = problem;
  return file;
}

function unsupported(path: string): InputProblem | null {
  if (inputKindOf(path)) return null;
  return { reason: "unsupported-file", detail: `no reader for this kind of file; supported kinds: ${SUPPORTED_KINDS}` };
}

function isInside(real: string, realRoot: string): boolean {
  return real === realRoot || real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
}

function rootError(root: string, error: unknown): WalkError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === "ENOENT" || code === "ENOTDIR") {
    return { ok: false, root, reason: "missing-root", message: `input not found: ${root} (no such file or folder)` };
  }
  return { ok: false, root, reason: "unreadable-root", message: `cannot read input ${root}: ${errorText(error)}` };
}
