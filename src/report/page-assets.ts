/**
 * The page's own stylesheet and script, kept as plain files beside this module and read once. They
 * are inlined into every report, so the page needs nothing but itself.
 */
import { readFile } from "node:fs/promises";

export interface PageAssets {
  css: string;
  script: string;
}

let cached: Promise<PageAssets> | null = null;

export function loadPageAssets(): Promise<PageAssets> {
  cached ??= Promise.all([
    readFile(new URL("./assets/report.css", import.meta.url), "utf8"),
    readFile(new URL("./assets/report.js", import.meta.url), "utf8"),
  ]).then(([css, script]) => ({ css, script }));
  return cached;
}
