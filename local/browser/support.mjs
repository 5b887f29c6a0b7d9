// What flows.test.mjs needs around the browser: the fixture BrowserFlowTest wrote, the Keyway API,
// Chromium, axe-core and screenshots. No test logic here.
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

/** {baseUrl, apiKey, appOrigin, goodApiKey} from the file BrowserFlowTest wrote. */
export function fixture() {
  const file = process.env.KEYWAY_FIXTURE;
  if (!file) {
    throw new Error('KEYWAY_FIXTURE is not set: BrowserFlowTest starts the servers and sets it');
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The Keyway API with the app's secret key; JSON in and out. */
export function keywayApi({ baseUrl, apiKey }) {
  async function call(method, pathAndQuery, body) {
    const response = await fetch(baseUrl + pathAndQuery, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* not JSON: keep the text for the message */ }
    return { status: response.status, json, text };
  }
  return {
    call,
    async session(body) {
      const r = await call('POST', '/v1/connect-sessions', body);
      if (r.status !== 201) throw new Error(`POST /v1/connect-sessions ${r.status}: ${r.text}`);
      return r.json;
    },
    async putConnector(key, body) {
      const r = await call('PUT', `/v1/connectors/${key}`, body);
      if (r.status !== 200 && r.status !== 201) throw new Error(`PUT /v1/connectors/${key} ${r.status}: ${r.text}`);
      return r.json;
    },
    async accounts(endUserId) {
      const r = await call('GET', `/v1/linked-accounts?endUserId=${encodeURIComponent(endUserId)}`);
      if (r.status !== 200) throw new Error(`GET /v1/linked-accounts ${r.status}: ${r.text}`);
      return r.json.data;
    },
    async logTypes(endUserId) {
      const r = await call('GET', `/v1/logs?endUserId=${encodeURIComponent(endUserId)}`);
      if (r.status !== 200) throw new Error(`GET /v1/logs ${r.status}: ${r.text}`);
      return r.json.data.map((e) => e.type);
    },
  };
}

/**
 * Debian's Chromium, headless. The host resolver rule answers "not found" for every name but the
 * loopback ones, so a page that reaches for the internet (mock-oauth2-server's login page asks for
 * a web font) fails at once instead of waiting on a network that is not there.
 */
export const CHROMIUM = '/usr/bin/chromium';
export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    ],
  });
}

/**
 * Console errors, uncaught exceptions and CSP refusals on Keyway's own pages (the provider's and
 * the app's pages are not ours to judge). A document's own 4xx/5xx status is not an error: the
 * portal answers 410 for an expired link and 422 for rejected credentials on purpose.
 */
export function watchPortalErrors(context, baseUrl) {
  const errors = [];
  const ours = (url) => typeof url === 'string' && url.startsWith(baseUrl);
  context.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const pageUrl = msg.page()?.url();
    if (!ours(pageUrl)) return;
    const source = msg.location()?.url;
    if (source === pageUrl && /^Failed to load resource: the server responded with a status of/.test(msg.text())) return;
    errors.push(`${pageUrl}: console: ${msg.text()}`);
  });
  context.on('page', (page) => page.on('pageerror', (e) => {
    if (ours(page.url())) errors.push(`${page.url()}: ${e.message}`);
  }));
  return errors;
}

/**
 * Switches prefers-color-scheme and waits until the page has finished changing colour: the
 * portal's tiles and buttons fade their background (CSS transitions), and axe measuring contrast
 * mid-fade would judge a mix of the two themes.
 */
async function emulateColorScheme(page, colorScheme) {
  await page.emulateMedia({ colorScheme });
  await page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => {})));
  });
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core on the page as it is now, in light and in dark. The portal's CSP allows no injected
 * <script>, so the source goes in through the DevTools protocol (page.evaluate), which a CSP does
 * not govern. Answers {blocking, other}: violations of impact serious/critical, and the rest.
 */
export async function axeCheck(page) {
  const blocking = [];
  const other = [];
  for (const colorScheme of ['light', 'dark']) {
    await emulateColorScheme(page, colorScheme);
    if (!(await page.evaluate('typeof window.axe === "object"'))) {
      await page.evaluate(AXE_SOURCE);
    }
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
      }));
    });
    for (const v of violations) {
      (v.impact === 'serious' || v.impact === 'critical' ? blocking : other).push({ colorScheme, ...v });
    }
  }
  await emulateColorScheme(page, 'light');
  return { blocking, other };
}

export function describeViolations(violations) {
  return violations.map((v) => `  [${v.impact}] ${v.id} (${v.colorScheme}): ${v.help}\n`
    + v.nodes.map((n) => `      ${n}`).join('\n')).join('\n');
}

const SCREENSHOTS = process.env.KEYWAY_SCREENSHOTS;
export const VIEWPORTS = { desktop: { width: 1280, height: 900 }, mobile: { width: 360, height: 780 } };

/**
 * With KEYWAY_SCREENSHOTS=dir: `<name>-<light|dark>-<desktop|mobile>.png` of the page as it is now
 * (no reload: a form's error page or a success page is the answer to a POST). Without it: nothing.
 */
export async function screenshots(page, name) {
  if (!SCREENSHOTS) return [];
  mkdirSync(SCREENSHOTS, { recursive: true });
  const before = page.viewportSize();
  await page.mouse.move(0, 0); // no hover state left over from the click that got here
  const files = [];
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    for (const [device, size] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(size);
      const file = path.join(SCREENSHOTS, `${name}-${colorScheme}-${device}.png`);
      await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
      files.push(file);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  if (before) await page.setViewportSize(before);
  return files;
}
