import { findChromium } from './support/chromium';

export default function setup(): void {
  if (!findChromium()) {
    const line = '!'.repeat(100);
    console.warn(
      `\n${line}\n!! E2E SKIPPED: no Chromium found (looked for $CHROME_PATH, /usr/bin/chromium).\n!! Install it with: sudo apt-get install chromium   (CI's .ci/run does this itself)\n${line}\n`,
    );
  }
}
