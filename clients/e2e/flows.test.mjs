// @keyway/connect and @keyway/react in headless Chromium, against the local runner SdkFlowTest
// started (mock-oauth2-server as the provider, an app origin serving the test page with a strict
// CSP). Each flow runs on the app's own page (pages/app.jsx) through the React components, and
// every test checks that nothing secret reached that page: not in a postMessage, a response it
// or its popup/iframe got, or its DOM.
//   KEYWAY_FIXTURE=<file written by SdkFlowTest> node --test --test-reporter=spec flows.test.mjs
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertNoSecrets, buildTestPage, fixture, keywayApi, launch, recordPage, screenshot,
} from './support.mjs';

const fx = fixture();
const api = keywayApi(fx);
const keyway = new URL(fx.baseUrl).origin;
const run = Date.now().toString(36); // end users unique per run, so API assertions see only this run
const user = (name) => `u-sdk-${name}-${run}`;
const EXPIRED = `cs_${'a'.repeat(52)}`;

let browser;

before(async () => {
  await buildTestPage();
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** A fresh browser profile with the recorder on, and the test app opened with `query`. */
async function openApp(t, query, { coop = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  t.after(() => context.close());
  context.setDefaultTimeout(15_000);
  const recorded = await recordPage(context, { appOrigin: fx.appOrigin });
  const page = await context.newPage();
  const params = new URLSearchParams({ keyway: fx.baseUrl, ...query });
  if (coop) params.set('coop', '1');
  const response = await page.goto(`${fx.appOrigin}/pages/app.html?${params}`);
  assert.equal(response.status(), 200);
  assert.equal(response.headers()['cross-origin-opener-policy'], coop ? 'same-origin' : undefined);
  await page.getByRole('heading', { name: 'Acme app' }).waitFor();
  return { context, page, recorded };
}

/** What the app's callbacks heard (window.keywayLog), once an entry of `kind` is there. */
async function heard(page, kind, timeout = 15_000) {
  try {
    await page.waitForFunction((k) => window.keywayLog.some((e) => e.kind === k), kind, { timeout });
  } catch (e) {
    const log = await page.evaluate(() => window.keywayLog).catch(() => 'unreadable');
    throw new Error(`no ${kind} in the app's log within ${timeout} ms: ${JSON.stringify(log)}`, { cause: e });
  }
  return page.evaluate(() => window.keywayLog);
}

/** mock-oauth2-server's interactive login: any username signs in. */
async function signIn(page, username) {
  await page.waitForURL(/\/authorize\?/);
  await page.locator('input[name=username]').fill(username);
  await Promise.all([page.waitForURL((url) => !url.pathname.endsWith('/authorize')), page.locator('input[type=submit]').click()]);
}

/** The secrets of an OAuth run: the client secret and every token the authorization server has issued so far. */
async function oauthSecrets() {
  const issued = await (await fetch(fx.issuedTokensUrl)).json();
  return [fx.clientSecret, ...issued];
}

/** No secret reached the page, and the page itself ran clean: no CSP refusal, no uncaught error. */
async function assertClean(t, recorded, page, secrets) {
  const checked = await assertNoSecrets(recorded, page, secrets);
  t.diagnostic(`secrets: ${checked.secrets} checked against ${checked.messages} messages and ${checked.responses} responses`);
  assert.deepEqual(recorded.problems, [], 'CSP refusals or uncaught errors on the app page');
}

function successes(log) {
  return log.filter((e) => e.kind === 'success');
}

async function onlyAccount(endUser) {
  const accounts = await api.accounts(endUser);
  assert.equal(accounts.length, 1, `accounts of ${endUser}: ${JSON.stringify(accounts)}`);
  assert.equal(accounts[0].status, 'CONNECTED');
  return accounts[0];
}

/** A test that gives up after a minute, so one hung flow cannot eat the whole run. */
function flow(name, fn) {
  return test(name, { timeout: 60_000 }, fn);
}

// The suite's timeout bounds the run; after() closes the browser whatever happened.
describe('@keyway/react over @keyway/connect, in Chromium', { concurrency: false, timeout: 420_000 }, () => {
  flow('popup: ConnectButton opens the portal, the user signs in, onSuccess gets the linked account', async (t) => {
    const endUser = user('popup');
    const session = await api.session({ endUserId: endUser, allowedConnectors: ['acme'] });
    const { context, page, recorded } = await openApp(t, { session: session.token, view: 'button', connectorKey: 'acme' });
    const button = page.getByRole('button', { name: 'Connect acme' });
    await button.and(page.locator(':enabled')).waitFor();

    const [popup] = await Promise.all([context.waitForEvent('page'), button.click()]);
    const closed = popup.waitForEvent('close', { timeout: 20_000 });
    await signIn(popup, 'ana.popup');

    const log = await heard(page, 'success');
    const account = await onlyAccount(endUser);
    assert.deepEqual(successes(log).map(({ linkedAccountId, connector }) => ({ linkedAccountId, connector })),
      [{ linkedAccountId: account.id, connector: 'acme' }]);
    assert.ok(log.some((e) => e.kind === 'event' && e.type === 'connected'), 'onEvent saw connected');
    await closed;
    const fromKeyway = recorded.messages.filter((m) => m.origin === keyway).map((m) => JSON.parse(m.data));
    assert.ok(fromKeyway.some((m) => m.type === 'keyway:connected' && m.linkedAccountId === account.id),
      `the portal posted keyway:connected: ${JSON.stringify(fromKeyway)}`);
    await page.getByText(`linked account ${account.id}`).waitFor();
    const portal = (await Promise.all(recorded.responses)).map((r) => new URL(r.url))
      .find((u) => u.origin === keyway && u.pathname === '/connect/acme');
    assert.equal(portal?.searchParams.get('origin'), fx.appOrigin, 'the popup opened the portal for the page\'s origin');
    await assertClean(t, recorded, page, await oauthSecrets());
  });

  flow('iframe: the portal opens in a modal dialog on the page; the API key typed there connects', async (t) => {
    const endUser = user('iframe');
    const session = await api.session({ endUserId: endUser, allowedConnectors: ['keyed'] });
    const { page, recorded } = await openApp(t, { session: session.token, view: 'button', mode: 'iframe', connectorKey: 'keyed' });
    const button = page.getByRole('button', { name: 'Connect keyed' });
    await button.and(page.locator(':enabled')).waitFor();
    await button.click();

    const dialog = page.getByRole('dialog', { name: 'Connect an account' });
    await dialog.waitFor();
    const frame = page.frameLocator('iframe[title="Connect an account"]');
    await frame.getByLabel('CRM API key').fill(fx.goodApiKey);
    await frame.getByRole('button', { name: 'Connect' }).click();

    const log = await heard(page, 'success');
    const account = await onlyAccount(endUser);
    assert.equal(account.authMethod, 'key');
    assert.deepEqual(successes(log).map((e) => e.linkedAccountId), [account.id]);
    await dialog.waitFor({ state: 'detached' });
    await assertClean(t, recorded, page, [fx.goodApiKey]);
  });

  flow('iframe: closing the dialog ends the flow with user_cancelled and gives the focus back', async (t) => {
    const session = await api.session({ endUserId: user('iframe-close'), allowedConnectors: ['keyed'] });
    const { page, recorded } = await openApp(t, { session: session.token, view: 'button', mode: 'iframe', connectorKey: 'keyed' });
    const button = page.getByRole('button', { name: 'Connect keyed' });
    await button.and(page.locator(':enabled')).waitFor();
    await button.click();
    const dialog = page.getByRole('dialog', { name: 'Connect an account' });
    await page.frameLocator('iframe').getByLabel('CRM API key').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();

    const log = await heard(page, 'exit');
    assert.deepEqual(log.filter((e) => e.kind === 'exit').map((e) => e.code), ['user_cancelled']);
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.textContent?.includes('Connect keyed'));
    await assertClean(t, recorded, page, []);
  });

  flow('iframe: Escape pressed inside the portal closes the dialog too', async (t) => {
    const session = await api.session({ endUserId: user('iframe-escape'), allowedConnectors: ['keyed'] });
    const { page, recorded } = await openApp(t, { session: session.token, view: 'button', mode: 'iframe', connectorKey: 'keyed' });
    const button = page.getByRole('button', { name: 'Connect keyed' });
    await button.and(page.locator(':enabled')).waitFor();
    await button.click();
    const dialog = page.getByRole('dialog', { name: 'Connect an account' });
    const field = page.frameLocator('iframe').getByLabel('CRM API key');
    await field.fill('half-typed');
    await field.press('Escape');

    const log = await heard(page, 'exit');
    assert.deepEqual(log.filter((e) => e.kind === 'exit').map((e) => e.code), ['user_cancelled']);
    await dialog.waitFor({ state: 'detached' });
    await assertClean(t, recorded, page, []);
  });

  flow('iframe + OAuth: the provider opens in a popup from the modal (providers refuse frames); the modal ends '
    + 'with the linked account', async (t) => {
    const endUser = user('iframe-oauth');
    const session = await api.session({ endUserId: endUser, allowedConnectors: ['acme'] });
    const { context, page, recorded } = await openApp(t, { session: session.token, view: 'button', mode: 'iframe', connectorKey: 'acme' });
    const button = page.getByRole('button', { name: 'Connect acme' });
    await button.and(page.locator(':enabled')).waitFor();
    await button.click();
    const dialog = page.getByRole('dialog', { name: 'Connect an account' });
    const frame = page.frameLocator('iframe[title="Connect an account"]');
    const go = frame.getByRole('button', { name: 'Continue to Acme ID' });
    await go.waitFor();
    await frame.getByText('Acme ID opens in a new window.').waitFor();
    await screenshot(page, 'sdk-iframe-oauth');
    const [popup] = await Promise.all([context.waitForEvent('page'), go.click()]);
    const closed = popup.waitForEvent('close', { timeout: 20_000 });
    await signIn(popup, 'fay.iframe');

    const log = await heard(page, 'success', 20_000);
    const account = await onlyAccount(endUser);
    assert.deepEqual(successes(log).map((e) => e.linkedAccountId), [account.id]);
    await closed;
    await dialog.waitFor({ state: 'detached' });
    await assertClean(t, recorded, page, await oauthSecrets());
  });

  flow('redirect: the page goes to Keyway and back; resume() reports the linked account and cleans the URL',
    async (t) => {
      const endUser = user('redirect');
      const session = await api.session({ endUserId: endUser, allowedConnectors: ['acme'] });
      const { page, recorded } = await openApp(t, { session: session.token, view: 'button', mode: 'redirect', connectorKey: 'acme' });
      const button = page.getByRole('button', { name: 'Connect acme' });
      await button.and(page.locator(':enabled')).waitFor();
      // The page the flow returns to, as it was loaded: resume() rewrites the URL right after.
      const returned = page.waitForResponse((r) => r.url().startsWith(`${fx.appOrigin}/pages/app.html?`)
        && new URL(r.url()).searchParams.has('linkedAccountId'), { timeout: 20_000 });
      await button.click();
      await signIn(page, 'ben.redirect');
      const back = new URL((await returned).url());
      assert.equal(back.searchParams.get('connector'), 'acme');

      const log = await heard(page, 'success');
      const account = await onlyAccount(endUser);
      assert.equal(back.searchParams.get('linkedAccountId'), account.id);
      assert.deepEqual(successes(log).map((e) => e.linkedAccountId), [account.id]);
      await page.waitForURL((url) => !url.searchParams.has('linkedAccountId'));
      const cleaned = new URL(page.url());
      assert.equal(cleaned.searchParams.get('connector'), null, 'resume() took the result out of the URL');
      assert.equal(cleaned.searchParams.get('session'), session.token, "the app's own parameters stay");

      // A reload finds the session's result again (the SDK reads it from Keyway, not the URL): the same account.
      await page.reload();
      const again = await heard(page, 'success');
      assert.deepEqual(successes(again).map((e) => e.linkedAccountId), [account.id]);
      assert.deepEqual(again.filter((e) => e.kind === 'exit'), [], 'a reload reports no error');
      assert.equal((await api.accounts(endUser)).length, 1);
      await assertClean(t, recorded, page, await oauthSecrets());
    });

  flow('ConnectPanel: the API-key form is inline; a wrong key is refused in an alert, the right key connects; '
    + 'basic and OAuth connectors from the same panel', async (t) => {
    const endUser = user('panel');
    const wrongKey = `canary-wrong-sdk-key-${run}`;
    const password = `canary-sdk-password-${run}`;
    const session = await api.session({ endUserId: endUser, allowedConnectors: ['acme', 'keyed', 'plain'] });
    const { context, page, recorded } = await openApp(t, { session: session.token, view: 'panel' });
    const panel = page.getByRole('region', { name: 'Connect your tools' });
    await panel.getByRole('heading', { name: 'Keyed CRM' }).waitFor();
    assert.deepEqual(await panel.getByRole('heading', { level: 3 }).allTextContents(), ['Acme ID', 'Keyed CRM', 'Plain Tickets']);

    const keyed = panel.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Keyed CRM' }) });
    const toggle = keyed.getByRole('button', { name: 'Connect Keyed CRM', expanded: false });
    assert.equal(await toggle.evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(11, 110, 79)',
      "the app's --keyway-color-accent themes the component");
    assert.equal(await page.locator('[style]').count(), 0, 'no inline style attribute anywhere on the page');
    await toggle.click();
    const field = keyed.getByLabel('CRM API key');
    assert.equal(await field.getAttribute('type'), 'password');
    await screenshot(page, 'sdk-react-panel');

    await field.fill(wrongKey);
    await keyed.locator('form').getByRole('button', { name: 'Connect Keyed CRM' }).click();
    await assertAlert(keyed, 'Keyed CRM did not accept these credentials. Check them and try again.');
    assert.equal(await field.inputValue(), '', 'the refused key is not left in the field');
    assert.deepEqual(await api.accounts(endUser), [], 'a refused key links nothing');

    await field.fill(fx.goodApiKey);
    await keyed.locator('form').getByRole('button', { name: 'Connect Keyed CRM' }).click();
    await keyed.getByText('Connected', { exact: true }).waitFor();
    assert.equal(await keyed.getByRole('alert').count(), 0, 'the alert is gone');
    await page.getByRole('status').filter({ hasText: 'Connected to Keyed CRM.' }).waitFor();

    const plain = panel.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Plain Tickets' }) });
    await plain.getByRole('button', { name: 'Connect Plain Tickets' }).click();
    await plain.getByLabel('Username').fill('cleo');
    await plain.getByLabel('Password').fill(password);
    await plain.getByLabel('Password').press('Enter');
    await plain.getByText('Connected', { exact: true }).waitFor();

    const acme = panel.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Acme ID' }) });
    const [popup] = await Promise.all([context.waitForEvent('page'), acme.getByRole('button', { name: 'Connect Acme ID' }).click()]);
    await signIn(popup, 'cleo.panel');
    await acme.getByText('Connected', { exact: true }).waitFor();

    const accounts = await api.accounts(endUser);
    assert.deepEqual(accounts.map((a) => `${a.connector}/${a.authMethod}/${a.status}`).sort(),
      ['acme/oauth/CONNECTED', 'keyed/key/CONNECTED', 'plain/basic/CONNECTED']);
    const log = await page.evaluate(() => window.keywayLog);
    assert.deepEqual(successes(log).map((e) => e.connector).sort(), ['acme', 'keyed', 'plain']);
    assert.deepEqual(log.filter((e) => e.kind === 'exit'), [], 'a refused key is not the end of the flow');
    await screenshot(page, 'sdk-react-connected');
    await assertClean(t, recorded, page, [wrongKey, fx.goodApiKey, password, ...await oauthSecrets()]);
  });

  flow('blocked popup: open() without a user gesture is blocked by Chromium: onExit gets popup_blocked', async (t) => {
    const session = await api.session({ endUserId: user('blocked'), allowedConnectors: ['acme'] });
    // open() as soon as the flow is ready, from no click at all: a page load gives no user activation.
    const { context, page, recorded } = await openApp(t, { session: session.token, view: 'hook', connectorKey: 'acme', auto: '1' });
    // Waiting through the page's own report, not page.waitForFunction: Playwright evaluates with a user
    // gesture, which would let the popup through.
    const log = await recorded.waitForLog('exit');
    assert.equal(await page.evaluate(() => window.keywayAutoOpened), null, 'open() resolved null, it did not reject');
    assert.deepEqual(log.filter((e) => e.kind === 'exit').map((e) => e.code), ['popup_blocked']);
    assert.ok(log.some((e) => e.kind === 'event' && e.type === 'error' && e.code === 'popup_blocked'));
    await page.getByText('ready, last error: popup_blocked').waitFor();
    assert.equal(context.pages().length, 1, 'no window was opened');
    await assertClean(t, recorded, page, []);
  });

  flow('expired session: the panel says so in an alert, the hook reports session_expired, nothing opens', async (t) => {
    const { page, recorded } = await openApp(t, { session: EXPIRED, view: 'panel' });
    await assertAlert(page, 'This connection link has expired. Reload the page to start again.');
    const log = await heard(page, 'exit');
    assert.deepEqual(log.filter((e) => e.kind === 'exit').map((e) => e.code), ['session_expired']);
    await assertClean(t, recorded, page, []);

    const hook = await openApp(t, { session: EXPIRED, view: 'hook', connectorKey: 'acme' });
    await hook.page.getByText('not ready, last error: session_expired').waitFor();
    assert.ok(await hook.page.getByRole('button', { name: 'Link an account' }).isDisabled());
    await assertClean(t, hook.recorded, hook.page, []);
  });

  flow('the user closes the popup: onExit gets user_cancelled, and the button can be used again', async (t) => {
    const endUser = user('cancel');
    const session = await api.session({ endUserId: endUser, allowedConnectors: ['acme'] });
    const { context, page, recorded } = await openApp(t, { session: session.token, view: 'button', connectorKey: 'acme' });
    const button = page.getByRole('button', { name: 'Connect acme' });
    await button.and(page.locator(':enabled')).waitFor();
    const [popup] = await Promise.all([context.waitForEvent('page'), button.click()]);
    await popup.waitForURL(/\/authorize\?/);
    assert.equal(await button.getAttribute('aria-busy'), 'true');
    await popup.close();

    const log = await heard(page, 'exit');
    assert.deepEqual(log.filter((e) => e.kind === 'exit').map((e) => e.code), ['user_cancelled']);
    assert.ok(log.some((e) => e.kind === 'event' && e.type === 'closed'), 'onEvent saw closed');
    await button.and(page.locator(':enabled')).waitFor();
    assert.deepEqual(await api.accounts(endUser), []);
    await assertClean(t, recorded, page, await oauthSecrets());
  });

  // COOP cuts the page's handle on the popup (it reads closed at once) and the popup's opener: no
  // message can arrive. The SDK learns from the session's activity (the OAuth flow is at the
  // provider) that the user is still signing in, and takes the result from the session.
  test('COOP: on a page with Cross-Origin-Opener-Policy: same-origin the popup has no opener; the result '
    + 'still arrives, through the session status', { timeout: 60_000 }, async (t) => {
    const endUser = user('coop');
    const session = await api.session({ endUserId: endUser, allowedConnectors: ['acme'] });
    const { context, page, recorded } = await openApp(t, { session: session.token, view: 'button', connectorKey: 'acme' },
      { coop: true });
    const button = page.getByRole('button', { name: 'Connect acme' });
    await button.and(page.locator(':enabled')).waitFor();
    const [popup] = await Promise.all([context.waitForEvent('page'), button.click()]);
    await popup.waitForURL(/\/authorize\?/);
    assert.equal(await popup.evaluate(() => window.opener), null, 'COOP severed the opener');
    // A person reads the sign-in page first. The page's handle on the popup reads closed from the
    // moment COOP severed it, so the SDK must not take that for the user closing the window.
    await popup.waitForTimeout(2_000);
    await signIn(popup, 'dee.coop');

    const log = await heard(page, 'success', 20_000);
    const account = await onlyAccount(endUser);
    assert.deepEqual(successes(log).map((e) => e.linkedAccountId), [account.id]);
    assert.deepEqual(recorded.messages.filter((m) => m.origin === keyway), [], 'no message could reach the page');
    assert.deepEqual(log.filter((e) => e.kind === 'exit'), []);
    await assertClean(t, recorded, page, await oauthSecrets());
  });

  test('COOP: the user closes a cut-off popup on a portal page: the heartbeat stops and the SDK reports '
    + 'user_cancelled', { timeout: 60_000 }, async (t) => {
    const session = await api.session({ endUserId: user('coop-close'), allowedConnectors: ['keyed'] });
    const { context, page, recorded } = await openApp(t, { session: session.token, view: 'button', connectorKey: 'keyed' },
      { coop: true });
    const button = page.getByRole('button', { name: 'Connect keyed' });
    await button.and(page.locator(':enabled')).waitFor();
    const [popup] = await Promise.all([context.waitForEvent('page'), button.click()]);
    await popup.getByLabel('CRM API key').waitFor();
    await popup.waitForTimeout(6_000); // the person reads the form: the SDK must not give up meanwhile
    assert.deepEqual((await page.evaluate(() => window.keywayLog)).filter((e) => e.kind === 'exit'), []);
    const closedAt = Date.now();
    await popup.close();

    const log = await heard(page, 'exit', 30_000);
    assert.deepEqual(log.filter((e) => e.kind === 'exit').map((e) => e.code), ['user_cancelled']);
    t.diagnostic(`user_cancelled ${Date.now() - closedAt} ms after the popup closed (heartbeat every 5 s, stale after 12 s)`);
    await button.and(page.locator(':enabled')).waitFor();
    await assertClean(t, recorded, page, []);
  });
});

async function assertAlert(scope, text) {
  const alert = scope.getByRole('alert');
  await alert.waitFor();
  assert.equal((await alert.textContent()).trim(), text);
}
