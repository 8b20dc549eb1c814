/**
 * The worker threads' code as one plain JavaScript module. Pipelines and stages are TypeScript; a
 * worker that imports them through tsx's loader compiles and loads every module again, one request
 * to the loader's thread at a time (~0.7 s of CPU and ~0.5 s before the worker takes its first task,
 * measured with two workers). Bundled once by esbuild at the start of a run (the compiler tsx itself
 * uses, with the same tsconfig), a worker loads one file and starts in a fraction of that.
 *
 * The bundle is an optimisation only: whenever it cannot be built the same as the modules would load
 * (see `bundleWorker`), the run starts its workers with tsx's loader, as before.
 */
import { readFile } from "node:fs/promises";
import { builtinModules } from "node:module";
import { dirname, extname } from "node:path";
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
function modulesInPlace(): Plugin {
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
        return { path: pathToFileURL(found.path).href, external: true };
      });
      build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
        const loader = LOADERS[extname(args.path)];
        if (!loader) return undefined;
        let contents = await readFile(args.path, "utf8");
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
    },
  };
}

/**
 * Bundles the worker with the pipeline module into `outfile`; returns its URL, or null (with the
 * reason) when it cannot: esbuild missing or failing, or a module that would not load the same.
 */
export async function bundleWorker(pipelineModule: string, outfile: string): Promise<{ url: string } | { reason: string }> {
  try {
    const esbuild = await import("esbuild");
    const entry = [
      `import * as pipeline from ${JSON.stringify(pipelineModule)};`,
      `import { preloadPipeline } from ${JSON.stringify(WORKER)};`,
      `preloadPipeline(${JSON.stringify(pipelineModule)}, pipeline);`,
      `export { default } from ${JSON.stringify(WORKER)};`,
    ].join("\n");
    await esbuild.build({
      stdin: { contents: entry, loader: "js", resolveDir: dirname(WORKER), sourcefile: "tidings-worker-entry.js" },
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
      outfile,
      write: true,
      logLevel: "silent",
      plugins: [modulesInPlace()],
    });
    return { url: pathToFileURL(outfile).href };
  } catch (error) {
    // esbuild's failures list their errors (a plugin's among them); the message only counts them
    const first = (error as { errors?: { text?: string }[] }).errors?.[0]?.text;
    return { reason: first ?? (error instanceof Error ? error.message : String(error)) };
  }
}
