import { describe, expect, it } from "vitest";
import { blockScore, proseFeatures, stripBullet } from "../../src/segment/prose-score.ts";
import { pageLanguage } from "../../src/segment/page-language.ts";

const score = (text: string, language: string | null = "en", repeated = false): number =>
  blockScore(proseFeatures(text, language, repeated));

describe("blockScore", () => {
  it("weighs a paragraph of running text by its length", () => {
    const s = score("The council voted on Monday to build a movable flood barrier across the mouth of the estuary, ending years of studies.");
    expect(s).toBeGreaterThan(10);
  });

  it("makes menu entries and share lines cost", () => {
    for (const line of ["Politics", "Big Data", "PC Gaming", "Follow us on Instagram", "Sign in"]) {
      expect(score(line), line).toBeLessThan(0);
    }
  });

  it("keeps a short sentence or a line of dialogue above zero", () => {
    expect(score("Nobody said anything else.")).toBeGreaterThan(0);
    expect(score("“It's never the bulb,” said the keeper's son.")).toBeGreaterThan(0);
  });

  it("charges a paragraph the page prints twice", () => {
    const text = "Sign up to our newsletter and get the best of the week delivered to your inbox every Friday.";
    expect(score(text, "en", true)).toBeLessThan(score(text, "en", false));
  });

  it("uses the page's language for stop words (German, Russian)", () => {
    const de = "Der Stadtrat hat am Montag beschlossen, dass die neue Brücke über den Fluss im nächsten Jahr gebaut wird.";
    const ru = "Городской совет в понедельник решил, что новый мост через реку будет построен уже в следующем году.";
    expect(score(de, "de")).toBeGreaterThan(score(de, "en"));
    expect(score(ru, "ru")).toBeGreaterThan(10);
  });

  it("counts Chinese and Japanese text by characters, not by spaces", () => {
    const zh = "市议会周一投票决定在河口修建一座可移动的防洪屏障，结束了十多年的研究和争论。";
    expect(proseFeatures(zh, null, false).words).toBeGreaterThan(15);
  });

  it("lets a line that reads like a list item cost less than a menu entry", () => {
    expect(score("любая птица (включая дичь)", "ru")).toBeGreaterThan(score("Главная Новости Спорт", "ru"));
  });
});

describe("stripBullet", () => {
  it("takes the bullet off a list line, not a number off a sentence", () => {
    expect(stripBullet("* Channels")).toEqual({ text: "Channels", bulleted: true });
    expect(stripBullet("+ GamesBeat")).toEqual({ text: "GamesBeat", bulleted: true });
    expect(stripBullet("2019 was a hard year.")).toEqual({ text: "2019 was a hard year.", bulleted: false });
  });
});

describe("pageLanguage", () => {
  it("guesses from sentence lines, not from the menus around them", () => {
    const page = [
      "Portada", "Local", "Deportes", "Cultura", "Opinión",
      "El pleno del Ayuntamiento aprobó este lunes el nuevo plan de autobuses nocturnos para los barrios de la periferia.",
      "La propuesta salió adelante con los votos del equipo de gobierno y de uno de los grupos de la oposición.",
    ];
    expect(pageLanguage(page)).toBe("es");
  });

  it("returns null when there is no text to tell", () => {
    expect(pageLanguage(["Home", "News"])).toBeNull();
  });
});
