/**
 * Features as bytes, for the kept-features file and for crossing from a worker: a compact codec for
 * what corpus stages' features are made of (plain objects and arrays, strings, numbers, booleans,
 * null, undefined and the common typed arrays), with v8's serialiser for anything else (a Map, a
 * Date, a class instance, a sparse array, a cycle…), so that every value a stage may return comes
 * back as v8 would give it.
 *
 * Why not v8's serialiser for everything: later passes read every draft's features back, and v8's
 * deserialiser costs a few microseconds of set-up per value (a native object, a JavaScript callback
 * for each typed array), more than the features themselves take to read here. Strings are kept as
 * Latin-1 or UTF-16 code units, never as UTF-8, so lone surrogates survive.
 */
import { deserialize, serialize } from "node:v8";

/** First byte of a compact record; v8's format starts with its version tag, 0xff. */
const COMPACT = 0xf1;

const NULL = 0;
const UNDEFINED = 1;
const FALSE = 2;
const TRUE = 3;
const NUMBER = 4;
const LATIN1 = 5;
const UTF16 = 6;
const ARRAY = 7;
const OBJECT = 8;
const UINT8 = 9;
const UINT32 = 10;
const INT32 = 11;
const FLOAT64 = 12;
const INT = 13;

/** Thrown inside the encoder for a value it does not take: v8's serialiser takes over. */
class NotCompact extends Error {}

let out = Buffer.allocUnsafeSlow(1 << 16);
let at = 0;
const number = new Float64Array(1);
const numberBytes = new Uint8Array(number.buffer);

function room(n: number): void {
  if (at + n <= out.length) return;
  const bigger = Buffer.allocUnsafeSlow(Math.max(out.length * 2, at + n));
  out.copy(bigger, 0, 0, at);
  out = bigger;
}

function u32(n: number): void {
  room(4);
  out.writeUInt32LE(n, at);
  at += 4;
}

function bytesOf(view: ArrayBufferView): void {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  room(bytes.length);
  out.set(bytes, at);
  at += bytes.length;
}

function str(s: string): void {
  let wide = false;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0xff) {
      wide = true;
      break;
    }
  }
  room(5 + s.length * (wide ? 2 : 1));
  out[at++] = wide ? UTF16 : LATIN1;
  out.writeUInt32LE(s.length, at);
  at += 4;
  at += out.write(s, at, wide ? "utf16le" : "latin1");
}

function value(v: unknown, depth: number): void {
  if (depth > 64) throw new NotCompact();
  room(9);
  if (v === null) out[at++] = NULL;
  else if (v === undefined) out[at++] = UNDEFINED;
  else if (v === true) out[at++] = TRUE;
  else if (v === false) out[at++] = FALSE;
  else if (typeof v === "number") {
    if ((v | 0) === v && !Object.is(v, -0)) {
      out[at++] = INT;
      out.writeInt32LE(v, at);
      at += 4;
    } else {
      out[at++] = NUMBER;
      number[0] = v;
      out.set(numberBytes, at);
      at += 8;
    }
  } else if (typeof v === "string") str(v);
  else if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype) throw new NotCompact();
    out[at++] = ARRAY;
    u32(v.length);
    for (let i = 0; i < v.length; i++) {
      // a hole would come back as undefined: v8 keeps it
      if (!(i in v)) throw new NotCompact();
      value(v[i], depth + 1);
    }
  } else if (ArrayBuffer.isView(v)) {
    const kind = v.constructor === Uint32Array ? UINT32 : v.constructor === Uint8Array ? UINT8 : v.constructor === Int32Array ? INT32 : v.constructor === Float64Array ? FLOAT64 : -1;
    if (kind < 0) throw new NotCompact();
    out[at++] = kind;
    u32((v as Uint8Array).length);
    bytesOf(v);
  } else if (typeof v === "object") {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) throw new NotCompact();
    const keys = Object.keys(v);
    out[at++] = OBJECT;
    u32(keys.length);
    for (const key of keys) {
      str(key);
      value((v as Record<string, unknown>)[key], depth + 1);
    }
  } else throw new NotCompact();
}

/** The bytes of a value (a buffer of its own, safe to send to another thread). */
export function encodeFeatures(v: unknown): Buffer {
  at = 0;
  room(1);
  out[at++] = COMPACT;
  try {
    value(v, 0);
  } catch (error) {
    if (!(error instanceof NotCompact)) throw error;
    return serialize(v);
  }
  const own = Buffer.allocUnsafeSlow(at);
  out.copy(own, 0, 0, at);
  return own;
}

const EMPTY = Buffer.alloc(0);
let input: Buffer = EMPTY;
let pos = 0;

function readString(wide: boolean): string {
  const length = input.readUInt32LE(pos);
  pos += 4;
  if (!wide && length <= 24) {
    // short strings (keys, names) by hand: Buffer's toString costs more to call than to run here
    let s = "";
    for (let i = 0; i < length; i++) s += String.fromCharCode(input[pos + i] as number);
    pos += length;
    return s;
  }
  const bytes = wide ? 2 * length : length;
  const s = input.toString(wide ? "utf16le" : "latin1", pos, pos + bytes);
  pos += bytes;
  return s;
}

/** A typed array of the kind the tag names, its length and then its bytes read from the input. */
function typed(kind: number): ArrayBufferView {
  const n = input.readUInt32LE(pos);
  pos += 4;
  const target = kind === UINT32 ? new Uint32Array(n) : kind === UINT8 ? new Uint8Array(n) : kind === INT32 ? new Int32Array(n) : new Float64Array(n);
  const length = target.byteLength;
  new Uint8Array(target.buffer, 0, length).set(new Uint8Array(input.buffer, input.byteOffset + pos, length));
  pos += length;
  return target;
}

function read(): unknown {
  const tag = input[pos++];
  switch (tag) {
    case NULL:
      return null;
    case UNDEFINED:
      return undefined;
    case TRUE:
      return true;
    case FALSE:
      return false;
    case INT: {
      const v = input.readInt32LE(pos);
      pos += 4;
      return v;
    }
    case NUMBER: {
      numberBytes.set(input.subarray(pos, pos + 8));
      pos += 8;
      return number[0];
    }
    case LATIN1:
      return readString(false);
    case UTF16:
      return readString(true);
    case ARRAY: {
      const n = input.readUInt32LE(pos);
      pos += 4;
      const list: unknown[] = new Array(n);
      for (let i = 0; i < n; i++) list[i] = read();
      return list;
    }
    case OBJECT: {
      const n = input.readUInt32LE(pos);
      pos += 4;
      const object: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) {
        const key = readString(input[pos++] === UTF16);
        // an own "__proto__" key stays a key (assigning it would set the prototype)
        if (key === "__proto__") Object.defineProperty(object, key, { value: read(), enumerable: true, writable: true, configurable: true });
        else object[key] = read();
      }
      return object;
    }
    case UINT8:
    case UINT32:
    case INT32:
    case FLOAT64:
      return typed(tag);
    default:
      throw new Error(`features: unknown tag ${tag} at byte ${pos - 1}`);
  }
}

/** The value of bytes made by `encodeFeatures` (or by v8's serialiser). */
export function decodeFeatures(bytes: Uint8Array): unknown {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] !== COMPACT) return deserialize(buffer);
  input = buffer;
  pos = 1;
  try {
    const v = read();
    if (pos !== buffer.length) throw new Error(`features: ${buffer.length - pos} bytes left after the value`);
    return v;
  } finally {
    input = EMPTY;
  }
}
