/**
 * The browser of the browser suite: Debian's Chromium (never a downloaded one), driven by playwright-core.
 * @module
 */
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium binary (PIER_CHROMIUM overrides it). */
export const CHROMIUM = process.env.PIER_CHROMIUM ?? '/usr/bin/chromium';

/** Launches headless Chromium without a sandbox (CI runs as root in a container). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}
