/**
 * The quality stage: what is not an article is rejected with a reason; the language is guessed.
 */
import { describe, expect, it } from "vitest";
import { Draft } from "../src/draft.ts";
import { runArticleStages } from "../src/process.ts";
import type { ArticleStage } from "../src/stage.ts";
import { quality } from "../src/stages/quality.ts";
import fc from "fast-check";
import { detectLanguage, detectLanguageOf } from "../src/text/language.ts";

async function judge(...paragraphs: string[]): Promise<Draft> {
  const d = new Draft({ id: "q", source: { path: "q.txt", index: 0 }, raw: { kind: "text", content: "" } });
  for (const p of paragraphs) d.addBlock("paragraph", p);
  await runArticleStages(d, [quality() as ArticleStage]);
  return d;
}

const prose =
  "The regional council voted on Tuesday to keep the night bus running through the winter, after drivers and students signed a petition that gathered more than four thousand names in two weeks.";

describe("quality", () => {
  it("keeps a real article and sets its language", async () => {
    const d = await judge(prose, prose.replace("Tuesday", "Friday"));
    expect(d.rejection).toBeNull();
    expect(d.meta.language).toBe("en");
  });

  it("rejects an empty body, a too-short body and garbled bytes, each with its reason", async () => {
    expect((await judge()).rejection?.reason).toBe("no-text");
    expect((await judge("Click here.")).rejection?.reason).toBe("too-short");
    const garbage = "Ùz^\u007fÛ\u0013ª/²Ÿã\u009dÇ:Ký\"\u001b÷Œ\u0015ñq9î†þN¥\u0002¹:å\u0011‡ª¤\u0019¶\u0090¾¬\u009da‰<m ".repeat(6);
    const g = await judge(garbage);
    expect(g.rejection?.reason).toBe("not-text");
    expect(g.rejection?.detail).toMatch(/binary|decoded/);
  });

  it("does not take accents, quotes, dashes or non-Latin scripts for garbage", async () => {
    const d = await judge(
      "Les élèves de l’école ont présenté « leur » projet — une serre solaire — devant le maire et les parents, qui ont applaudi longuement à la fin de la séance.",
      "東京都は火曜日、夜間バスの運行を冬の間も続けると発表した。学生や運転手が署名を集めていた。",
    );
    expect(d.rejection).toBeNull();
  });

  it("puts dates and languages the input gave in the record's form, and flags a date it cannot read", async () => {
    const d = new Draft({ id: "m", source: { path: "m.jsonl", index: 0 }, raw: { kind: "text", content: "" }, meta: { publishedAt: "13 January 2023", language: "en-GB" } });
    d.addBlock("paragraph", prose);
    await runArticleStages(d, [quality() as ArticleStage]);
    expect(d.meta.publishedAt).toBe("2023-01-13");
    expect(d.meta.language).toBe("en");
    const bad = new Draft({ id: "b", source: { path: "m.jsonl", index: 1 }, raw: { kind: "text", content: "" }, meta: { publishedAt: "last spring" } });
    bad.addBlock("paragraph", prose);
    await runArticleStages(bad, [quality() as ArticleStage]);
    expect(bad.rejection).toBeNull();
    expect(bad.meta.publishedAt).toBeNull();
    expect(bad.flagged[0]?.rule).toBe("unreadable-date");
  });

  it("guesses languages by script and by stop words, and says null when unsure", () => {
    expect(detectLanguage("Die Regierung hat am Dienstag beschlossen, dass der Nachtbus auch im Winter fährt, und die Studenten sind froh.")).toBe("de");
    expect(detectLanguage("El gobierno anunció el martes que el autobús nocturno seguirá funcionando durante el invierno, y los estudiantes celebraron.")).toBe("es");
    expect(detectLanguage("東京都は火曜日、夜間バスの運行を冬の間も続けると発表した。")).toBe("ja");
    expect(detectLanguage("Правительство во вторник объявило, что ночной автобус будет ходить и зимой.")).toBe("ru");
    expect(detectLanguage("Она сказала, что он придет в среду и все будет как надо, а потом они поедут домой.")).toBe("ru");
    expect(detectLanguage("Rząd ogłosił we wtorek, że nocny autobus będzie jeździł także zimą, a studenci są z tego zadowoleni.")).toBe("pl");
    expect(detectLanguage("12 34 56")).toBeNull();
  });
});

describe("word counts in scripts without spaces", () => {
  it("count a Japanese or Chinese article as long as it is, not as one word", async () => {
    const ja = "東京都は火曜日、夜間バスの運行を冬の間も続けると発表した。学生や運転手が署名を集めていた。市の担当者は、利用者が多い路線から順に増便する方針を示した。";
    const d = await judge(ja);
    expect(d.rejection).toBeNull();
  });
});

describe("language of a title and body", () => {
  it("is the language of the two joined, whatever their lengths and scripts", () => {
    // pieces whose place decides: a script's rule that reads the whole text (Persian letters in
    // Arabic, Ukrainian ones in Cyrillic) and text long enough to push them past the sample
    const pieces = [
      "The council met on Monday and the mayor said the plan would go ahead. ",
      "Der Rat hat am Montag die Pläne für die neue Brücke und die Schule gebilligt. ",
      "المجلس وافق على الخطة الجديدة يوم الاثنين ",
      "پچژگ ",
      "Совет одобрил новый план в понедельник ",
      "їєґ ",
      "東京の会議で新しい計画が承認された。",
      "x".repeat(700),
      "ب".repeat(700),
      "д".repeat(700),
      "",
    ];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 16 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, text, (head, body) => {
        expect(detectLanguageOf(head, body)).toBe(detectLanguage(`${head}\n${body}`));
      }),
      { numRuns: 1500 },
    );
    // a rule that reads the whole text: the letters that tell Persian and Ukrainian come late
    const arabic = "ب".repeat(3100);
    const cyrillic = "д".repeat(3100);
    expect(detectLanguageOf("عنوان", `${arabic} پ`)).toBe("fa");
    expect(detectLanguageOf("Заголовок", `${cyrillic} ї`)).toBe("uk");
    expect(detectLanguageOf("Заголовок", `${cyrillic} ы`)).toBe("ru");
  });
});
