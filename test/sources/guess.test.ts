import { describe, expect, it } from "vitest";
import { decodeBytes } from "../../src/sources/decode.ts";
import { guessLegacyEncoding } from "../../src/sources/guess.ts";
import { fromHex } from "./helpers.ts";

// One news sentence each, in the encoding named (generated once with Python's codecs).
const SAMPLES = {
  gbk: [
    "据新华社报道，日本首相岸田文雄当天在华盛顿与美国总统拜登举行会谈，双方表示将进一步加强同盟关系。",
    "beddd0c2bbaac9e7b1a8b5c0a3acc8d5b1becad7cfe0b0b6ccefcec4d0dbb5b1ccecd4dabbaacaa2b6d9d3ebc3c0b9fad7dccdb3b0ddb5c7bed9d0d0bbe1ccb8a3accbabb7bdb1edcabebdabbdf8d2bbb2bdbcd3c7bfcdacc3cbb9d8cfb5a1a3",
  ],
  big5: [
    "據中央社報導，日本首相岸田文雄當天在華盛頓與美國總統拜登舉行會談，雙方表示將進一步加強同盟關係。",
    "bedaa4a4a5a1aac0b3f8bec9a141a4e9a5bbadbaacdba9a4a5d0a4e5b6afb7eda4d1a662b5d8b2b1b979bb50acfcb0eac160b2ceabf4b56ec17ca6e6b77cbdcda141c2f9a4e8aaeda5dcb14eb669a440a842a55bb16aa650b7f9c3f6ab59a143",
  ],
  shift_jis: [
    "岸田文雄首相は13日、ホワイトハウスでバイデン大統領と会談し、日米同盟の強化を確認した。",
    "8add936395b697598ef1918a82cd313393fa8141837a838f83438367836e8345835882c5836f83438366839391e5939d97cc82c689ef926b82b5814193fa95c493af96bf82cc8bad89bb82f08a6d944682b582bd8142",
  ],
  "euc-jp": [
    "岸田文雄首相は13日、ホワイトハウスでバイデン大統領と会談し、日米同盟の強化を確認した。",
    "b4dfc5c4cab8cdbabcf3c1eaa4cf3133c6fca1a2a5dba5efa5a4a5c8a5cfa5a6a5b9a4c7a5d0a5a4a5c7a5f3c2e7c5fdcecea4c8b2f1c3cca4b7a1a2c6fccac6c6b1ccc1a4ceb6afb2bda4f2b3cec7a7a4b7a4bfa1a3",
  ],
  "euc-kr": [
    "기시다 후미오 일본 총리는 13일 백악관에서 바이든 대통령과 정상회담을 갖고 미일 동맹 강화를 확인했다.",
    "b1e2bdc3b4d920c8c4b9ccbfc020c0cfbabb20c3d1b8aeb4c2203133c0cf20b9e9bec7b0fcbfa1bcad20b9d9c0ccb5e720b4ebc5ebb7c9b0fa20c1a4bbf3c8b8b4e3c0bb20b0aeb0ed20b9ccc0cf20b5bfb8cd20b0adc8adb8a620c8aec0cec7dfb4d92e",
  ],
} as const;

const FRENCH = fromHex(
  "4c65205072656d696572206d696e6973747265206a61706f6e61697320612072656e636f6e7472e92076656e6472656469206c65207072e9736964656e7420616de972696361696e20e0206c61204d6169736f6e2d426c616e6368652c206ff920696c73206f6e742072e961666669726de9206c65757220616c6c69616e63652e",
);
const GERMAN = fromHex(
  "446965204175df656e6d696e69737465722074726166656e207369636820616d204672656974616720696e2057617368696e67746f6e3b204765737072e463686520fc6265722052fc7374756e67736b6f6e74726f6c6c6520756e642048616e64656c7366726167656e20666f6c6774656e207370e47465722e",
);

describe("guessLegacyEncoding", () => {
  for (const [encoding, [text, hex]] of Object.entries(SAMPLES)) {
    it(`recognises undeclared ${encoding} news text`, () => {
      const bytes = Buffer.concat([Buffer.from("Tokyo (wire) -- "), fromHex(hex), Buffer.from("\n\n"), fromHex(hex)]);
      expect(guessLegacyEncoding(bytes)).toBe(encoding);
      const decoded = decodeBytes(bytes);
      expect(decoded.ok && decoded.text).toContain(text);
    });
  }

  it("keeps western text in windows-1252, however many accents it has", () => {
    expect(guessLegacyEncoding(FRENCH)).toBe("windows-1252");
    expect(guessLegacyEncoding(GERMAN)).toBe("windows-1252");
    expect(guessLegacyEncoding(Buffer.concat([FRENCH, GERMAN, FRENCH]))).toBe("windows-1252");
    expect(guessLegacyEncoding(fromHex("4361666520e9"))).toBe("windows-1252");
  });

  it("keeps random high bytes in windows-1252 rather than calling them Chinese", () => {
    const noise = Buffer.from(Array.from({ length: 600 }, (_, i) => 0x80 + ((i * 37) % 127)));
    expect(guessLegacyEncoding(noise)).toBe("windows-1252");
  });
});
