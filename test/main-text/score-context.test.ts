import { describe, expect, it } from "vitest";
import { chargeRepeatedShapes, stiffenRuns, weighByNeighbours } from "../../src/segment/score-context.ts";

describe("stiffenRuns", () => {
  it("makes each further furniture line of a run cost more", () => {
    expect(stiffenRuns([-2, -2, -2, 10, -2], 1)).toEqual([-2, -4, -6, 10, -2]);
  });

  it("leaves prose and lone furniture lines as they are", () => {
    expect(stiffenRuns([10, -3, 12, -3, 8], 1)).toEqual([10, -3, 12, -3, 8]);
  });

  it("stops growing at the limit", () => {
    expect(stiffenRuns([-1, -1, -1, -1, -1, -1], 1, 4)).toEqual([-1, -2, -3, -4, -4, -4]);
  });
});

describe("chargeRepeatedShapes", () => {
  it("charges furniture whose shape recurs, not prose and not a one-off line", () => {
    expect(chargeRepeatedShapes([-2, 20, -2, -3], [5, 5, 1, 6], 5, 2)).toEqual([-4, 20, -2, -6]);
  });
});

describe("weighByNeighbours", () => {
  it("discounts prose surrounded by furniture and keeps prose among prose", () => {
    const out = weighByNeighbours([-2, -2, 20, -2, -2, 30, 30, 30, 30, 30], 2, 1);
    expect(out[2]).toBe(0); // four furniture neighbours out of four
    expect(out[7]).toBe(30); // prose on every side
  });

  it("makes furniture among furniture cost more than furniture among prose", () => {
    const out = weighByNeighbours([-2, -2, -2, -2, -2, 30, 30, -2, 30, 30], 2, 1);
    expect(out[2]).toBe(-4);
    expect(out[7]).toBe(-2);
  });

  it("keeps a floor under prose however much furniture surrounds it", () => {
    expect(weighByNeighbours([-2, -2, 20, -2, -2], 2, 1, 0.25)[2]).toBe(5);
  });

  it("changes nothing with no window", () => {
    expect(weighByNeighbours([-2, 5], 0, 1)).toEqual([-2, 5]);
  });
});
