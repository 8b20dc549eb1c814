/**
 * The page's own stylesheet and script, kept as plain files beside this module and read once. They
 * are inlined into every report, so the page needs nothing but itself. The script is written in
 * parts, one concern each, that share one scope: they are joined in order inside one function.
 */
import { readFile } from "node:fs/promises";

export interface PageAssets {
  css: string;
  script: string;
}

/** The script's parts, in the order they run. */
export const SCRIPT_PARTS = ["setup", "dom", "data", "filter", "overview", "lists", "controls", "detail", "start"] as const;

async function readAsset(name: string): Promise<string> {
  return readFile(new URL(`./assets/${name}`, import.meta.url), "utf8");
}

async function loadScript(): Promise<string> {
  const parts = await Promise.all(SCRIPT_PARTS.map((part) => readAsset(`client/${part}.js`)));
  // Each part ends with a line break; a blank line between parts keeps the joined script readable.
  return `(function () {\n"use strict";\n\n${parts.join("\n")}})();\n`;
}

let cached: Promise<PageAssets> | null = null;

export function loadPageAssets(): Promise<PageAssets> {
  cached ??= Promise.all([readAsset("report.css"), loadScript()]).then(([css, script]) => ({ css, script }));
  return cached;
}
