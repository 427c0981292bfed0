// SPDX-License-Identifier: Apache-2.0
// Load an Assay HTML report in headless Chromium and check that it is a
// working, self-contained page: no console errors, no page errors, no
// network request at all, no script from the report's (hostile) text ever
// runs, and the findings filter narrows the table as it should. Leaves a
// full-page screenshot, a screenshot of the provisions and a print PDF in
// the output folder.
//
// usage: node html_check.js REPORT.html OUTDIR CHROMIUM
'use strict';
const path = require('path');
const { chromium } = require(path.join(process.env.WEB_MODULES, 'playwright-core'));

async function main() {
  const [file, outdir, exe] = process.argv.slice(2);
  const problems = [];
  const browser = await chromium.launch({
    executablePath: exe,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__alerts = 0;
      window.alert = () => { window.__alerts++; };
    });
    page.on('console', (m) => { if (m.type() === 'error') problems.push('console: ' + m.text()); });
    page.on('pageerror', (e) => problems.push('page error: ' + e.message));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) problems.push('network request: ' + r.url());
    });
    await page.goto('file://' + path.resolve(file), { waitUntil: 'load' });

    const count = () => page.$$eval('#findings tbody tr', (rows) => rows.filter((r) => !r.hidden).length);
    const total = await page.$$eval('#findings tbody tr', (rows) => rows.length);
    const results = { total };
    await page.selectOption('#f-sev', 'high');
    results.high = await count();
    await page.selectOption('#f-sev', '');
    await page.selectOption('#f-prov', '5.6-1');
    results.prov = await count();
    await page.selectOption('#f-prov', '');
    await page.fill('#f-text', 'GDBSERVER');
    results.text = await count();
    results.counter = await page.textContent('#f-count');
    await page.fill('#f-text', 'no such text anywhere');
    results.none = await count();
    await page.fill('#f-text', '');
    results.all = await count();
    results.alerts = await page.evaluate(() => window.__alerts);
    results.scripts = await page.$$eval('script', (s) => s.length);
    results.title = await page.title();

    await page.screenshot({ path: path.join(outdir, 'report.png'), fullPage: true });
    const prov = await page.$('#provisions');
    if (prov) await prov.screenshot({ path: path.join(outdir, 'provisions.png') });
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: path.join(outdir, 'report.pdf'), format: 'A4', printBackground: true });
    results.problems = problems;
    process.stdout.write(JSON.stringify(results) + '\n');
  } finally {
    await browser.close();
  }
}

main().catch((e) => { process.stderr.write(String(e && e.stack || e) + '\n'); process.exit(2); });
