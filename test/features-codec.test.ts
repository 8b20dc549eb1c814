/**
 * The features codec must give back what v8's serialiser gives back, for every value: the values it
 * encodes itself (objects, arrays, strings with lone surrogates, -0, NaN, typed arrays) and those it
 * leaves to v8 (Maps, Sets, Dates, holes, Buffers, class instances).
 */
import fc from "fast-check";
import { deserialize, serialize } from "node:v8";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { decodeFeatures, encodeFeatures } from "../src/features-codec.ts";

const roundTrip = (v: unknown) => decodeFeatures(encodeFeatures(v));
const viaV8 = (v: unknown) => deserialize(serialize(v));
/** The keys of every object and array in a value, in order, depth first. */
function keyOrder(v: unknown, out: string[] = []): string[] {
  if (typeof v !== "object" || v === null || ArrayBuffer.isView(v)) return out;
  const keys = Reflect.ownKeys(v).map(String);
  out.push(keys.join("\u0000"));
  for (const key of Reflect.ownKeys(v)) keyOrder((v as Record<PropertyKey, unknown>)[key], out);
  return out;
}

/**
 * Same value: node deems them deep-equal (types, -0, NaN, holes, typed arrays' contents), and their
 * keys come in the same order. (Not v8's bytes: v8 writes a number from 2^30 to 2^31 as an integer or
 * a double depending on how the engine happens to hold it, which no program can see.)
 */
const same = (a: unknown, b: unknown) => {
  expect(isDeepStrictEqual(a, b)).toBe(true);
  expect(keyOrder(a)).toEqual(keyOrder(b));
};

const leaf = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(-0, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, -(2 ** 31) - 1, 2 ** 53),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constantFrom("\ud800", "é", "ÿ", "Ā", "😀", ""),
  fc.uint32Array({ maxLength: 40 }),
  fc.uint8Array({ maxLength: 40 }),
  fc.int32Array({ maxLength: 10 }),
  fc.float64Array({ maxLength: 10 }),
);
const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: "small" }, leaf, tie("array"), tie("object")),
  array: fc.array(tie("any"), { maxLength: 6 }),
  object: fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("__proto__", "0", "12", "constructor")), tie("any"), { maxKeys: 6 }),
})).any;

describe("features codec", () => {
  it("gives back what v8's serialiser gives back", () => {
    fc.assert(
      fc.property(value, (v) => {
        same(roundTrip(v), viaV8(v));
      }),
      { numRuns: 3000 },
    );
  });

  it("keeps key order, -0 and lone surrogates", () => {
    const v = { b: 1, a: -0, 2: "x", 1: "\udc00 half", nested: { z: [1.5, "é", null] } };
    const back = roundTrip(v) as typeof v;
    expect(Object.keys(back)).toEqual(Object.keys(v));
    expect(Object.is(back.a, -0)).toBe(true);
    expect(back[1]).toBe("\udc00 half");
    expect(back).toStrictEqual(v);
  });

  it("leaves what it does not take to v8, and reads v8's bytes", () => {
    const hole: unknown[] = [1];
    hole[3] = 4;
    class Point {
      constructor(readonly x: number) {}
    }
    for (const v of [new Map([["a", 1]]), new Set([1, 2]), new Date(5), hole, Buffer.from("ab"), { when: new Date(7) }, new Point(3), 10n]) {
      same(roundTrip(v), viaV8(v));
    }
    expect(decodeFeatures(serialize({ a: [1, 2] }))).toStrictEqual({ a: [1, 2] });
  });

  it("gives each encoding a buffer of its own (safe to send to another thread)", () => {
    const a = encodeFeatures({ features: new Uint32Array([1, 2, 3]) });
    const b = encodeFeatures({ features: new Uint32Array([4, 5, 6]) });
    expect(a.buffer).not.toBe(b.buffer);
    expect(a.byteOffset).toBe(0);
    expect(a.buffer.byteLength).toBe(a.length);
    expect(decodeFeatures(a)).toStrictEqual({ features: new Uint32Array([1, 2, 3]) });
  });

  it("fails loudly on damaged bytes", () => {
    const bytes = encodeFeatures({ a: "text" });
    expect(() => decodeFeatures(bytes.subarray(0, bytes.length - 2))).toThrow();
  });
});
