/**
 * Debian's chromium driven by playwright-core, for the report's browser test and measurement.
 * Browsers cannot be downloaded on the build machines, so the system one is used; callers check
 * CHROMIUM_PATH first and skip when it is absent.
 */
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM_PATH = process.env.TIDINGS_CHROMIUM ?? "/usr/bin/chromium";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
