/** The input side of tidings: find input files, read each into records. See README.md here. */
export { decodeBytes, type DecodeHints, type Decoded } from "./decode.ts";
export { type InputFormat, type InputKind, SUPPORTED_KINDS, inputKindOf } from "./kinds.ts";
export { readInput } from "./read.ts";
export {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_GZIP_RATIO,
  type InputFile,
  type InputProblem,
  type ReadOptions,
  type SourceError,
  type SourceItem,
  type SourceRecord,
  type WalkError,
  isWalkError,
} from "./types.ts";
export { walkInputs } from "./walk.ts";
