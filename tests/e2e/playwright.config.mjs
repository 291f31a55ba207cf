// End-to-end tests against the release bundle in dist/ (built by `make dist`), in Debian's
// Chromium. Run with `make test` (or `make test-e2e` after `make dist`).
import { defineConfig } from '@playwright/test';

// E2E_PORT moves the servers (PORT, PORT + 1, and PORT + 3 for share.spec's other-origin host), so
// two suites can run side by side on one machine.
export const PORT = Number(process.env.E2E_PORT ?? 4173);
export const SUBPATH_PORT = PORT + 1;
export const HOST_PORT = PORT + 3;
// The bundle under test: dist/ unless TRENDLINE_DIST names another build (e.g. a copy, so a
// rebuild of dist/ cannot change the files under a running suite).
const DIST = process.env.TRENDLINE_DIST ?? 'dist';

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.mjs/,
  outputDir: './results',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: [
    { command: `node tests/e2e/serve.mjs ${DIST} ${PORT} / --csp-header`, url: `http://127.0.0.1:${PORT}/`, cwd: '../..', reuseExistingServer: false },
    { command: `node tests/e2e/serve.mjs ${DIST} ${SUBPATH_PORT} /deep/sub/path/`, url: `http://127.0.0.1:${SUBPATH_PORT}/deep/sub/path/`, cwd: '../..', reuseExistingServer: false },
  ],
});
