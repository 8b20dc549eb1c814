/**
 * Peer extractors run side by side with tidings in the extraction benchmark: Mozilla Readability
 * and defuddle, both on a linkedom DOM. Each returns the article as HTML; it is turned into text the
 * same way for both (block elements separated by blank lines), outside the timed part.
 */
import { parseHTML } from "linkedom";
import { Readability } from "@mozilla/readability";
import { linearise } from "../../src/html/linearise.ts";
import { parsePage } from "../../src/html/parse-page.ts";

export interface PeerResult {
  /** The article as the peer returned it (HTML), or null when it found none. */
  html: string | null;
  title: string | null;
}

export interface Peer {
  name: string;
  /** Why it cannot run here, when it cannot. */
  unavailable: string | null;
  run(html: string, url: string | null): Promise<PeerResult>;
}

/** Text of an article's HTML: every block, in order, blank lines between. */
export function htmlToText(html: string | null): string {
  if (!html) return "";
  const page = parsePage(`<html><body>${html}</body></html>`);
  return linearise(page.body).blocks.filter((b) => b.type !== "caption").map((b) => b.text).join("\n\n");
}

export const readabilityPeer: Peer = {
  name: "readability+linkedom",
  unavailable: null,
  async run(html) {
    const { document } = parseHTML(html);
    const article = new Readability(document as never).parse();
    return { html: article?.content ?? null, title: article?.title ?? null };
  },
};

async function loadDefuddle(): Promise<Peer> {
  try {
    const mod = (await import("defuddle/node")) as {
      Defuddle: (doc: unknown, url?: string) => Promise<{ content?: string; title?: string }>;
    };
    return {
      name: "defuddle+linkedom",
      unavailable: null,
      async run(html, url) {
        const { document } = parseHTML(html);
        const result = await mod.Defuddle(document, url ?? "https://example.invalid/");
        return { html: result.content ?? null, title: result.title ?? null };
      },
    };
  } catch (error) {
    return {
      name: "defuddle+linkedom",
      unavailable: `defuddle/node could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
      run: async () => ({ html: null, title: null }),
    };
  }
}

export async function loadPeers(): Promise<Peer[]> {
  return [readabilityPeer, await loadDefuddle()];
}
