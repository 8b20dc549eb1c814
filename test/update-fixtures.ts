/**
 * Regenerates test/fixtures/<case>/expected.json from the current code. Review the change as a git
 * diff before committing: a golden file is never edited by hand.
 *   npm run fixtures:update            every case
 *   npm run fixtures:update -- a b     only cases a and b
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { FIXTURES, fixtureNames, runFixture } from "./fixtures.ts";

const only = process.argv.slice(2);
const names = fixtureNames().filter((n) => only.length === 0 || only.includes(n));
for (const name of names) {
  const out = await runFixture(name);
  await writeFile(join(FIXTURES, name, "expected.json"), `${JSON.stringify(out, null, 2)}\n`);
  process.stdout.write(`${name}: ${out.articles.length} articles, ${out.duplicates.length} duplicates, ${out.rejected.length} rejected\n`);
}
process.stdout.write(`updated ${names.length} fixture(s); review with git diff test/fixtures\n`);
