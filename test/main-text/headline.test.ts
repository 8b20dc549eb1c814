import { describe, expect, it } from "vitest";
import { headlineForms, headlineLines } from "../../src/segment/headline.ts";

describe("headlineForms", () => {
  it("drops the site name after a separator", () => {
    const forms = headlineForms("Harbour council approves flood barrier | The Coastal Ledger");
    expect(forms).toContain("harbour council approves flood barrier");
  });

  it("keeps a title without a site name whole, and ignores one- or two-word parts", () => {
    expect(headlineForms("Library extends opening hours - BBC")).toEqual([
      "library extends opening hours bbc",
      "library extends opening hours",
    ]);
  });
});

describe("headlineLines", () => {
  const page = ["News", "Sport", "Harbour council approves flood barrier", "The council voted on Monday to build it."];

  it("finds the line that prints the headline", () => {
    expect(headlineLines(page, "Harbour council approves flood barrier - The Coastal Ledger")).toEqual([2]);
  });

  it("finds nothing for an unrelated title or none", () => {
    expect(headlineLines(page, "Ferry crews strike at Piraeus | Aegean Daily")).toEqual([]);
    expect(headlineLines(page, null)).toEqual([]);
  });

  it("does not take a sentence that merely contains the headline's words", () => {
    expect(headlineLines(["Harbour council approves flood barrier after long fight, residents say."], "Harbour council approves flood barrier | Ledger")).toEqual([]);
  });
});
