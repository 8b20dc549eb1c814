/**
 * `names-corpus`: one form per person across all records of a run. It counts, over the whole run,
 * the documents that use each candidate name form and how often each capitalised word stands alone,
 * then groups forms that are one person written two ways:
 * - spelling variants with the same family name (`Anthony Blinken` / `Antony Blinken`) when the run
 *   writes that family name alone, or when the given names differ only in a doubled letter
 *   (`Mohamed` / `Mohammed Al-Rashid`); or the same given name (`Volodymyr Zelensky` / `Volodymyr Zelenskyy`);
 * - the two orders of one name (`Kishida Fumio` / `Fumio Kishida`), when both are seen.
 * The form kept is the gazetteer's canonical form when the group holds one, else (for orders) the
 * configured order, the family name being the word that stands alone more often, else the form used
 * by more documents, ties broken by code-point order. State is counts only, so the outcome does not
 * depend on the order drafts are observed in.
 */
import { z } from "zod";
import type { Draft } from "../draft.ts";
import { addNameForms } from "../repair/name-forms.ts";
import { WORD_END, WORD_START, escapeRegExp, spellingVariants } from "../repair/name-patterns.ts";
import { forEachText } from "../repair/text-repair.ts";
import { englishWords } from "../repair/word-list.ts";
import { defineCorpusStage } from "../stage.ts";

const options = z
  .object({
    /** Which order a name is written in when a run has both: given name first, family name first, or leave orders. */
    order: z.enum(["given-first", "family-first", "keep"]).default("given-first"),
    /** Canonical forms (the `--names` file): preferred whenever a group holds one. */
    gazetteer: z.array(z.object({ canonical: z.string().min(1), aliases: z.array(z.string().min(1)) }).strict()).default([]),
  })
  .strict();

type Options = z.output<typeof options>;

export interface NamesCorpusState {
  /** Documents using each name form. */
  documents: Map<string, number>;
  /** Occurrences of each capitalised word standing alone. */
  alone: Map<string, number>;
  /** Decided after observing: form -> the form to write instead. */
  rewrites: Map<string, { to: string; rule: "name-variant" | "name-order" }>;
  /** The rewrites as each draft's decision (null when there are none). */
  list: RewriteList | null;
}

const textsOf = (draft: Draft): string[] => [...draft.live().map((b) => b.text), draft.meta.title ?? "", draft.meta.subtitle ?? ""];
const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Union-find over name forms. */
class Groups {
  private parent = new Map<string, string>();
  find(x: string): string {
    let root = x;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root) as string;
    this.parent.set(x, root);
    return root;
  }
  union(a: string, b: string): void {
    const [ra, rb] = [this.find(a), this.find(b)].sort(byCodePoint) as [string, string];
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

/**
 * Words shaped like a person's name: a capital and lower-case letters, perhaps joined by a hyphen or
 * apostrophe (`Jean-Luc`, `O'Neill`) or after `Mc`. Brands with inner capitals (`HomeKit`) and
 * possessives are left out.
 */
const NAME_PART = /^(?:Mc)?\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}\p{Ll}+)?$/u;
function personShaped(form: string): boolean {
  return form.split(" ").every((w) => NAME_PART.test(w));
}

/** One word is the other with an ending that makes another word (`Breakers`, `American`, `Carla`), not another spelling. */
function inflected(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return long.startsWith(short) && ["s", "es", "n", "an", "a", "e", "'", "’"].includes(long.slice(short.length));
}

/**
 * Two spellings of one given name that differ only in a doubled letter (`Mohamed` / `Mohammed`,
 * `Philip` / `Phillip`): a transliteration or spelling habit, not another name. Short names are left
 * out, where a doubled letter does make another name (`Ana` / `Anna`, `Mat` / `Matt`).
 */
export function doubledLetterVariant(a: string, b: string): boolean {
  const single = (w: string): string => w.toLowerCase().replace(/(\p{L})\1+/gu, "$1");
  return a !== b && Math.min(a.length, b.length) >= 6 && single(a) === single(b);
}

/** Decides, from the counts alone, which forms are rewritten to which. Exported for tests. */
export function decideForms(
  documents: ReadonlyMap<string, number>,
  alone: ReadonlyMap<string, number>,
  opts: Options,
): Map<string, { to: string; rule: "name-variant" | "name-order" }> {
  const forms = [...documents.keys()].filter(personShaped).sort(byCodePoint);
  const words = englishWords();
  const common = (w: string): boolean => words.has(w.toLowerCase());
  // A family name stands alone somewhere in the run (`Kishida said`): a sign the form is a person.
  const standsAlone = (w: string): boolean => (alone.get(w) ?? 0) >= 1;
  const canonical = new Set(opts.gazetteer.map((e) => e.canonical));
  const groups = new Groups();
  const orderPairs = new Set<string>();
  const byFamily = new Map<string, string[]>();
  const byGiven = new Map<string, string[]>();
  for (const form of forms) {
    const parts = form.split(" ");
    if (parts.length !== 2) continue;
    const [given, family] = parts as [string, string];
    byFamily.set(family, [...(byFamily.get(family) ?? []), form]);
    byGiven.set(given, [...(byGiven.get(given) ?? []), form]);
    const reversed = `${family} ${given}`;
    if (documents.has(reversed) && opts.order !== "keep") {
      groups.union(form, reversed);
      orderPairs.add([form, reversed].sort(byCodePoint).join("|"));
    }
  }
  for (const [family, list] of byFamily) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = (list[i] as string).split(" ")[0] as string;
        const b = (list[j] as string).split(" ")[0] as string;
        const personal = standsAlone(family) || doubledLetterVariant(a, b);
        if (family.length >= 3 && !common(family) && personal && spellingVariants(a, b) && !inflected(a, b)) groups.union(list[i] as string, list[j] as string);
      }
    }
  }
  for (const [given, list] of byGiven) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = (list[i] as string).split(" ")[1] as string;
        const b = (list[j] as string).split(" ")[1] as string;
        if (given.length >= 3 && !common(given) && standsAlone(a) && standsAlone(b) && spellingVariants(a, b) && !inflected(a, b)) groups.union(list[i] as string, list[j] as string);
      }
    }
  }
  const members = new Map<string, string[]>();
  for (const form of forms) {
    if (form.split(" ").length !== 2) continue;
    const root = groups.find(form);
    members.set(root, [...(members.get(root) ?? []), form]);
  }
  const rewrites = new Map<string, { to: string; rule: "name-variant" | "name-order" }>();
  for (const list of members.values()) {
    if (list.length < 2) continue;
    const winner = chooseForm(list, documents, alone, canonical, opts);
    for (const form of list) {
      if (form === winner) continue;
      const isOrder = orderPairs.has([form, winner].sort(byCodePoint).join("|"));
      rewrites.set(form, { to: winner, rule: isOrder ? "name-order" : "name-variant" });
    }
  }
  return rewrites;
}

function chooseForm(
  list: readonly string[],
  documents: ReadonlyMap<string, number>,
  alone: ReadonlyMap<string, number>,
  canonical: ReadonlySet<string>,
  opts: Options,
): string {
  const fromGazetteer = list.filter((f) => canonical.has(f)).sort(byCodePoint)[0];
  if (fromGazetteer !== undefined) return fromGazetteer;
  const score = (form: string): number => {
    const [first, second] = form.split(" ") as [string, string];
    if (opts.order === "keep") return 0;
    // The family name is the word written alone more often; it goes last for given-first.
    const familyLast = (alone.get(second) ?? 0) - (alone.get(first) ?? 0);
    return opts.order === "given-first" ? Math.sign(familyLast) : -Math.sign(familyLast);
  };
  return [...list].sort(
    (a, b) => score(b) - score(a) || (documents.get(b) ?? 0) - (documents.get(a) ?? 0) || byCodePoint(a, b),
  )[0] as string;
}

/** What one draft brings to the run's counts: the name forms it uses and the words it writes alone. */
interface NameFeatures {
  names: string[];
  alone: [string, number][];
}

type Rule = "name-variant" | "name-order";

/** The run's rewrites as apply needs them, with a key that names this exact list. */
interface RewriteList {
  key: string;
  rewrites: [from: string, to: string, rule: Rule][];
}

/** The pattern and table of the last list seen in this thread (one list per run). */
let compiled: { key: string; pattern: RegExp; table: Map<string, { to: string; rule: Rule }> } | null = null;

function compile(list: RewriteList): NonNullable<typeof compiled> {
  if (compiled?.key === list.key) return compiled;
  const table = new Map(list.rewrites.map(([from, to, rule]) => [from, { to, rule }] as const));
  const sources = [...table.keys()].sort((a, b) => b.length - a.length || byCodePoint(a, b));
  const pattern = new RegExp(`${WORD_START}(?:${sources.map(escapeRegExp).join("|")})${WORD_END}`, "gu");
  compiled = { key: list.key, pattern, table };
  return compiled;
}

export const namesCorpus = defineCorpusStage({
  name: "names-corpus",
  description: "Writes each person's name one way across the run: spelling variants and name order, chosen by evidence",
  options,
  createState: (): NamesCorpusState => ({ documents: new Map(), alone: new Map(), rewrites: new Map(), list: null }),
  features(draft): NameFeatures {
    const words = englishWords();
    const seen = new Set<string>();
    const alone = new Map<string, number>();
    for (const text of textsOf(draft)) addNameForms(text, words, seen, alone);
    return { names: [...seen], alone: [...alone] };
  },
  collect(features: NameFeatures, _ref, state) {
    for (const [w, n] of features.alone) state.alone.set(w, (state.alone.get(w) ?? 0) + n);
    for (const name of features.names) state.documents.set(name, (state.documents.get(name) ?? 0) + 1);
  },
  finish(state, ctx) {
    state.rewrites = decideForms(state.documents, state.alone, ctx.options);
    if (state.rewrites.size > 0) {
      const rewrites = [...state.rewrites].sort(([a], [b]) => byCodePoint(a, b)).map(([from, d]) => [from, d.to, d.rule] as [string, string, Rule]);
      state.list = { key: JSON.stringify(rewrites), rewrites };
    }
    ctx.log.debug({ rewrites: state.rewrites.size }, "name forms decided");
  },
  decide: (_ref, state) => state.list ?? undefined,
  applyDecision(draft, list: RewriteList) {
    const { pattern, table } = compile(list);
    for (const rule of ["name-order", "name-variant"] as const) {
      forEachText(draft, rule, (block) => {
        draft.rewrite(block, rule, new RegExp(pattern.source, "gu"), (m) => {
          const decision = table.get(m[0]);
          return decision && decision.rule === rule ? decision.to : null;
        });
      });
    }
  },
  describe: (state) => ({
    forms: state.documents.size,
    rewrites: Object.fromEntries([...state.rewrites].sort(([a], [b]) => byCodePoint(a, b)).map(([from, d]) => [from, d.to])),
  }),
});
