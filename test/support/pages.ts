/**
 * Realistic HTML news pages of about 100 KB for benchmarks: a head with meta tags and JSON-LD,
 * inline styles and scripts, navigation, the article, a related-stories list, comments and a footer.
 */
import { article, rng } from "./corpus.ts";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function nav(r: () => number, n: number): string {
  const items = Array.from({ length: n }, (_, i) => `<li class="menu-item"><a href="/section/${i}">Section ${i} ${Math.floor(r() * 1000)}</a></li>`);
  return `<nav class="main-nav"><ul>${items.join("")}</ul></nav>`;
}

export function page(seed: number, targetBytes = 100_000): string {
  const r = rng(seed);
  const a = article(r, `p${seed}`, false);
  const paras = a.text.split("\n\n").slice(1);
  const css = `<style>${Array.from({ length: 120 }, (_, i) => `.c${i}{margin:${i}px;padding:${i % 7}px;color:#${(i * 9973).toString(16).padStart(6, "0").slice(0, 6)}}`).join("")}</style>`;
  const script = `<script>window.__state=${JSON.stringify({ user: null, flags: Array.from({ length: 200 }, (_, i) => ({ k: `flag${i}`, v: r() < 0.5 })) })};</script>`;
  const related = `<aside class="related"><h3>Related stories</h3><ul>${Array.from({ length: 8 }, (_, i) => `<li><a href="/story/${seed}-${i}">${esc(article(rng(seed * 31 + i), "x", false).title)}</a></li>`).join("")}</ul></aside>`;
  const body = paras.map((p) => `<p>${esc(p)}</p>`).join("\n");
  let html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(a.title)} | Daily Example</title>
<meta property="og:title" content="${esc(a.title)}"><meta property="og:site_name" content="Daily Example">
<meta name="author" content="Lena Vogt"><meta property="article:published_time" content="2024-03-0${1 + (seed % 9)}T08:00:00Z">
<link rel="canonical" href="https://daily.example/news/${seed}">
<script type="application/ld+json">${JSON.stringify({ "@type": "NewsArticle", headline: a.title, datePublished: "2024-03-01", author: { "@type": "Person", name: "Lena Vogt" } })}</script>
${css}${script}</head><body><header class="site-header">${nav(r, 40)}<div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div></header>
<main><article class="story"><h1>${esc(a.title)}</h1><div class="byline">By Lena Vogt</div>
<figure><img src="/img/${seed}.jpg" alt=""><figcaption>A view of the harbour. (Photo: Example Agency)</figcaption></figure>
${body}
<div class="share-bar"><a href="#">Share</a><a href="#">Tweet</a><a href="#">Email</a></div></article>${related}</main>
<section class="comments"><h3>Leave a Reply</h3><form><textarea></textarea></form></section>
<footer>${nav(r, 30)}<p>© 2024 Daily Example. All rights reserved.</p></footer>`;
  // Pad with the kind of markup real pages carry (tracking scripts, hidden menus) up to the target size.
  let k = 0;
  while (html.length < targetBytes) html += `<div class="mega-menu" hidden>${nav(r, 25)}</div><script>/* ${"x".repeat(200)} */var t${k++}=1;</script>`;
  return `${html}</body></html>`;
}
