// The example app (clients/examples/react-app) as a developer runs it: built with Vite, served by
// `vite preview` with its backend middleware holding the app key, against the local runner
// SdkFlowTest started. The user connects an API-key connector from the panel and sees the
// linked account with its status; nothing secret reaches the page.
//   KEYWAY_FIXTURE=<file written by SdkFlowTest> node --test --test-reporter=spec example.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { assertNoSecrets, fixture, keywayApi, launch, recordPage, screenshot } from './support.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const example = path.resolve(here, '../examples/react-app');
const fx = fixture();
const api = keywayApi(fx);
const endUser = `example-user-${Date.now().toString(36)}`;

let browser;
let server;
let origin;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    }).on('error', reject);
  });
}

before(async () => {
  // The example's backend reads these when Vite loads its config: the page never sees the key.
  Object.assign(process.env, { KEYWAY_URL: fx.baseUrl, KEYWAY_API_KEY: fx.apiKey, KEYWAY_END_USER: endUser });
  const vite = await import(pathToFileURL(createRequire(path.join(example, 'package.json')).resolve('vite')));
  await vite.build({ root: example, logLevel: 'warn' });
  const port = await freePort();
  server = await vite.preview({ root: example, logLevel: 'warn', preview: { host: '127.0.0.1', port, strictPort: true } });
  origin = `http://127.0.0.1:${port}`;
  // As the example's README says: the app allows the example's origin (and keeps the test page's).
  const settings = await api.call('PATCH', '/v1/settings', { allowedOrigins: [fx.appOrigin, origin] });
  assert.equal(settings.status, 200, settings.text);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.httpServer.close(resolve) : resolve()));
  await api.call('PATCH', '/v1/settings', { allowedOrigins: [fx.appOrigin] });
});

test('example app: the signed-in user connects an API-key tool from the panel and sees the linked account, CONNECTED',
  { timeout: 60_000 }, async (t) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    t.after(() => context.close());
    context.setDefaultTimeout(15_000);
    const recorded = await recordPage(context, { appOrigin: origin });
    const page = await context.newPage();
    assert.equal((await page.goto(origin)).status(), 200);
    await page.getByText(`signed in as ${endUser}`).waitFor();
    await page.getByText('None yet.').waitFor();

    const panel = page.getByRole('region', { name: 'Connect your tools' });
    const keyed = panel.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Keyed CRM' }) });
    await keyed.getByRole('button', { name: 'Connect Keyed CRM' }).click();
    await keyed.getByLabel('CRM API key').fill(fx.goodApiKey);
    await keyed.locator('form').getByRole('button', { name: 'Connect Keyed CRM' }).click();
    await keyed.getByText('Connected', { exact: true }).waitFor();

    const [account] = await api.accounts(endUser);
    assert.equal(account?.status, 'CONNECTED');
    const row = page.getByRole('row').filter({ hasText: account.id });
    await row.waitFor();
    assert.deepEqual((await row.getByRole('cell').allTextContents()).slice(0, 3), ['keyed', 'key', 'CONNECTED']);
    await screenshot(page, 'example-app-connected');
    const checked = await assertNoSecrets(recorded, page, [fx.goodApiKey, fx.apiKey]);
    t.diagnostic(`secrets: ${checked.secrets} checked against ${checked.messages} messages and ${checked.responses} responses`);
    assert.deepEqual(recorded.problems, [], 'CSP refusals or uncaught errors on the example page');
  });
