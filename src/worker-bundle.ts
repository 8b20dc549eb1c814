/**
 * The worker threads' code as one plain JavaScript module. Pipelines and stages are TypeScript; a
 * worker that imports them through tsx's loader compiles and loads every module again, one request
 * to the loader's thread at a time (~0.7 s of CPU and ~0.5 s before the worker takes its first task,
 * measured with two workers). Bundled once by esbuild at the start of a run (the compiler tsx itself
 * uses, with the same tsconfig), a worker loads one file and starts in a fraction of that.
 *
 * The bundle is an optimisation only: whenever it cannot be built the same as the modules would load
 * (see `bundleWorker`), the run starts its workers with tsx's loader, as before. A bundle is kept
 * between runs while what it was built from stays the same (see `workerBundle`).
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { copyFile, mkdir, readFile, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { builtinModules } from "node:module";
import { homedir } from "node:os";
import { dirname, extname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Loader, Plugin } from "esbuild";

/** The worker's module, bundled with the pipeline module it is started with. */
const WORKER = fileURLToPath(new URL("./worker.ts", import.meta.url));

const LOADERS: Record<string, Loader> = {
  ".ts": "ts",
  ".mts": "ts",
  ".cts": "ts",
  ".tsx": "tsx",
  ".js": "js",
  ".mjs": "js",
  ".cjs": "js",
  ".jsx": "jsx",
};
const BUILTINS = new Set(builtinModules);
/** `import(` followed by anything but a string: a path known only at run time. */
const COMPUTED_IMPORT = /\bimport\s*\(\s*(?!["'`])/;
/** The name of the bundle's entry (made here, not a file). */
const ENTRY = "tidings-worker-entry.js";
/** Marks a resolve the plugin asked esbuild for itself (so that it does not ask itself again). */
const OWN = Symbol("own resolve");

/**
 * Where each module of the bundle reads its own place, and where packages come from:
 * - `import.meta.url` (and `dirname`, `filename`) become the module's own file, so that data read
 *   beside a module (rule tables, word lists) is found as before. Any other use of `import.meta`,
 *   or an `import()` of a computed path, makes the build fail (and the run fall back to tsx).
 * - Packages are not bundled: each import of one becomes the absolute URL of the file Node would
 *   load (the bundle may be written anywhere), so a package keeps one copy per thread, as before.
 */
function modulesInPlace(seen: BundleInputs): Plugin {
  return {
    name: "tidings-modules-in-place",
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind === "entry-point" || args.pluginData === OWN) return undefined;
        const spec = args.path;
        if (spec.startsWith("node:") || BUILTINS.has(spec)) return { path: spec, external: true };
        if (spec.startsWith(".") || spec.startsWith("/") || spec.startsWith("file:")) return undefined;
        const found = await build.resolve(spec, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: OWN });
        if (found.errors.length > 0) return { errors: found.errors };
        seen.externals.add(found.path);
        return { path: pathToFileURL(found.path).href, external: true };
      });
      build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
        const loader = LOADERS[extname(args.path)];
        if (!loader) return undefined;
        let contents = await readFile(args.path, "utf8");
        seen.sources.set(args.path, digest(contents));
        // an import of a path computed at run time would be resolved from the bundle's folder (the
        // worker's own import of the pipeline is of an absolute URL, and is not used once bundled)
        if (args.path !== WORKER && COMPUTED_IMPORT.test(contents)) throw new Error(`${args.path} imports a module by a computed path`);
        if (contents.includes("import.meta")) {
          contents = contents
            .replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href))
            .replaceAll("import.meta.dirname", JSON.stringify(dirname(args.path)))
            .replaceAll("import.meta.filename", JSON.stringify(args.path));
          if (contents.includes("import.meta")) throw new Error(`${args.path} reads import.meta beyond its own place`);
        }
        return { contents, loader, resolveDir: dirname(args.path) };
      });
      // data a module imports (a rule table): read here too, so that a kept bundle knows its text
      build.onLoad({ filter: /\.json$/ }, async (args) => {
        const contents = await readFile(args.path, "utf8");
        seen.sources.set(args.path, digest(contents));
        return { contents, loader: "json" };
      });
    },
  };
}

/** What a bundle was built from: each module's text (its digest, by path) and the packages' files. */
interface BundleInputs {
  sources: Map<string, string>;
  externals: Set<string>;
}

function digest(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * Bundles the worker with the pipeline module into `outfile`; returns its URL, or null (with the
 * reason) when it cannot: esbuild missing or failing, or a module that would not load the same.
 */
export async function bundleWorker(pipelineModule: string, outfile: string): Promise<{ url: string } | { reason: string }> {
  const built = await build(pipelineModule, outfile);
  return "url" in built ? { url: built.url } : built;
}

async function build(pipelineModule: string, outfile: string): Promise<{ url: string; inputs: BundleInputs | null } | { reason: string }> {
  const seen: BundleInputs = { sources: new Map(), externals: new Set() };
  try {
    const esbuild = await import("esbuild");
    const entry = [
      `import * as pipeline from ${JSON.stringify(pipelineModule)};`,
      `import { preloadPipeline } from ${JSON.stringify(WORKER)};`,
      `preloadPipeline(${JSON.stringify(pipelineModule)}, pipeline);`,
      `export { default } from ${JSON.stringify(WORKER)};`,
    ].join("\n");
    const result = await esbuild.build({
      stdin: { contents: entry, loader: "js", resolveDir: dirname(WORKER), sourcefile: ENTRY },
      bundle: true,
      format: "esm",
      platform: "node",
      target: `node${process.versions.node.split(".")[0]}`,
      // as Node resolves: no bundler-only conditions or fields
      conditions: [],
      mainFields: ["main"],
      // class and function names stay as written (errors report them)
      keepNames: true,
      sourcemap: "inline",
      // positions only: a stack trace names the module and line; the sources stay where they are
      sourcesContent: false,
      outfile,
      write: true,
      metafile: true,
      logLevel: "silent",
      plugins: [modulesInPlace(seen)],
    });
    // every file the bundle holds went through the plugin's loader, or the bundle is not kept
    const held = Object.keys(result.metafile.inputs).filter((input) => !input.endsWith(ENTRY));
    const whole = held.every((input) => seen.sources.has(isAbsolute(input) ? input : resolve(input)));
    return { url: pathToFileURL(outfile).href, inputs: whole && held.length === seen.sources.size ? seen : null };
  } catch (error) {
    // esbuild's failures list their errors (a plugin's among them); the message only counts them
    const first = (error as { errors?: { text?: string }[] }).errors?.[0]?.text;
    return { reason: first ?? (error instanceof Error ? error.message : String(error)) };
  }
}

/**
 * The folder where bundles are kept between runs: `TIDINGS_CACHE_DIR` when set (empty: none), else
 * `tidings` in the user's cache folder (`XDG_CACHE_HOME`, or ~/.cache).
 */
export function defaultBundleCache(env: NodeJS.ProcessEnv = process.env): string | null {
  const own = env.TIDINGS_CACHE_DIR;
  if (own !== undefined) return own === "" ? null : resolve(own);
  const base = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(homedir(), ".cache");
  return join(base, "tidings");
}

/** Bumped when the bundle is built differently, so that bundles kept from before are not used. */
const BUNDLE_FORMAT = 1;

/** What a kept bundle was built from, checked before it is used again. */
interface Manifest {
  format: number;
  node: string;
  module: string;
  /** The bundle's file in the cache folder (named by its digest). */
  bundle: string;
  /** Each module the bundle holds and the digest of its text. */
  sources: [string, string][];
  /**
   * Size and modification time of each package file the bundle imports, and of the package.json
   * and tsconfig.json that say how its modules resolve and compile.
   */
  externals: [string, number, number][];
}

async function fileStamp(path: string): Promise<[string, number, number]> {
  const s = await stat(path);
  return [path, s.size, s.mtimeMs];
}

/** The nearest file named `name` in the folders that hold `file` (null if none). */
function nearest(file: string, name: string): string | null {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

/** The kept bundle for the module, copied to `outfile`, if every file it was built from is as it was. */
async function keptBundle(cache: string, manifestPath: string, pipelineModule: string, outfile: string): Promise<boolean> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(manifestPath, "utf8")) as Manifest;
  } catch {
    return false;
  }
  if (manifest.format !== BUNDLE_FORMAT || manifest.node !== process.version || manifest.module !== pipelineModule) return false;
  const sourcesSame = await Promise.all(manifest.sources.map(async ([path, hash]) => digest(await readFile(path, "utf8")) === hash));
  if (!sourcesSame.every(Boolean)) return false;
  const externalsSame = await Promise.all(
    manifest.externals.map(async ([path, size, mtime]) => {
      const now = await fileStamp(path);
      return now[1] === size && now[2] === mtime;
    }),
  );
  if (!externalsSame.every(Boolean)) return false;
  await copyFile(join(cache, manifest.bundle), outfile);
  return true;
}

/** Keeps a bundle just built, with what it was built from (the bundle first: a manifest names one whole). */
async function keepBundle(cache: string, manifestPath: string, pipelineModule: string, outfile: string, inputs: BundleInputs): Promise<void> {
  await mkdir(cache, { recursive: true, mode: 0o700 });
  const code = await readFile(outfile);
  const bundle = `worker-${digest(code).slice(0, 24)}.mjs`;
  // a package's files and its package.json; a module's package.json and tsconfig.json (how it compiles)
  const stamped = new Set<string>(inputs.externals);
  const near = (file: string, name: string) => {
    const found = nearest(file, name);
    if (found) stamped.add(found);
  };
  for (const file of inputs.externals) near(file, "package.json");
  for (const file of inputs.sources.keys()) {
    near(file, "package.json");
    near(file, "tsconfig.json");
  }
  const manifest: Manifest = {
    format: BUNDLE_FORMAT,
    node: process.version,
    module: pipelineModule,
    bundle,
    sources: [...inputs.sources],
    externals: await Promise.all([...stamped].sort().map(fileStamp)),
  };
  const temp = `.${process.pid}-${Math.random().toString(36).slice(2)}`;
  let previous: string | null = null;
  try {
    previous = (JSON.parse(await readFile(manifestPath, "utf8")) as Manifest).bundle;
  } catch {
    // none kept yet
  }
  await writeFile(join(cache, bundle + temp), code);
  await rename(join(cache, bundle + temp), join(cache, bundle));
  await writeFile(manifestPath + temp, JSON.stringify(manifest));
  await rename(manifestPath + temp, manifestPath);
  // the bundle the manifest named before (a run that read that manifest just now builds its own)
  if (previous && previous !== bundle) await rm(join(cache, previous), { force: true });
  await pruneGone(cache);
}

/**
 * Removes the bundles kept for pipeline modules that no longer exist (a pipeline in a folder since
 * deleted, say a test's), so that the cache holds one bundle for each module there is; and bundles
 * no manifest names (two runs that built one module at once each wrote one) once they are an hour old.
 */
async function pruneGone(cache: string): Promise<void> {
  const names = await readdir(cache);
  const named = new Set<string>();
  for (const name of names) {
    if (!MANIFEST.test(name)) continue;
    try {
      const manifest = JSON.parse(await readFile(join(cache, name), "utf8")) as Manifest;
      if (existsSync(manifest.module)) {
        named.add(manifest.bundle);
        continue;
      }
      await rm(join(cache, name), { force: true });
      await rm(join(cache, manifest.bundle), { force: true });
    } catch {
      // another run's manifest being written, or one that is not ours: its bundle is left alone
      return;
    }
  }
  for (const name of names) {
    if (!BUNDLE.test(name) || named.has(name)) continue;
    try {
      if (Date.now() - (await stat(join(cache, name))).mtimeMs > ORPHAN_AFTER_MS) await rm(join(cache, name), { force: true });
    } catch {
      // gone already
    }
  }
}

const MANIFEST = /^worker-for-[0-9a-f]{24}\.json$/;
const BUNDLE = /^worker-[0-9a-f]{24}\.mjs$/;
const ORPHAN_AFTER_MS = 60 * 60 * 1000;

/**
 * The worker bundle for a pipeline module, written to `outfile`: the one kept in `cache` from an
 * earlier run when every module it holds has the same text and every package file it imports the
 * same size and time as then, else built now (and kept). Building takes ~0.2 s at the start of every
 * run, the time a big run's first drafts wait for it; checking a kept one, a few milliseconds. The
 * cache is an optimisation only: any failure to read or keep a bundle leaves a bundle built now.
 * (A module newly added where it would shadow one the bundle holds, say `stage.js` beside
 * `stage.ts`, is not noticed: the kept bundle stands until a module it holds changes.)
 */
export async function workerBundle(
  pipelineModule: string,
  outfile: string,
  cache: string | null,
): Promise<{ url: string; kept: boolean } | { reason: string }> {
  if (cache === null) {
    const built = await build(pipelineModule, outfile);
    return "url" in built ? { url: built.url, kept: false } : built;
  }
  const manifestPath = join(cache, `worker-for-${digest(pipelineModule).slice(0, 24)}.json`);
  try {
    if (await keptBundle(cache, manifestPath, pipelineModule, outfile)) return { url: pathToFileURL(outfile).href, kept: true };
  } catch {
    // a module gone or unreadable, a bundle removed by another run: built again below
  }
  const built = await build(pipelineModule, outfile);
  if (!("url" in built)) return built;
  if (built.inputs) {
    try {
      await keepBundle(cache, manifestPath, pipelineModule, outfile, built.inputs);
    } catch {
      // not kept (a read-only cache folder, say): the next run builds it again
    }
  }
  return { url: built.url, kept: false };
}
