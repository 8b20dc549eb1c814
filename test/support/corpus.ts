/**
 * A generator of realistic synthetic news dumps for tests and benchmarks: articles of a few hundred
 * words built from varied sentence patterns, with the junk scrapers leave (share counters, "See
 * also" inserts, cookie banners, comment prompts) and, on request, exact and near copies.
 * Deterministic: the same seed gives the same corpus.
 */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACES = ["Lisbon", "Nairobi", "Osaka", "Valparaíso", "Gdańsk", "Tbilisi", "Hobart", "Winnipeg", "Accra", "Cebu", "Tromsø", "Mendoza", "Izmir", "Kraków", "Da Nang", "Cork"];
const PEOPLE = ["Amara Okafor", "Lena Vogt", "Tomás Ibarra", "Priya Raman", "Jonas Lindqvist", "Mei Tanaka", "Karim Haddad", "Sofia Marques", "Daniel Brennan", "Aylin Demir", "Rafael Costa", "Hana Novak"];
const BODIES = ["the port authority", "the regional council", "the health ministry", "the transport union", "the central bank", "the water utility", "the teachers' federation", "the fisheries board", "the energy regulator", "the city's planning office"];
const THINGS = ["a new tariff on freight", "the closure of two clinics", "a plan to widen the coastal road", "wage talks for nurses", "a ban on night flights", "the sale of a state-owned bank", "repairs to the old dam", "a tax on empty homes", "funding for rural schools", "a desalination plant"];
const VERBS = ["announced", "rejected", "delayed", "approved", "questioned", "defended", "suspended", "revised", "criticised", "welcomed"];
const TIMES = ["on Monday", "on Tuesday", "late on Wednesday", "on Thursday morning", "on Friday", "over the weekend", "last week", "earlier this month"];
const CLAUSES = [
  "after months of talks that had stalled over the cost",
  "despite objections from residents who gathered outside the building",
  "in a decision that surprised several members of the opposition",
  "although officials admitted that the figures were still being checked",
  "saying the change would take effect at the start of next year",
  "and promised to publish the full report within three weeks",
  "while warning that further cuts could not be ruled out",
  "citing a shortage of qualified staff across the region",
];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

function sentence(r: () => number): string {
  const kind = Math.floor(r() * 4);
  const who = pick(r, PEOPLE);
  const body = pick(r, BODIES);
  switch (kind) {
    case 0:
      return `${body[0]?.toUpperCase()}${body.slice(1)} ${pick(r, VERBS)} ${pick(r, THINGS)} ${pick(r, TIMES)}, ${pick(r, CLAUSES)}.`;
    case 1:
      return `“We have listened to every side, and we believe this is the fairest way forward,” said ${who}, who speaks for ${body}.`;
    case 2:
      return `In ${pick(r, PLACES)}, ${Math.floor(r() * 900 + 100)} people signed a petition about ${pick(r, THINGS)}, ${pick(r, CLAUSES)}.`;
    default:
      return `${who} told reporters ${pick(r, TIMES)} that ${body} had ${pick(r, VERBS)} ${pick(r, THINGS)} ${pick(r, CLAUSES)}.`;
  }
}

export interface GeneratedArticle {
  id: string;
  title: string;
  text: string;
}

/** One article: a title, 6-14 paragraphs of 2-5 sentences, and some junk lines. */
export function article(r: () => number, id: string, junk = true): GeneratedArticle {
  const title = `${pick(r, PLACES)}: ${pick(r, BODIES)} ${pick(r, VERBS)} ${pick(r, THINGS)}`;
  const paras: string[] = [];
  const n = 6 + Math.floor(r() * 9);
  for (let i = 0; i < n; i++) {
    const k = 2 + Math.floor(r() * 4);
    paras.push(Array.from({ length: k }, () => sentence(r)).join(" "));
  }
  const lines = [title, "", ...(junk && r() < 0.4 ? [String(Math.floor(r() * 90)), "SHARE", ""] : [])];
  paras.forEach((p, i) => {
    lines.push(p, "");
    if (junk && i === 2 && r() < 0.5) lines.push(`See also  ${pick(r, PLACES)} ${pick(r, VERBS)} ${pick(r, THINGS)}`, "");
  });
  if (junk && r() < 0.5) lines.push("Leave a Reply", "", "Your email address will not be published. Required fields are marked *");
  if (junk && r() < 0.3) lines.push("", "This website uses cookies to improve your experience. We'll assume you're ok with this. Accept Read More");
  return { id, title, text: lines.join("\n") };
}

/** A near copy, as syndication makes it: other junk, one sentence edited, maybe a paragraph dropped. */
export function nearCopy(r: () => number, a: GeneratedArticle, id: string): GeneratedArticle {
  const paras = a.text.split("\n\n");
  if (paras.length > 6 && r() < 0.5) paras.splice(3 + Math.floor(r() * (paras.length - 4)), 1);
  const text = paras.join("\n\n").replace(/ said /, " told local radio ");
  return { id, title: a.title, text: `${text}\n\nFollow us on Twitter and Facebook` };
}

/** JSONL lines of `count` articles, with a share of exact and near copies. */
export function* jsonlCorpus(count: number, seed = 1, copies = 0.05): Generator<string> {
  const r = rng(seed);
  let last: GeneratedArticle | null = null;
  for (let i = 0; i < count; i++) {
    const id = `a${i}`;
    let a: GeneratedArticle;
    if (last && r() < copies) a = r() < 0.5 ? { ...last, id } : nearCopy(r, last, id);
    else a = article(r, id);
    last = a;
    yield JSON.stringify({ id: a.id, url: `https://news${i % 7}.example/${a.id}`, text: a.text });
  }
}
