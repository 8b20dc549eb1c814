import { describe, expect, it } from "vitest";
import { lineShape, shapeCounts } from "../../src/segment/line-shape.ts";

describe("lineShape", () => {
  it("gives date lines of a comment thread one shape", () => {
    expect(lineShape("November 19, 2019 at 6:34 am")).toBe(lineShape("May 2, 2018 at 10:05 pm"));
  });

  it("tells apart lines of different make", () => {
    expect(lineShape("joe123 says:")).not.toBe(lineShape("Read the full report"));
    expect(lineShape("Why now")).not.toBe(lineShape("The council said it would publish the studies."));
  });

  it("keeps punctuation and folds names with capitals inside (iPhone, McDonald)", () => {
    expect(lineShape("McDonald's iPhone (2019)")).toBe("A a (0)");
  });
});

describe("shapeCounts", () => {
  it("counts how many lines share each line's shape", () => {
    expect(shapeCounts(["Reply", "Share", "November 1, 2019 at 5:00 pm", "We voted."])).toEqual([2, 2, 1, 1]);
  });
});
