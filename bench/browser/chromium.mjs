// Debian's chromium, headless, in a fresh profile, with the flags of docs/development.md ("Browser test"):
// what the browser tests and the benchmarks that run in the browser launch. Returns the playwright context and a
// close() that also removes the profile.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

// options: more launchPersistentContext options (viewport, acceptDownloads, …);
// extraArgs: flags beyond the common ones.
export async function launchChromium(prefix, { extraArgs = [], ...options } = {}) {
  const profile = mkdtempSync(path.join(os.tmpdir(), prefix));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim(), headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', ...extraArgs],
    ...options });
  return { context, close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
}
