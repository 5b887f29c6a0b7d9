// What the SDK flow tests need around the browser: the fixture SdkFlowTest wrote, the Keyway API,
// the test page's bundle, Chromium, and a recorder of everything that reaches the app's page (to
// prove no secret does). No test logic here.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** {baseUrl, apiKey, appOrigin, goodApiKey, clientSecret, issuedTokensUrl} from the file SdkFlowTest wrote. */
export function fixture() {
  const file = process.env.KEYWAY_FIXTURE;
  if (!file) {
    throw new Error('KEYWAY_FIXTURE is not set: SdkFlowTest starts the servers and sets it');
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The Keyway API with the app's secret key (the app's backend, never the page); JSON in and out. */
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
    async accounts(endUserId) {
      const r = await call('GET', `/v1/linked-accounts?endUserId=${encodeURIComponent(endUserId)}`);
      if (r.status !== 200) throw new Error(`GET /v1/linked-accounts ${r.status}: ${r.text}`);
      return r.json.data;
    },
  };
}

/**
 * The test page's script: pages/app.jsx with @keyway/react and @keyway/connect as built (their
 * dist/), and one React, into build/app.js, which SdkFlowTest's app origin serves under /build/.
 */
export async function buildTestPage() {
  const clients = path.resolve(here, '..');
  const fromHere = (specifier) => require.resolve(specifier, { paths: [here] });
  const aliases = {
    '@keyway/react': path.join(clients, 'react/dist/index.js'),
    '@keyway/connect': path.join(clients, 'js/dist/index.js'),
  };
  // React from this package only, whoever imports it: two copies would break the hooks.
  const oneReact = {
    name: 'one-react',
    setup(b) {
      b.onResolve({ filter: /^(@keyway\/(react|connect)|react|react-dom)(\/.*)?$/ }, (args) => ({
        path: aliases[args.path] ?? fromHere(args.path),
      }));
    },
  };
  mkdirSync(path.join(here, 'build'), { recursive: true });
  await build({
    entryPoints: [path.join(here, 'pages/app.jsx')], outfile: path.join(here, 'build/app.js'), bundle: true,
    format: 'esm', platform: 'browser', target: 'es2020', jsx: 'automatic', sourcemap: true, logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"development"' }, plugins: [oneReact],
  });
}

/**
 * Debian's Chromium, headless, with its popup blocker on (Playwright turns it off by default): a
 * click may open a popup, a script without a user gesture may not, as for a real user. Names
 * other than loopback resolve to nothing, so a page that reaches for the internet fails at once.
 */
export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    ignoreDefaultArgs: ['--disable-popup-blocking'],
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    ],
  });
}

/**
 * Records, for one browser context, everything that could carry a secret to the app: every
 * message a page of the app's origin receives (postMessage, from any origin), the URL and body of
 * every document, fetch and XHR response, and on the app's pages, CSP refusals and uncaught errors;
 * also what the test app's callbacks heard, as it reports it.
 */
export async function recordPage(context, { appOrigin }) {
  const messages = [];
  const responses = [];
  const problems = [];
  const log = [];
  await context.exposeBinding('__keywayRecord', (_source, entry) => {
    if (entry.kind === 'log') log.push(entry.entry);
    else (entry.kind === 'message' ? messages : problems).push(entry);
  });
  await context.addInitScript((origin) => {
    if (location.origin !== origin) return;
    const record = (entry) => window.__keywayRecord({ ...entry, page: location.href });
    window.addEventListener('message', (event) => {
      let data;
      try { data = JSON.stringify(event.data); } catch { data = String(event.data); }
      record({ kind: 'message', origin: event.origin, data });
    }, true);
    document.addEventListener('securitypolicyviolation', (e) => record({
      kind: 'csp', directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile,
    }));
  }, appOrigin);
  context.on('page', (page) => page.on('pageerror', (e) => {
    if (page.url().startsWith(appOrigin)) problems.push({ kind: 'pageerror', page: page.url(), message: e.message });
  }));
  // A fetch still in flight when its page navigates away (the redirect flow) never reaches the
  // page's code, and its body can no longer be read: such a response is told apart by the
  // document that asked for it having been replaced; any other unreadable body fails the check.
  const documents = new WeakMap();
  context.on('page', (page) => page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) documents.set(page, (documents.get(page) ?? 0) + 1);
  }));
  context.on('response', (response) => {
    const request = response.request();
    const type = request.resourceType();
    if (!['document', 'fetch', 'xhr'].includes(type)) return;
    const status = response.status();
    let page;
    try { page = request.frame().page(); } catch { page = undefined; } // a popup's first navigation has no frame yet
    const document = page ? documents.get(page) ?? 0 : 0;
    const entry = { url: response.url(), status, location: response.headers().location ?? null };
    // ... or by its frame being gone (the modal's iframe, removed when the flow ended).
    const unreadable = () => ({ ...entry, body: null, abandoned: type !== 'document' && page !== undefined
      && ((documents.get(page) ?? 0) > document || request.frame().isDetached()) });
    const bodiless = (status >= 300 && status < 400) || status === 204;
    responses.push(bodiless ? Promise.resolve({ ...entry, body: '' })
      : response.body().then((b) => ({ ...entry, body: b.toString('utf8') }), unreadable));
  });
  /** What the app heard (pages/app.jsx reports each entry here too), once an entry of `kind` is there. */
  async function waitForLog(kind, timeout = 15_000) {
    for (const end = Date.now() + timeout; !log.some((e) => e.kind === kind); await new Promise((r) => setTimeout(r, 50))) {
      if (Date.now() > end) throw new Error(`no ${kind} in the app's log within ${timeout} ms: ${JSON.stringify(log)}`);
    }
    return [...log];
  }
  return { messages, responses, problems, log, waitForLog };
}

const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\./;

/**
 * Asserts that none of `secrets` (typed credentials, the OAuth client secret, every token the
 * authorization server issued) reached the page: not in a message, a response URL or body, or
 * the final DOM; and that no JWT-shaped string or token field did either. Session tokens and
 * linked-account ids are the only identifiers the page may see. Answers what was checked.
 */
export async function assertNoSecrets(recorded, page, secrets) {
  const { messages, responses } = recorded;
  const seen = await Promise.all(responses);
  const wanted = secrets.filter((s) => typeof s === 'string' && s.length >= 8);
  const leaks = [];
  const scan = (where, text) => {
    if (!text) return;
    for (const s of wanted) if (text.includes(s)) leaks.push(`${where} contains ${s.slice(0, 12)}…`);
    if (JWT.test(text)) leaks.push(`${where} contains a JWT`);
    if (/"(access_token|refresh_token|id_token|accessToken|refreshToken)"/.test(text)) leaks.push(`${where} names a token field`);
  };
  for (const m of messages) scan(`a message from ${m.origin} to ${m.page}`, m.data);
  for (const r of seen) {
    if (r.body === null && !r.abandoned) leaks.push(`the body of ${r.url} could not be read`);
    scan(`the URL ${r.url}`, r.url);
    scan(`the Location of ${r.url}`, r.location);
    scan(`the body of ${r.url} (${r.status})`, r.body);
  }
  if (page && !page.isClosed()) scan(`the DOM of ${page.url()}`, await page.content());
  if (leaks.length) throw new Error(`secrets reached the page:\n  ${leaks.join('\n  ')}`);
  return { messages: messages.length, responses: seen.length, secrets: wanted.length };
}

const SCREENSHOTS = process.env.KEYWAY_SCREENSHOTS;

/** With KEYWAY_SCREENSHOTS=dir: `<dir>/<name>.png` of the page as it is now, light, 1280 px wide. Without it: nothing. */
export async function screenshot(page, name) {
  if (!SCREENSHOTS) return null;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.mouse.move(0, 0);
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
  return file;
}
