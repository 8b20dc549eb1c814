/**
 * Every rule of the repair rule tables fires on its examples and leaves its negatives alone:
 * repair-text.json (coded text rules), repair-spinner.json (phrase rules), repair-names.json.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { GazetteerEntry } from "../../src/pipeline.ts";
import { names } from "../../src/stages/names.ts";
import { SPINNER_RULES, repairText } from "../../src/stages/repair-text.ts";
import { repairFirst } from "./helpers.ts";

interface CodedExample {
  text: string;
  context?: string[];
  gazetteer?: GazetteerEntry[];
  fixed?: string;
}
interface CodedRule {
  id: string;
  category: string;
  does: string;
  examples: CodedExample[];
  negatives: CodedExample[];
}

const table = (name: string): CodedRule[] =>
  (JSON.parse(readFileSync(new URL(`../../src/stages/rules/${name}`, import.meta.url), "utf8")) as { rules: CodedRule[] }).rules;

describe("repair-text.json: coded text rules", () => {
  for (const rule of table("repair-text.json")) {
    describe(rule.id, () => {
      it.each(rule.examples)("fires on %j", async (ex) => {
        const { text, draft } = await repairFirst([repairText()], ex.text, ex.context);
        expect(text).toBe(ex.fixed);
        expect(draft.repaired.some((r) => r.rule === rule.id)).toBe(true);
      });
      it.each(rule.negatives)("leaves %j", async (ex) => {
        const { text, draft } = await repairFirst([repairText()], ex.text, ex.context);
        expect(text).toBe(ex.text);
        expect(draft.repaired.filter((r) => r.rule === rule.id)).toEqual([]);
      });
    });
  }
});

describe("repair-names.json: name rules", () => {
  for (const rule of table("repair-names.json")) {
    describe(rule.id, () => {
      it.each(rule.examples)("fires on %j", async (ex) => {
        const { text, draft } = await repairFirst([names({ gazetteer: ex.gazetteer ?? [] })], ex.text, ex.context);
        expect(text).toBe(ex.fixed);
        expect(draft.repaired.some((r) => r.rule === rule.id)).toBe(true);
      });
      it.each(rule.negatives)("leaves %j", async (ex) => {
        const { text, draft } = await repairFirst([names({ gazetteer: ex.gazetteer ?? [] })], ex.text, ex.context);
        expect(text).toBe(ex.text);
        expect(draft.repaired).toEqual([]);
      });
    });
  }
});

describe("repair-spinner.json: phrase rules", () => {
  for (const rule of SPINNER_RULES) {
    describe(`${rule.id} (${rule.action})`, () => {
      it.each(rule.examples)("fires on %j", async (ex) => {
        const input = typeof ex === "string" ? ex : ex.text;
        const { text, draft } = await repairFirst([repairText()], input);
        if (rule.action === "fix") {
          expect(typeof ex === "string" ? null : ex.fixed).toBe(text);
          expect(draft.repaired.some((r) => r.rule === rule.id)).toBe(true);
        } else {
          expect(text).toBe(input);
          expect(draft.flagged.some((f) => f.rule === rule.id)).toBe(true);
        }
      });
      it.each(rule.negatives)("leaves %j", async (input) => {
        const { text, draft } = await repairFirst([repairText()], input);
        expect(text).toBe(input);
        expect(draft.repaired.filter((r) => r.rule === rule.id)).toEqual([]);
        expect(draft.flagged.filter((f) => f.rule === rule.id)).toEqual([]);
      });
    });
  }
});
