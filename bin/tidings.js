#!/usr/bin/env node
// Entry point of the `tidings` command. Pipelines and custom stages are TypeScript modules, so the
// command registers tsx's loader and then starts the CLI from source: no build step is needed.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli.ts");
process.exitCode = await main(process.argv.slice(2));
