// The slider path: an input redraws the chart in its own task; the panels around it (milestone
// table, sensitivity chart, link) follow after the frame that shows the chart, always ending on
// the newest value; a change of the fit reaches every panel at once.
import { test, expect } from './fixtures.mjs';
import { openApp } from './helpers.mjs';

/** In the page: fires `events` (each `[testid, value, type]`: sets the element's value and
 * dispatches the event), and when the chart reports its next paint reads the readouts there and
 * then (in the same task), and again after the following frame has been painted. */
async function atRedrawAndAfter(page, events) {
  return page.evaluate(async (events) => {
    const q = (id) => document.querySelector(`[data-testid=${id}]`);
    const read = () => ({
      assumed: q('assumed-doubling-days').dataset.value,
      marker: q('sensitivity').dataset.markerDoubling,
      milestone: q('milestone-work-week').dataset.value,
      fitMilestone: q('milestone-work-week-fit').dataset.value,
      link: q('share-link').value,
    });
    const before = read();
    const atRedraw = await new Promise((resolve) => {
      const mo = new MutationObserver(() => { mo.disconnect(); resolve(read()); });
      mo.observe(q('chart'), { attributes: true, attributeFilter: ['data-drawn'] });
      for (const [id, value, type] of events) {
        q(id).value = value;
        q(id).dispatchEvent(new Event(type, { bubbles: true }));
      }
    });
    for (let i = 0; i < 2; i++) await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return { before, atRedraw, after: read() };
  }, events);
}

test('a slider input redraws the chart first; the panels follow after that frame', async ({ page }) => {
  const problems = await openApp(page, './');
  await expect(page.getByTestId('sensitivity')).toBeVisible();
  const r = await atRedrawAndAfter(page, [['doubling-slider', '150', 'input']]);
  // The slider's own readout moves with the chart.
  expect(r.atRedraw.assumed).toBe('150');
  // The panels still show the previous value when the chart is redrawn …
  expect(r.atRedraw.marker).toBe(r.before.marker);
  expect(r.atRedraw.milestone).toBe(r.before.milestone);
  expect(r.atRedraw.link).toBe(r.before.link);
  // … and the new one after the frame.
  expect(r.after.marker).toBe('150');
  expect(r.after.milestone).not.toBe(r.before.milestone);
  expect(r.after.link).toContain('dt=150');
  await expect(page.getByTestId('milestone-work-week')).toHaveAttribute('data-value', r.after.milestone);
  expect(problems).toEqual({ console: [], pageErrors: [], foreign: [] });
});

test('a burst of inputs within one frame leaves the panels on the last value', async ({ page }) => {
  const problems = await openApp(page, './');
  await expect(page.getByTestId('sensitivity')).toBeVisible();
  const burst = [90, 120, 180, 240, 95, 210, 133].map((v) => ['doubling-slider', String(v), 'input']);
  const r = await atRedrawAndAfter(page, burst);
  expect(r.after.assumed).toBe('133');
  expect(r.after.marker).toBe('133');
  expect(r.after.link).toContain('dt=133');
  // The table agrees with a single input of that value (made in a fresh page).
  const fresh = await page.context().newPage();
  await openApp(fresh, './?dt=133');
  await expect(fresh.getByTestId('milestone-work-week')).toHaveAttribute('data-value', r.after.milestone);
  await fresh.close();
  expect(problems).toEqual({ console: [], pageErrors: [], foreign: [] });
});

test('a change of the fit reaches the panels with the chart, not a frame later', async ({ page }) => {
  const problems = await openApp(page, './');
  await expect(page.getByTestId('sensitivity')).toBeVisible();
  const r = await atRedrawAndAfter(page, [['fit-selection', 'all', 'change']]);
  // Fitting all points instead of the frontier moves the fitted date; the table shows it at
  // the chart's redraw already, and it stays.
  expect(r.atRedraw.fitMilestone).not.toBe(r.before.fitMilestone);
  expect(r.after.fitMilestone).toBe(r.atRedraw.fitMilestone);
  expect(r.atRedraw.link).toContain('fit=all');
  expect(problems).toEqual({ console: [], pageErrors: [], foreign: [] });
});
