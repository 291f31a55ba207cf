// The test object every spec uses: Playwright's, plus a watch on the Content-Security-Policy.
// Every page and frame of a test's browser context reports its `securitypolicyviolation`
// events, and the test fails if there was any (after its own assertions).
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  context: async ({ context }, use, info) => {
    const violations = [];
    await context.exposeBinding('__trendlineCspViolation', (source, v) => violations.push({ ...v, frame: source.frame.url() }));
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__trendlineCspViolation?.({
          directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile, line: e.lineNumber,
        });
      });
    });
    await use(context);
    if (info.status === 'passed' || info.status === info.expectedStatus) {
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    }
  },
});
export { expect };
