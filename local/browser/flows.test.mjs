// The hosted portal in headless Chromium, against the local runner that BrowserFlowTest started
// (with mock-oauth2-server as the provider and an "app" page on its own origin). Every portal page
// the run visits is checked with axe-core; KEYWAY_SCREENSHOTS=dir also saves it (bin/screenshots).
//   KEYWAY_FIXTURE=<file written by BrowserFlowTest> node --test --test-reporter=spec flows.test.mjs
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  axeCheck, describeViolations, fixture, keywayApi, launch, screenshots, watchPortalErrors,
} from './support.mjs';

const fx = fixture();
const api = keywayApi(fx);
const keyway = new URL(fx.baseUrl).origin;
const run = Date.now().toString(36); // end users unique per run, so API assertions see only this run
const user = (name) => `u-${name}-${run}`;

// Every distinct portal page must be visited, checked with axe and (when asked) photographed.
const PAGES = ['list', 'method', 'form-api-key', 'form-basic', 'form-error', 'success', 'cancelled', 'expired',
  'provider-error'];
const checked = new Map();

let browser;

before(async () => {
  browser = await launch();
  // Two connectors the fixture lacks: one with a choice of methods, and an OAuth connector whose
  // token endpoint is a closed loopback port (local-mode apps may use loopback URLs).
  const acme = (await api.call('GET', '/v1/connectors/acme')).json;
  const authorize = acme.authMethods[0].oauth2.authorizationUrl.replace('/acme/', '/broken/');
  await api.putConnector('broken', {
    provider: 'custom', displayName: 'Broken SSO', baseUrl: 'http://127.0.0.1:9',
    authMethods: [{ id: 'oauth', type: 'OAUTH2', clientId: 'keyway-client', clientSecret: 'canary-broken-client-secret',
      scopes: ['openid', 'read'], authorizationUrl: authorize, tokenUrl: 'http://127.0.0.1:9/token' }],
  });
  await api.putConnector('multi', {
    provider: 'custom', displayName: 'Multi Desk', baseUrl: `${fx.appOrigin}/api`,
    authMethods: [{ id: 'key', type: 'API_KEY', inject: { in: 'header', name: 'X-API-Key' } }, { id: 'basic', type: 'BASIC' }],
  });
});

after(async () => {
  await browser?.close();
});

/** A fresh browser profile (cookies, storage) for test t, with the portal's console watched. */
async function newPage(t) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  t.after(() => context.close());
  context.setDefaultTimeout(15_000);
  const errors = watchPortalErrors(context, keyway);
  const page = await context.newPage();
  return { context, page, errors };
}

/** axe on a portal page (light and dark), then its screenshots; fails on serious or critical findings. */
async function inspect(t, page, name) {
  assert.ok(PAGES.includes(name), `unknown page name ${name}`);
  assert.ok(page.url().startsWith(keyway), `${name} is a Keyway page (at ${page.url()})`);
  const { blocking, other } = await axeCheck(page);
  if (other.length) t.diagnostic(`axe, ${name}, minor/moderate:\n${describeViolations(other)}`);
  assert.equal(blocking.length, 0, `axe on ${name} (${page.url()}):\n${describeViolations(blocking)}`);
  checked.set(name, { minor: other.length });
  await screenshots(page, name);
}

/** mock-oauth2-server's interactive login: any username signs in. */
async function signIn(page, username) {
  await page.waitForURL(/\/authorize\?/);
  await page.locator('input[name=username]').fill(username);
  await Promise.all([page.waitForURL((url) => !url.pathname.endsWith('/authorize')), page.locator('input[type=submit]').click()]);
}

async function heading(page) {
  return (await page.locator('h1').first().textContent()).trim();
}

function assertNoPortalErrors(errors) {
  assert.deepEqual(errors, [], 'console errors, CSP refusals or exceptions on portal pages');
}

/** Every HTML document Keyway serves in this context, as text, to search for secrets. */
function recordDocuments(context) {
  const documents = [];
  context.on('response', (response) => {
    if (response.request().resourceType() !== 'document' || !response.url().startsWith(keyway)) return;
    if (response.status() >= 300 && response.status() < 400) return;
    documents.push(response.text().then((body) => ({ url: response.url(), body }), () => ({ url: response.url(), body: null })));
  });
  return documents;
}

async function assertNowhere(secret, page, documents) {
  const seen = await Promise.all(documents);
  assert.ok(seen.length > 0, 'no Keyway page was recorded');
  for (const { url, body } of seen) {
    assert.ok(body !== null, `could not read the HTML of ${url}`);
    assert.ok(!body.includes(secret), `the typed secret appears in the HTML of ${url}`);
    assert.ok(!url.includes(secret), `the typed secret appears in a URL: ${url}`);
  }
  assert.ok(!(await page.content()).includes(secret), 'the typed secret is in the page DOM');
}

// The suite's timeout bounds the run; after() closes the browser whatever happened.
describe('hosted portal in Chromium', { concurrency: false, timeout: 180_000 }, () => {
  test('OAuth2 popup: sign in at the provider, the app page gets one keyway:connected message, the popup closes',
    async (t) => {
      const { page, errors } = await newPage(t);
      const endUser = user('popup');
      const session = await api.session({ endUserId: endUser, allowedConnectors: ['acme'] });
      await page.goto(`${fx.appOrigin}/app.html`);
      await page.evaluate((url) => { window.connectUrl = url; }, session.connectUrl);

      const [popup] = await Promise.all([page.waitForEvent('popup'), page.locator('#connect').click()]);
      const closed = popup.waitForEvent('close', { timeout: 20_000 });
      const finished = popup.waitForEvent('response', (r) => r.url().startsWith(`${keyway}/oauth/callback`));
      await signIn(popup, 'ana.popup');
      const callback = await finished;
      assert.equal(callback.status(), 200);
      assert.match(await callback.text(), /Connected to Acme ID/);
      await closed;
      assert.ok(popup.isClosed(), 'the popup closed itself');

      await page.waitForTimeout(200); // a second message, if any, would be on its way
      const messages = await page.evaluate(() => window.keywayMessages);
      assert.equal(messages.length, 1, `messages: ${JSON.stringify(messages)}`);
      const [{ origin, data }] = messages;
      assert.equal(origin, keyway);
      assert.equal(data.type, 'keyway:connected');
      assert.equal(data.connector, 'acme');
      assert.ok(data.linkedAccountId, 'the message names the linked account');

      const accounts = await api.accounts(endUser);
      assert.equal(accounts.length, 1);
      const [account] = accounts;
      assert.equal(account.id, data.linkedAccountId);
      assert.equal(account.status, 'CONNECTED');
      assert.equal(account.authMethod, 'oauth');
      assert.ok(account.scopes.includes('openid') && account.scopes.includes('read'), `scopes ${account.scopes}`);
      assert.ok(Date.parse(account.expiresAt) > Date.now(), `expiresAt ${account.expiresAt} is in the future`);

      const userinfo = await api.call('GET', `/v1/proxy/${account.id}/userinfo`);
      assert.equal(userinfo.status, 200, userinfo.text);
      assert.equal(userinfo.json.sub, 'ana.popup', 'the proxy used the token of the user who signed in');
      assertNoPortalErrors(errors);
    });

  test('OAuth2 redirect: without a popup the flow ends on the returnUrl with linkedAccountId and connector', async (t) => {
    const { page, errors } = await newPage(t);
    const endUser = user('redirect');
    const session = await api.session({ endUserId: endUser, allowedConnectors: ['acme'], returnUrl: `${fx.appOrigin}/done` });
    await page.goto(session.connectUrl);
    await signIn(page, 'ben.redirect');
    await page.waitForURL(`${fx.appOrigin}/done?**`);

    const back = new URL(page.url());
    assert.equal(back.searchParams.get('connector'), 'acme');
    assert.equal(await heading(page), 'Back in the app');
    const [account] = await api.accounts(endUser);
    assert.ok(account, 'the account exists');
    assert.equal(back.searchParams.get('linkedAccountId'), account.id);
    assert.equal(account.status, 'CONNECTED');
    assertNoPortalErrors(errors);
  });

  test('API key: the form shows the catalog labels; a wrong key is refused on the form; the right key connects; '
    + 'no key is ever in a page', async (t) => {
    const { context, page, errors } = await newPage(t);
    const documents = recordDocuments(context);
    const endUser = user('apikey');
    const wrongKey = `canary-wrong-api-key-${run}`;
    const session = await api.session({ endUserId: endUser, allowedConnectors: ['keyed'] });

    await page.goto(session.connectUrl);
    assert.equal(await heading(page), 'Connect Keyed CRM');
    const field = page.getByLabel('CRM API key');
    assert.equal(await field.getAttribute('type'), 'password');
    assert.match(await page.locator('.help').textContent(), /Find it under Settings, then API\./);
    await inspect(t, page, 'form-api-key');

    await field.fill(wrongKey);
    const [refused] = await Promise.all([page.waitForEvent('response', (r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Connect' }).click()]);
    await page.waitForLoadState();
    assert.equal(refused.status(), 422);
    assert.match(await page.getByRole('alert').textContent(), /Keyed CRM did not accept these credentials/);
    assert.equal(await page.getByLabel('CRM API key').inputValue(), '', 'the refused key is not put back in the field');
    assert.deepEqual(await api.accounts(endUser), [], 'a refused key creates no linked account');
    await inspect(t, page, 'form-error');

    await page.getByLabel('CRM API key').fill(fx.goodApiKey);
    await Promise.all([page.waitForURL(`${keyway}/connect/keyed`), page.getByRole('button', { name: 'Connect' }).click()]);
    await page.getByRole('heading', { name: 'Connected to Keyed CRM' }).waitFor();
    const [account] = await api.accounts(endUser);
    assert.ok(account, 'the account exists');
    assert.equal(account.authMethod, 'key');
    assert.equal(account.status, 'CONNECTED');
    await inspect(t, page, 'success');

    await assertNowhere(wrongKey, page, documents);
    await assertNowhere(fx.goodApiKey, page, documents);
    assertNoPortalErrors(errors);
  });

  test('basic: username and password connect the account; the password is never in a page', async (t) => {
    const { context, page, errors } = await newPage(t);
    const documents = recordDocuments(context);
    const endUser = user('basic');
    const password = `canary-basic-password-${run}`;
    const session = await api.session({ endUserId: endUser, allowedConnectors: ['plain'] });

    await page.goto(session.connectUrl);
    assert.equal(await heading(page), 'Connect Plain Tickets');
    await inspect(t, page, 'form-basic');
    await page.getByLabel('Username').fill('cleo');
    await page.getByLabel('Password').fill(password);
    await Promise.all([page.waitForURL(`${keyway}/connect/plain`), page.getByRole('button', { name: 'Connect' }).click()]);
    await page.getByRole('heading', { name: 'Connected to Plain Tickets' }).waitFor();

    const [account] = await api.accounts(endUser);
    assert.ok(account, 'the account exists');
    assert.equal(account.authMethod, 'basic');
    await assertNowhere(password, page, documents);
    assertNoPortalErrors(errors);
  });

  test('connector list: every allowed connector is a tile; Tab reaches the tiles with a visible focus ring and Enter '
    + 'opens one', async (t) => {
    const { page, errors } = await newPage(t);
    const session = await api.session({ endUserId: user('list'), allowedConnectors: ['acme', 'keyed', 'plain'] });
    await page.goto(session.connectUrl);
    const tiles = page.locator('.tiles .tile-name');
    assert.deepEqual(await tiles.allTextContents(), ['Connect Acme ID', 'Connect Keyed CRM', 'Connect Plain Tickets']);
    await inspect(t, page, 'list');

    const focused = [];
    for (let i = 0; i < 6 && focused.at(-1) !== 'Connect Keyed CRM'; i++) {
      await page.keyboard.press('Tab');
      focused.push(await page.evaluate(() => document.activeElement?.textContent?.trim()));
    }
    assert.deepEqual(focused, ['Connect Acme ID', 'Connect Keyed CRM'], 'Tab goes straight to the tiles, in order');
    const ring = await page.evaluate(() => getComputedStyle(document.activeElement, '::after').outlineStyle);
    assert.equal(ring, 'solid', 'the focused tile shows a focus ring');
    await Promise.all([page.waitForURL(/\/connect\/keyed\?/), page.keyboard.press('Enter')]);
    assert.equal(await heading(page), 'Connect Keyed CRM');
    assertNoPortalErrors(errors);
  });

  test('method choice: a connector with two auth methods asks which one, and each option leads to its form',
    async (t) => {
      const { page, errors } = await newPage(t);
      const session = await api.session({ endUserId: user('method'), allowedConnectors: ['multi'] });
      await page.goto(session.connectUrl);
      assert.equal(await heading(page), 'Connect Multi Desk');
      const options = page.locator('.options .option-label');
      assert.deepEqual(await options.allTextContents(), ['API key', 'Username and password']);
      await inspect(t, page, 'method');

      await Promise.all([page.waitForURL(/method=basic/), page.getByRole('link', { name: /Username and password/ }).click()]);
      assert.equal(await page.getByLabel('Username').count(), 1);
      await page.goBack();
      await Promise.all([page.waitForURL(/method=key/), page.getByRole('link', { name: /API key/ }).click()]);
      assert.equal(await page.getByLabel('API key').getAttribute('type'), 'password');
      assertNoPortalErrors(errors);
    });

  test('back link: "All apps" on the method choice returns to the connector list', async (t) => {
    const { page } = await newPage(t);
    const session = await api.session({ endUserId: user('back'), allowedConnectors: ['multi', 'plain'] });
    await page.goto(`${fx.baseUrl}/connect/multi?session=${session.token}`);
    await Promise.all([page.waitForLoadState(), page.getByRole('link', { name: 'All apps' }).click()]);
    assert.equal(new URL(page.url()).pathname, '/connect');
    assert.equal(await heading(page), 'Choose an app to connect');
  });

  test('expired or unknown session link: the expired page, with status 410', async (t) => {
    const { page, errors } = await newPage(t);
    const response = await page.goto(`${fx.baseUrl}/connect?session=cs_${'a'.repeat(52)}`);
    assert.equal(response.status(), 410);
    assert.equal(await heading(page), 'This link has expired');
    await inspect(t, page, 'expired');
    assertNoPortalErrors(errors);
  });

  test('access denied at the provider: the cancelled page, nothing stored, connect.denied logged', async (t) => {
    const { page, errors } = await newPage(t);
    const endUser = user('denied');
    const session = await api.session({ endUserId: endUser, allowedConnectors: ['acme'] });
    await page.goto(session.connectUrl);
    await page.waitForURL(/\/acme\/authorize\?/);
    const state = new URL(page.url()).searchParams.get('state');
    assert.ok(state, 'the authorize URL carries a state');

    const response = await page.goto(`${fx.baseUrl}/oauth/callback?error=access_denied&state=${encodeURIComponent(state)}`);
    assert.equal(response.status(), 200);
    assert.equal(await heading(page), 'Connection cancelled');
    assert.match(await page.locator('.lede').textContent(), /Acme ID/);
    const retry = page.getByRole('link', { name: /try again/i });
    assert.equal(await retry.count(), 1, 'the cancelled page offers a way to try again');
    assert.match(await retry.getAttribute('href'), /^\/connect\/acme\?session=cs_[a-z2-7]{52}&method=oauth$/);
    assert.deepEqual(await api.accounts(endUser), []);
    assert.ok((await api.logTypes(endUser)).includes('connect.denied'));
    await inspect(t, page, 'cancelled');
    assertNoPortalErrors(errors);
  });

  test('provider error: a token endpoint that cannot be reached ends on the provider-error page, with status 502',
    async (t) => {
      const { page, errors } = await newPage(t);
      const endUser = user('broken');
      const session = await api.session({ endUserId: endUser, allowedConnectors: ['broken'] });
      await page.goto(session.connectUrl);
      const finished = page.waitForEvent('response', (r) => r.url().startsWith(`${keyway}/oauth/callback`));
      await signIn(page, 'dan.broken');
      const callback = await finished;
      assert.equal(callback.status(), 502);
      assert.equal(await heading(page), "Broken SSO couldn't complete the connection");
      assert.equal(await page.locator('.code code').textContent(), 'unreachable');
      assert.ok(!(await page.content()).includes('canary-broken-client-secret'));
      assert.deepEqual(await api.accounts(endUser), []);
      assert.ok((await api.logTypes(endUser)).includes('connect.failed'));
      await inspect(t, page, 'provider-error');
      assertNoPortalErrors(errors);
    });

  test('axe-core: every kind of portal page was visited and has no serious or critical violation', (t) => {
    for (const [name, { minor }] of checked) t.diagnostic(`${name}: 0 serious/critical, ${minor} minor/moderate`);
    assert.deepEqual(PAGES.filter((p) => !checked.has(p)), [], 'portal pages never checked');
  });
});
