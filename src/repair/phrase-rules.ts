/**
 * Phrase rules (spinner synonyms, translation slips) loaded from a JSON table and checked with zod,
 * so that a broken table fails at load time with the rule's id and what is wrong with it.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";

const FixExample = z.object({ text: z.string().min(1), fixed: z.string().min(1) }).strict();

const PhraseRuleSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, "lower-case words joined by hyphens"),
    category: z.string().min(1),
    action: z.enum(["fix", "flag"]),
    pattern: z.string().min(1),
    flags: z.string().regex(/^[imsy]*$/, "only i, m, s or y (g and u are always on)").optional(),
    replace: z.string().min(1).optional(),
    note: z.string().min(1),
    examples: z.array(z.union([z.string().min(1), FixExample])).min(1),
    negatives: z.array(z.string().min(1)).min(1),
  })
  .strict()
  .superRefine((rule, ctx) => {
    if (rule.action === "fix" && rule.replace === undefined) ctx.addIssue({ code: "custom", message: "a fix rule needs `replace`" });
    if (rule.action === "flag" && rule.replace !== undefined) ctx.addIssue({ code: "custom", message: "a flag rule must not have `replace`" });
    try {
      new RegExp(rule.pattern, `gu${rule.flags ?? ""}`);
    } catch (error) {
      ctx.addIssue({ code: "custom", path: ["pattern"], message: `not a valid regular expression: ${String(error)}` });
    }
  });

const PhraseTableSchema = z.object({ about: z.string(), rules: z.array(PhraseRuleSchema).min(1) }).strict();

export type PhraseRuleSpec = z.infer<typeof PhraseRuleSchema>;

export interface PhraseRule extends PhraseRuleSpec {
  /** A fresh global RegExp for the rule (a RegExp with the g flag keeps state: do not share one). */
  regex(): RegExp;
  /** The replacement for a match, capitalised when the match was (fix rules only). */
  replacement(match: string): string;
}

export function loadPhraseRules(url: URL): PhraseRule[] {
  const raw: unknown = JSON.parse(readFileSync(url, "utf8"));
  const parsed = PhraseTableSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`phrase rule table ${url.pathname} is invalid: ${problems}`);
  }
  return parsed.data.rules.map((spec) => ({
    ...spec,
    regex: () => new RegExp(spec.pattern, `gu${spec.flags ?? ""}`),
    replacement: (match: string) => {
      const text = spec.replace ?? match;
      return /^\p{Lu}/u.test(match) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
    },
  }));
}
