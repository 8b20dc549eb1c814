/**
 * Guessing the language of a text: by script for the languages that have their own, by stop-word
 * share among the Latin-script languages we know. Returns an ISO 639-1 code, or null when unsure.
 */
import { STOP_WORDS } from "./stopwords.ts";
import { words } from "./measure.ts";

const SCRIPTS: Array<[RegExp, (text: string) => string | null]> = [
  [/[\u3040-\u30ff]/u, () => "ja"],
  [/[\uac00-\ud7af]/u, () => "ko"],
  [/\p{Script=Han}/u, () => "zh"],
  [/\p{Script=Arabic}/u, (t) => (/[پچژگ]/u.test(t) ? "fa" : "ar")],
  [/\p{Script=Hebrew}/u, () => "he"],
  [/\p{Script=Greek}/u, () => "el"],
  [/\p{Script=Thai}/u, () => "th"],
  [/\p{Script=Devanagari}/u, () => "hi"],
  [/\p{Script=Cyrillic}/u, (t) => (/[іїєґ]/iu.test(t) ? "uk" : /[ыэъё]/iu.test(t) ? "ru" : byStopWords(t, ["ru", "uk"]))],
];

function dominantScript(text: string): RegExp | null {
  const sample = text.slice(0, 3000);
  let ascii = 0;
  let other = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) ascii++;
    else if (c >= 0xc0) other++;
  }
  // Latin script (accents included) needs no script test.
  if (other < (ascii + other) * 0.3) return null;
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return null;
  for (const [re] of SCRIPTS) {
    const global = new RegExp(re.source, "gu");
    const n = sample.match(global)?.length ?? 0;
    if (n / letters > 0.3) return re;
  }
  return null;
}

/** The language among `candidates` whose stop words make up the largest share of the text. */
function byStopWords(text: string, candidates: readonly string[]): string | null {
  const ws = words(text.slice(0, 2500)).map((w) => w.toLowerCase());
  let best: string | null = null;
  let bestShare = 0;
  for (const lang of candidates) {
    const list = STOP_WORDS[lang];
    if (!list) continue;
    const share = ws.filter((w) => list.has(w)).length / Math.max(1, ws.length);
    if (share > bestShare) {
      bestShare = share;
      best = lang;
    }
  }
  return bestShare >= 0.1 ? best : null;
}

/** The languages with stop-word lists, in their order (the first wins a tie). */
const LANGUAGES = Object.keys(STOP_WORDS);
/** Each stop word, with a bit for every language that lists it. */
const STOP_WORD_LANGUAGES = new Map<string, number>();
LANGUAGES.forEach((lang, k) => {
  for (const w of STOP_WORDS[lang] ?? []) STOP_WORD_LANGUAGES.set(w, (STOP_WORD_LANGUAGES.get(w) ?? 0) | (1 << k));
});

export function detectLanguage(text: string): string | null {
  const script = dominantScript(text);
  if (script) {
    const entry = SCRIPTS.find(([re]) => re === script);
    return entry ? entry[1](text) : null;
  }
  const ws = words(text.slice(0, 2500));
  if (ws.length < 8) return null;
  // one lookup a word: which languages list it as a stop word (a bit per language)
  const counts = new Array<number>(LANGUAGES.length).fill(0);
  for (const w of ws) {
    let mask = STOP_WORD_LANGUAGES.get(w.toLowerCase()) ?? 0;
    for (let k = 0; mask !== 0; k++, mask >>>= 1) if (mask & 1) counts[k] = (counts[k] as number) + 1;
  }
  let best: string | null = null;
  let bestShare = 0;
  let second = 0;
  LANGUAGES.forEach((lang, k) => {
    const share = (counts[k] as number) / ws.length;
    if (share > bestShare) {
      second = bestShare;
      bestShare = share;
      best = lang;
    } else if (share > second) second = share;
  });
  return bestShare >= 0.12 && bestShare >= second * 1.5 ? best : null;
}
