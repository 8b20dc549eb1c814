/**
 * Block rules: a data table (JSON) of patterns that decide that a whole block is boilerplate. The
 * table is checked with zod when it is loaded, and each rule is compiled once.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { wordCountUpTo } from "../text/measure.ts";
import { mayMatchTest } from "./required-text.ts";

export const BlockRuleSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    category: z.string().min(1),
    pattern: z.string().min(1),
    requires: z.string().optional(),
    flags: z.string().regex(/^[imsy]*$/).default(""),
    maxWords: z.number().int().positive(),
    where: z.enum(["any", "head", "tail"]).default("any"),
    effect: z.enum(["truncated"]).optional(),
    /** Which inputs the rule applies to: text dumps, HTML pages, or both. */
    input: z.enum(["any", "text", "html"]).default("any"),
    examples: z.array(z.string()).min(1),
    negatives: z.array(z.string()),
  })
  .strict();
export type BlockRuleSpec = z.infer<typeof BlockRuleSchema>;

export const BlockRuleTableSchema = z.object({ about: z.string().optional(), rules: z.array(BlockRuleSchema) }).strict();

export interface BlockRule extends BlockRuleSpec {
  regex: RegExp;
  requiresRegex: RegExp | null;
  /**
   * Cheap tests that a text may match `regex` and `requiresRegex`: false when it lacks every string
   * that a match holds (see required-text.ts). Null (or absent) when nothing is known.
   */
  mayMatch?: ((text: string) => boolean) | null;
  mayMatchRequires?: ((text: string) => boolean) | null;
}

export function compileRules(specs: readonly BlockRuleSpec[]): BlockRule[] {
  return specs.map((spec) => {
    try {
      return {
        ...spec,
        regex: new RegExp(spec.pattern, `u${spec.flags}`),
        requiresRegex: spec.requires ? new RegExp(spec.requires, `u${spec.flags}`) : null,
        mayMatch: mayMatchTest(spec.pattern, spec.flags),
        mayMatchRequires: spec.requires ? mayMatchTest(spec.requires, spec.flags) : null,
      };
    } catch (error) {
      throw new Error(`block rule "${spec.id}": invalid pattern: ${(error as Error).message}`);
    }
  });
}

export function loadRuleTable(url: URL): BlockRule[] {
  const parsed = BlockRuleTableSchema.safeParse(JSON.parse(readFileSync(url, "utf8")));
  if (!parsed.success) {
    throw new Error(`rule table ${url.pathname}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return compileRules(parsed.data.rules);
}

/** Does the rule's text condition hold (pattern, requires, length)? Position is checked by the caller. */
export function ruleMatches(rule: BlockRule, text: string, words = wordCountUpTo(text, rule.maxWords + 1)): boolean {
  if (words > rule.maxWords) return false;
  // most blocks lack every string a match needs, and are told so without running the regex
  if (rule.mayMatch && !rule.mayMatch(text)) return false;
  if (!rule.regex.test(text)) return false;
  if (rule.requiresRegex === null) return true;
  if (rule.mayMatchRequires && !rule.mayMatchRequires(text)) return false;
  return rule.requiresRegex.test(text);
}
