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

/** Characters that stand for themselves when escaped (`\.`, `\(`) in a pattern with the u flag. */
const SYNTAX = new Set("^$\\.*+?()[]{}|/");

/** Where the character class that opens at `i` ends, just past its `]`. */
function classEnd(pattern: string, i: number): number {
  for (let j = i + 1; j < pattern.length; j++) {
    if (pattern[j] === "\\") j++;
    else if (pattern[j] === "]") return j + 1;
  }
  return pattern.length;
}

/** Where the group that opens at `i` ends, just past its `)`: brackets inside classes and escapes do not count. */
function groupEnd(pattern: string, i: number): number {
  let depth = 0;
  for (let j = i; j < pattern.length; j++) {
    const ch = pattern[j];
    if (ch === "\\") j++;
    else if (ch === "[") j = classEnd(pattern, j) - 1;
    else if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0) return j + 1;
  }
  return pattern.length;
}

/** Where the escape that starts at `i` (a backslash) ends. */
function escapeEnd(pattern: string, i: number): number {
  const kind = pattern[i + 1];
  const braced = (open: string, close: string): number => {
    const end = pattern.indexOf(close, i + 2);
    return pattern[i + 2] === open && end >= 0 ? end + 1 : i + 2;
  };
  if (kind === "p" || kind === "P") return braced("{", "}");
  if (kind === "k") return braced("<", ">");
  if (kind === "u") return pattern[i + 2] === "{" ? braced("{", "}") : i + 6;
  if (kind === "x") return i + 4;
  if (kind === "c") return i + 3;
  if (kind !== undefined && kind >= "0" && kind <= "9") {
    let j = i + 1;
    while (j < pattern.length && (pattern[j] as string) >= "0" && (pattern[j] as string) <= "9") j++;
    return j;
  }
  return i + 2;
}

/**
 * A string that every match of a phrase rule's pattern holds, or "" when the pattern shows none: the
 * longest run of plain characters in the pattern's top-level sequence. A run ends at anything else
 * (a class, a group, an assertion, an escape other than `\.`-like ones), and a character that a
 * quantifier makes optional or repeatable is left out of it. A pattern with a top-level `|`, or
 * matched ignoring case, has none.
 *
 * Such strings let a text be cleared with one plain search (which the regex engine runs far faster
 * than patterns that open with `\b` or an optional character) before the patterns are tried.
 */
export function requiredLiteral(pattern: string, flags = ""): string {
  if (flags.includes("i")) return "";
  let best = "";
  let run = "";
  // The length of the last plain character added to `run` (0 when the last atom was something else).
  let last = 0;
  const endRun = (): void => {
    if (run.length > best.length) best = run;
    run = "";
    last = 0;
  };
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === "|") return "";
    if (ch === "*" || ch === "+" || ch === "?" || ch === "{") {
      // A quantifier: the atom before it may be missing or repeated.
      run = run.slice(0, run.length - last);
      endRun();
      i = ch === "{" ? pattern.indexOf("}", i) + 1 || pattern.length : i + 1;
      if (pattern[i] === "?") i++;
      continue;
    }
    if (ch === "(" || ch === "[" || ch === "." || ch === "^" || ch === "$") {
      endRun();
      i = ch === "(" ? groupEnd(pattern, i) : ch === "[" ? classEnd(pattern, i) : i + 1;
      continue;
    }
    if (ch === "\\") {
      const next = pattern[i + 1];
      if (next !== undefined && SYNTAX.has(next)) {
        run += next;
        last = 1;
        i += 2;
      } else {
        endRun();
        i = escapeEnd(pattern, i);
      }
      continue;
    }
    const cp = pattern.codePointAt(i) as number;
    const char = String.fromCodePoint(cp);
    run += char;
    last = char.length;
    i += char.length;
  }
  endRun();
  return best;
}
