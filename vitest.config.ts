import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // the workers' bundles that runs keep (worker-bundle.ts) go to a folder of the tests' own, not
    // the user's cache
    env: { TIDINGS_CACHE_DIR: join(tmpdir(), "tidings-test-cache") },
    include: ["test/**/*.test.ts"],
    exclude: ["test/bench/**", "node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
