/**
 * `tidings names suggest`: reads the articles.jsonl of an earlier run and proposes gazetteer entries
 * (aliases and their canonical form), each with its evidence as YAML comments: which pattern found
 * it, how often, and in which documents. The output can be appended to a gazetteer after a person
 * has checked it.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { nameForms } from "../repair/name-forms.ts";
import { englishWords } from "../repair/word-list.ts";
import { decideForms } from "../stages/names-corpus.ts";

interface ArticleLine {
  id?: string;
  source?: { path?: string; index?: number };
  blocks?: { text?: string }[];
  title?: string | null;
  subtitle?: string | null;
  provenance?: {
    repaired?: { stage?: string; rule?: string; before?: string; after?: string }[];
    flagged?: { stage?: string; rule?: string; text?: string; note?: string }[];
  };
}

interface Evidence {
  pattern: string;
  times: number;
  documents: Set<string>;
}

/** Rules whose repairs turn one written form of a name into another, usable as an alias as they stand (gazetteer repairs are already in a gazetteer). */
const ALIAS_RULES = new Set(["name-variant", "name-order"]);
const MAX_LISTED_DOCUMENTS = 5;

function documentName(article: ArticleLine, line: number): string {
  if (article.source?.path !== undefined) return `${article.source.path}#${article.source.index ?? 0}`;
  return article.id ?? `line ${line}`;
}

const looksLikeName = (s: string): boolean => /^\p{Lu}[\p{L}\p{M}'’.-]*(?: \p{Lu}[\p{L}\p{M}'’.-]*){1,3}$/u.test(s);

/** Reads `articlesJsonl` (a file, or a run's output folder holding articles.jsonl) and returns YAML text. */
export async function namesSuggest(articlesJsonl: string): Promise<string> {
  let file = articlesJsonl;
  if ((await stat(file)).isDirectory()) file = path.join(file, "articles.jsonl");
  const suggestions = new Map<string, Map<string, Evidence>>();
  const note = (alias: string, canonical: string, pattern: string, doc: string): void => {
    if (alias === canonical) return;
    const byAlias = suggestions.get(canonical) ?? new Map<string, Evidence>();
    const key = `${alias}\u0000${pattern}`;
    const ev = byAlias.get(key) ?? { pattern, times: 0, documents: new Set<string>() };
    ev.times++;
    ev.documents.add(doc);
    byAlias.set(key, ev);
    suggestions.set(canonical, byAlias);
  };

  const documents = new Map<string, number>();
  const alone = new Map<string, number>();
  const formDocs = new Map<string, Set<string>>();
  const words = englishWords();
  let articles = 0;
  let lineNo = 0;
  const lines = createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === "") continue;
    let article: ArticleLine;
    try {
      article = JSON.parse(line) as ArticleLine;
    } catch {
      continue;
    }
    articles++;
    const doc = documentName(article, lineNo);
    for (const r of article.provenance?.repaired ?? []) {
      if (r.rule && ALIAS_RULES.has(r.rule) && r.before && r.after && looksLikeName(r.before) && looksLikeName(r.after)) {
        note(r.before, r.after, `${r.stage}/${r.rule}`, doc);
      }
    }
    // One office, two names in one text (a flag, not a repair): the less used name may be an alias.
    for (const f of article.provenance?.flagged ?? []) {
      const other = /holds the same office as "([^"]+)" \(([^)]+)\)/.exec(f.note ?? "");
      if (f.rule === "same-office" && f.text && other?.[1] && looksLikeName(f.text) && looksLikeName(other[1])) {
        note(f.text, other[1], `${f.stage}/same-office: ${other[2]}`, doc);
      }
    }
    const seen = new Set<string>();
    for (const text of [article.title ?? "", article.subtitle ?? "", ...(article.blocks ?? []).map((b) => b.text ?? "")]) {
      const forms = nameForms(text, words);
      for (const n of forms.names) seen.add(n);
      for (const [w, c] of forms.alone) alone.set(w, (alone.get(w) ?? 0) + c);
    }
    for (const n of seen) {
      documents.set(n, (documents.get(n) ?? 0) + 1);
      formDocs.set(n, (formDocs.get(n) ?? new Set<string>()).add(doc));
    }
  }
  for (const [from, decision] of decideForms(documents, alone, { order: "given-first", gazetteer: [] })) {
    for (const doc of formDocs.get(from) ?? []) note(from, decision.to, `text/${decision.rule}`, doc);
  }
  return render(suggestions, file, articles);
}

function render(suggestions: Map<string, Map<string, Evidence>>, file: string, articles: number): string {
  const out = [
    `# Candidate gazetteer entries from ${file} (${articles} articles).`,
    "# Each alias carries its evidence: the pattern that found it, how often, and where.",
    "# Check every entry before appending it to a gazetteer (tidings run --names <file.yaml>).",
  ];
  const canonicals = [...suggestions.keys()].sort();
  if (canonicals.length === 0) out.push("# No candidates found.", "[]");
  for (const canonical of canonicals) {
    const byAlias = suggestions.get(canonical) as Map<string, Evidence>;
    const aliases = new Map<string, Evidence[]>();
    for (const [key, ev] of byAlias) {
      const alias = key.split("\u0000")[0] as string;
      aliases.set(alias, [...(aliases.get(alias) ?? []), ev]);
    }
    out.push(`- canonical: ${JSON.stringify(canonical)}`, "  aliases:");
    for (const alias of [...aliases.keys()].sort()) {
      out.push(`    - ${JSON.stringify(alias)}`);
      for (const ev of (aliases.get(alias) as Evidence[]).sort((a, b) => (a.pattern < b.pattern ? -1 : 1))) {
        const docs = [...ev.documents].sort();
        const listed = docs.slice(0, MAX_LISTED_DOCUMENTS).join(", ") + (docs.length > MAX_LISTED_DOCUMENTS ? `, … ${docs.length - MAX_LISTED_DOCUMENTS} more` : "");
        out.push(`      # ${ev.pattern}: ${ev.times} time${ev.times === 1 ? "" : "s"} in ${docs.length} document${docs.length === 1 ? "" : "s"} (${listed})`);
      }
    }
  }
  return `${out.join("\n")}\n`;
}
