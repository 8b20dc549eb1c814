import { Script } from "node:vm";
import { describe, expect, it } from "vitest";
import { loadPageAssets } from "../../src/report/page-assets.ts";

describe("the page's script", () => {
  it("compiles as one script", async () => {
    const { script } = await loadPageAssets();
    expect(() => new Script(script)).not.toThrow();
  });

  it("never turns text into markup or code", async () => {
    const { script } = await loadPageAssets();
    for (const sink of ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setTimeout(\"", "srcdoc"]) {
      expect(script, sink).not.toContain(sink);
    }
  });

  it("reaches no network", async () => {
    const { script, css } = await loadPageAssets();
    for (const call of ["fetch(", "XMLHttpRequest", "WebSocket", "sendBeacon", "import(", "http://", "https://"]) {
      expect(script, call).not.toContain(call);
    }
    expect(css).not.toMatch(/url\(|@import|@font-face/);
  });
});
