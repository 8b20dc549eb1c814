/**
 * A pipeline: an ordered list of stages, with their options checked once and then frozen.
 * A pipeline module under `pipelines/` default-exports one (see pipelines/news.ts).
 */
import type { Stage, StageFactory } from "./stage.ts";
import type { z } from "zod";

export interface Pipeline {
  readonly name: string;
  readonly description: string;
  readonly stages: readonly Stage[];
}

export interface PipelineSpec {
  name: string;
  description?: string;
  /** Stages in order: a stage, or a stage definition to use with its default options. */
  stages: ReadonlyArray<Stage | StageFactory<z.ZodType>>;
}

export function definePipeline(spec: PipelineSpec): Pipeline {
  const stages = spec.stages.map((s) => (typeof s === "function" ? s() : s));
  const seen = new Set<string>();
  for (const stage of stages) {
    if (seen.has(stage.name)) {
      throw new Error(`pipeline "${spec.name}": stage "${stage.name}" appears twice; give the second a distinct name`);
    }
    seen.add(stage.name);
  }
  return Object.freeze({
    name: spec.name,
    description: spec.description ?? "",
    stages: Object.freeze(stages),
  });
}

/** Inserts stages after (or before) the named stage of a pipeline, for a custom pipeline. */
export function extendPipeline(
  base: Pipeline,
  spec: { name: string; description?: string; after?: string; before?: string; stages: ReadonlyArray<Stage | StageFactory<z.ZodType>> },
): Pipeline {
  const anchor = spec.after ?? spec.before;
  const at = anchor === undefined ? base.stages.length : base.stages.findIndex((s) => s.name === anchor);
  if (at < 0) {
    throw new Error(`extendPipeline: pipeline "${base.name}" has no stage "${anchor}" (it has: ${base.stages.map((s) => s.name).join(", ")})`);
  }
  const cut = spec.after !== undefined ? at + 1 : at;
  return definePipeline({
    name: spec.name,
    description: spec.description ?? base.description,
    stages: [...base.stages.slice(0, cut), ...spec.stages, ...base.stages.slice(cut)],
  });
}

/** A gazetteer entry: the canonical form of a name and the aliases that mean it. */
export interface GazetteerEntry {
  canonical: string;
  aliases: string[];
}

/** What a run passes to a pipeline module that builds its pipeline from run parameters. */
export interface PipelineParams {
  /** Entries of the `--names` gazetteer (empty without one). */
  gazetteer: GazetteerEntry[];
  /** The `--state` folder, or null. */
  stateDir: string | null;
}

/** What a pipeline module default-exports: a pipeline, or a function of the run's parameters. */
export type PipelineModule = Pipeline | ((params: PipelineParams) => Pipeline);

export function resolvePipeline(module: PipelineModule, params: PipelineParams): Pipeline {
  return typeof module === "function" ? module(params) : module;
}
