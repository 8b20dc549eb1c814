/**
 * Guessing the legacy encoding of bytes that are not UTF-8 and declare nothing. Western text in
 * windows-1252 is the usual case; Chinese, Japanese and Korean dumps in their national encodings are
 * the others that scraped news brings. Each East Asian candidate decodes the first 64 KiB and is
 * scored on what its text would have to look like if it were right:
 *
 * - no (or almost no) invalid sequences;
 * - Japanese has kana among its non-ASCII characters, Korean is mostly Hangul syllables;
 * - Chinese has many of the most frequent Han characters: a wrong decoding of the same bytes also
 *   gives Han characters, but rare ones, which is how GBK and Big5 are told apart.
 *
 * The best candidate over its threshold wins; otherwise windows-1252.
 */
import { TextDecoder } from "node:util";

const SAMPLE_BYTES = 64 * 1024;
/** Invalid sequences tolerated, per non-ASCII character (a sample cut mid-character gives one). */
const MAX_ERROR_SHARE = 0.01;

// Very frequent Han characters of news prose, simplified and traditional forms both.
const FREQUENT_HAN = new Set(
  "的一是不了在人有我他这這个個们們中来來上大为為和国國地到以说說时時要就出会會可也对對生能而子那得于於着著下自之年过過发發后後作里裡用道行所然家种種事成方多经經去法学學如都同现現当當没沒动動面起看定天分还還进進好小部其些主样樣理心她本前开開但因只从從想实實日军軍者意无無力它与與长長把机機十民第公此已工使情明性知全三又关關点點正业業外将將两兩高间間由问問很最重并並物手应應战戰向头頭文体體政美相见見被利等产產或新制身果加西月话話合回特代内內信表化老给給世位次度门門任常先海通教儿兒原东東声聲提立及比员員解水名真论論处處走义義各入口认認条條平系气氣题題活更别別打女变變四总總何电電数數安少报報才结結反受目太量再感建务務做接必场場件计計管期市直资資命山金指克许許统統区區保至队隊形社便空决決治展马馬科司五基首相总统總統会谈會談举行舉行表示双方雙方关系關係加强加強进一步進一步同盟美国美國日本中国中國政府经济經濟报道報導记者記者"
    .split("")
    .filter((c) => c.trim()),
);

interface Candidate {
  encoding: string;
  /** Share (0..1) of the non-ASCII characters that look right for this encoding's language. */
  score: (text: string) => number;
  threshold: number;
}

const isKana = (code: number) => code >= 0x3040 && code <= 0x30ff;
const isHangul = (code: number) => code >= 0xac00 && code <= 0xd7a3;
const isHan = (code: number) => code >= 0x4e00 && code <= 0x9fff;

function share(text: string, good: (char: string, code: number) => boolean): number {
  let nonAscii = 0;
  let hits = 0;
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (code < 0x80) continue;
    nonAscii++;
    if (good(char, code)) hits++;
  }
  return nonAscii === 0 ? 0 : hits / nonAscii;
}

const japanese = (text: string) => {
  const kana = share(text, (_, code) => isKana(code));
  return kana < 0.05 ? 0 : share(text, (char, code) => isKana(code) || FREQUENT_HAN.has(char) || (isHan(code) && kana > 0.15));
};

const CANDIDATES: Candidate[] = [
  { encoding: "gbk", score: (text) => share(text, (char) => FREQUENT_HAN.has(char)), threshold: 0.25 },
  { encoding: "big5", score: (text) => share(text, (char) => FREQUENT_HAN.has(char)), threshold: 0.25 },
  { encoding: "shift_jis", score: japanese, threshold: 0.4 },
  { encoding: "euc-jp", score: japanese, threshold: 0.4 },
  { encoding: "euc-kr", score: (text) => share(text, (_, code) => isHangul(code)), threshold: 0.8 },
];

/** The most likely legacy encoding of bytes that are not valid UTF-8 and declare none. */
export function guessLegacyEncoding(bytes: Uint8Array): string {
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  let highBytes = 0;
  for (const byte of sample) if (byte >= 0x80) highBytes++;
  // East Asian text uses two high bytes a character; a few scattered ones are accented letters.
  if (highBytes < 8) return "windows-1252";
  let best: { encoding: string; score: number } | null = null;
  for (const candidate of CANDIDATES) {
    const text = new TextDecoder(candidate.encoding).decode(sample);
    let errors = 0;
    for (let i = text.indexOf("\uFFFD"); i >= 0; i = text.indexOf("\uFFFD", i + 1)) errors++;
    if (errors > 1 + (highBytes / 2) * MAX_ERROR_SHARE) continue;
    const score = candidate.score(text);
    if (score >= candidate.threshold && (!best || score > best.score)) best = { encoding: candidate.encoding, score };
  }
  return best?.encoding ?? "windows-1252";
}
