/**
 * What syndication does to an article, as text transformations for the duplicate benchmark: a
 * republishing site wraps the story in its own lines, drops or reorders a paragraph, edits a few
 * sentences, changes the headline, or prints only an excerpt.
 */
import type { Rng } from "./rng.ts";

export interface Copy {
  text: string;
  title: string;
  truncated: boolean;
  /** What was done, for per-transformation recall. */
  kinds: string[];
}

/** Each republishing site's own lines (newsletter, social, membership, comments): written for this benchmark. */
const SITE_LINES: readonly (readonly string[])[] = [
  [
    "Get the Morning Brief: the five stories you need to know, in your inbox every weekday at 6 a.m.",
    "This article was republished from a partner newsroom under a content-sharing agreement.",
    "Have a tip? Contact our newsroom securely; we protect our sources.",
  ],
  [
    "Follow the Valley Courier on Facebook and Instagram for more local coverage.",
    "Support independent local journalism: become a member for less than the price of a coffee a week.",
    "Copyright 2025 Valley Courier Media Group. All rights reserved.",
  ],
  [
    "Related coverage: more stories from our business desk, updated throughout the day.",
    "We use your sign-up to provide content in ways you've consented to and to improve our understanding of you.",
    "Readers' comments are reviewed before publication and may be edited for length.",
    "Photo: supplied",
  ],
  [
    "Listen to this article (4 minutes). Audio is generated automatically and may contain errors.",
    "Want more stories like this? Download our free app for breaking news alerts.",
  ],
  [
    "This story originally appeared on a wire service and has been edited for our readers.",
    "Sign up to receive our weekly roundup of the most-read stories every Sunday morning.",
    "Advertisement",
    "Share this story with friends and family on WhatsApp, Telegram or by email.",
  ],
];

export const SITE_COUNT = SITE_LINES.length;

const REPLACEMENTS: ReadonlyArray<[RegExp, string]> = [
  [/\bsaid\b/, "told reporters"],
  [/\bhowever\b/i, "but"],
  [/\babout\b/, "roughly"],
  [/\balso\b/, "additionally"],
  [/\bbig\b/, "large"],
  [/\bshow\b/, "indicate"],
  [/\bthe company\b/i, "the firm"],
  [/\bbecause\b/, "since"],
  [/\bimportant\b/, "key"],
  [/\bmany\b/, "numerous"],
];

function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n|\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

/** Rewords one sentence of a paragraph: a word swapped for a synonym, a number changed, or a clause cut. */
function editParagraph(p: string, rng: Rng): string {
  const sentences = p.split(/(?<=[.!?])\s+/);
  const at = rng.int(sentences.length);
  let s = sentences[at] as string;
  const choice = rng.int(3);
  const rule = REPLACEMENTS.find(([re]) => re.test(s));
  if (choice === 0 && rule) s = s.replace(rule[0], rule[1]);
  else if (choice === 1 && /\d/.test(s)) s = s.replace(/\d+/, (n) => String(Number(n) + 1));
  else {
    const words = s.split(" ");
    if (words.length > 8) words.splice(1 + rng.int(words.length - 4), 2);
    else words.push("officials said");
    s = words.join(" ");
  }
  sentences[at] = s;
  return sentences.join(" ");
}

export type CopyKind = "exact" | "syndicated" | "edited" | "rewritten" | "excerpt";

/** A copy of `text` of the given kind. */
export function makeCopy(text: string, title: string, kind: CopyKind, site: number, rng: Rng): Copy {
  let ps = paragraphsOf(text);
  const kinds: string[] = [kind];
  if (kind === "exact") {
    // the same article scraped again: other spacing, quotes and line breaks
    const t = ps.join(rng.chance(0.5) ? "\n" : "\n\n").replace(/'/g, "’").replace(/ {1}/g, rng.chance(0.3) ? "  " : " ");
    return { text: t, title, truncated: false, kinds };
  }
  if (kind === "excerpt") {
    const words = ps.reduce((n, p) => n + p.split(/\s+/).length, 0);
    const keep = words * (0.15 + rng.next() * 0.3);
    const out: string[] = [];
    let n = 0;
    for (const p of ps) {
      out.push(p);
      n += p.split(/\s+/).length;
      if (n >= keep) break;
    }
    const truncated = rng.chance(0.7);
    if (truncated) kinds.push("flagged-truncated");
    return { text: out.join("\n\n"), title, truncated, kinds };
  }
  // syndicated / edited: one to three of the transformations syndication does
  const steps = kind === "syndicated" ? ["lines", ...(rng.chance(0.5) ? ["edit"] : [])] : [];
  if (kind === "edited") {
    const pool = ["edit", "drop", "reorder", "headline", "edit"];
    const count = 1 + rng.int(3);
    for (let i = 0; i < count; i++) steps.push(rng.pick(pool));
  }
  if (kind === "rewritten") {
    // a desk that reworks the story: a sentence changed in most paragraphs, a paragraph dropped, its own lines
    steps.push("lines", "drop", "reorder", "rework");
  }
  let newTitle = title;
  for (const step of steps) {
    if (step === "lines") {
      const lines = SITE_LINES[site % SITE_LINES.length] as readonly string[];
      ps = [lines[0] as string, ...ps, ...lines.slice(1)];
    } else if (step === "edit" && ps.length > 0) {
      for (let i = 0; i < 1 + rng.int(3); i++) {
        const at = rng.int(ps.length);
        ps[at] = editParagraph(ps[at] as string, rng);
      }
    } else if (step === "drop" && ps.length > 4) {
      ps.splice(1 + rng.int(ps.length - 1), 1);
    } else if (step === "reorder" && ps.length > 3) {
      const at = 1 + rng.int(ps.length - 2);
      [ps[at], ps[at + 1]] = [ps[at + 1] as string, ps[at] as string];
    } else if (step === "rework") {
      ps = ps.map((p) => (rng.chance(0.6) ? editParagraph(editParagraph(p, rng), rng) : p));
    } else if (step === "headline") {
      newTitle = `${title.split(":")[0]} — ${rng.pick(["report", "update", "what we know", "explained"])}`;
    }
    kinds.push(step);
  }
  return { text: ps.join("\n\n"), title: newTitle, truncated: false, kinds };
}

/** A hard negative: a different article that quotes one paragraph of `other`, in `site`'s template. */
export function quoting(text: string, other: string, site: number, rng: Rng): string {
  const ps = paragraphsOf(text);
  const quoted = paragraphsOf(other);
  const q = quoted[rng.int(quoted.length)] as string;
  ps.splice(Math.min(ps.length, 1 + rng.int(3)), 0, q);
  const lines = SITE_LINES[site % SITE_LINES.length] as readonly string[];
  return [lines[0] as string, ...ps, ...lines.slice(1)].join("\n\n");
}
