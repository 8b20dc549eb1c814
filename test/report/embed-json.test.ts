import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonForScript } from "../../src/report/embed-json.ts";

describe("jsonForScript", () => {
  it("writes no character that could end or bend a script element", () => {
    const out = jsonForScript({ t: "</script><script>alert(1)</script><!-- & > \u2028\u2029" });
    expect(out).not.toMatch(/[<>&\u2028\u2029]/);
    expect(out).toContain("\\u003c/script\\u003e");
  });

  it("leaves ordinary text as it was", () => {
    expect(jsonForScript({ title: "Café reopens", n: 3 })).toBe('{"title":"Café reopens","n":3}');
  });

  it("reads back to the same value, whatever the strings hold", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const out = jsonForScript(value);
        expect(out).not.toMatch(/[<>&\u2028\u2029]/);
        expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });
});
