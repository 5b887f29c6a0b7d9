// A Keyway MCP server as an agent sees it: the official MCP TypeScript SDK client over Streamable
// HTTP against the local runner. A GitHub-like tool called before the user connected answers with a
// connect link (a tool result; or error -32042, a URL-mode elicitation, for a client that declared
// that capability); headless Chromium follows it and signs in at a real authorization server
// (mock-oauth2-server); the auth log records the connection from the link at once; the same call
// then returns the upstream's answer; a revoked server is refused. McpFlowTest starts the servers and
// writes the fixture; a non-zero exit fails it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, UrlElicitationRequiredError } from '@modelcontextprotocol/sdk/types.js';
import { chromium } from 'playwright-core';

const fx = JSON.parse(readFileSync(process.env.KEYWAY_FIXTURE ?? assert.fail('KEYWAY_FIXTURE is not set'), 'utf8'));
const endUserId = `mcp-user-${Date.now()}`;

async function api(method, path, body) {
  const response = await fetch(fx.baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${fx.apiKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null, text };
}

async function connectClient(serverUrl, capabilities = {}) {
  const client = new Client({ name: 'keyway-e2e-agent', version: '1.0.0' }, { capabilities });
  await client.connect(new StreamableHTTPClientTransport(new URL(serverUrl)));
  return client;
}

async function createServer(user, name) {
  const created = await api('POST', '/v1/mcp-servers', { endUserId: user, connectors: ['github'], name });
  assert.equal(created.status, 201, created.text);
  assert.match(created.json.serverUrl, /\/mcp\/mcps_[a-z2-7]{78}$/);
  return created.json;
}

/** The user opens the link: the portal goes straight to the provider (one connector), they sign in. */
async function signInThroughLink(browser, link, username) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await page.waitForURL(/\/authorize\?/);
  await page.locator('input[name=username]').fill(username);
  await Promise.all([page.waitForURL((url) => url.href.startsWith(fx.baseUrl) && !url.pathname.endsWith('/authorize')),
    page.locator('input[type=submit]').click()]);
  await page.waitForLoadState('load');
  assert.match(await page.locator('body').textContent(), /Connected to GitHub-like/);
  await context.close();
}

async function logTypes(user) {
  const log = await api('GET', `/v1/logs?endUserId=${encodeURIComponent(user)}`);
  assert.equal(log.status, 200, log.text);
  return log.json.data.map((e) => e.type);
}

/** Every tool output of the run, to search for secrets at the end. */
const outputs = [];

async function callTool(client, name, args) {
  const result = await client.callTool({ name, arguments: args });
  outputs.push(JSON.stringify(result));
  return result;
}

describe('Keyway MCP server with the MCP TypeScript SDK', { concurrency: false, timeout: 180_000 }, () => {
  let browser;
  let server;
  let client;

  before(async () => {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'],
    });
    server = await createServer(endUserId, 'e2e agent');
  });

  after(async () => {
    await client?.close().catch(() => {});
    await browser?.close();
  });

  test('initialize and list tools', async () => {
    client = await connectClient(server.serverUrl);
    assert.equal(client.getServerVersion()?.name, 'keyway');
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), ['github_request', 'list_connections']);
    const request = tools.find((t) => t.name === 'github_request');
    assert.deepEqual(request.inputSchema.required, ['path']);
  });

  test('a tool call before the user connected answers with a connect link; Chromium completes OAuth; '
    + 'the same call then returns the upstream response', async () => {
    const first = await callTool(client, 'github_request', { path: '/user' });
    assert.equal(first.isError, false);
    assert.equal(first.structuredContent.status, 'connection_required');
    const link = first.structuredContent.connectUrl;
    assert.match(link, /\/connect\?session=cs_[a-z2-7]{52}$/);
    assert.ok(first.content[0].text.includes(link), 'the text the agent shows carries the link');

    await signInThroughLink(browser, link, 'ada.mcp');
    // Recorded with the connection itself, before the agent calls anything again.
    assert.ok((await logTypes(endUserId)).includes('mcp.connected_from_link'));

    const [account] = (await api('GET', `/v1/linked-accounts?endUserId=${encodeURIComponent(endUserId)}`)).json.data;
    assert.equal(account?.status, 'CONNECTED');
    assert.equal(account.connector, 'github');

    // Same client, same call, nothing restarted.
    const second = await callTool(client, 'github_request', { path: '/user' });
    assert.equal(second.isError, false, JSON.stringify(second));
    assert.equal(second.structuredContent.status, 200);
    assert.equal(second.structuredContent.body.login, 'ada');
    assert.equal(second.structuredContent.redacted, true, 'the echoed access token was redacted');

    const listed = await callTool(client, 'list_connections', {});
    assert.equal(listed.structuredContent.connections[0].status, 'CONNECTED');
  });

  test('a client that declared URL-mode elicitation gets the link as error -32042; after Chromium completes OAuth '
    + 'the retried call succeeds', async () => {
    const user = `${endUserId}-elicit`;
    const elicitServer = await createServer(user, 'e2e elicitation agent');
    const elicitClient = await connectClient(elicitServer.serverUrl, { elicitation: { url: {} } });
    try {
      let elicitation;
      await assert.rejects(elicitClient.callTool({ name: 'github_request', arguments: { path: '/user' } }), (error) => {
        assert.ok(error instanceof UrlElicitationRequiredError, String(error));
        assert.equal(error.code, ErrorCode.UrlElicitationRequired);
        assert.equal(error.elicitations.length, 1);
        [elicitation] = error.elicitations;
        return true;
      });
      outputs.push(JSON.stringify(elicitation));
      assert.equal(elicitation.mode, 'url');
      assert.match(elicitation.elicitationId, /^el_[a-z2-7]{26}$/);
      assert.match(elicitation.url, /\/connect\?session=cs_[a-z2-7]{52}$/);
      assert.match(elicitation.message, /^Connect your GitHub-like account/);
      assert.ok(!(await logTypes(user)).includes('mcp.connected_from_link'));

      await signInThroughLink(browser, elicitation.url, 'grace.mcp');
      assert.ok((await logTypes(user)).includes('mcp.connected_from_link'), 'recorded before the retry');

      const retried = await callTool(elicitClient, 'github_request', { path: '/user' });
      assert.equal(retried.isError, false, JSON.stringify(retried));
      assert.equal(retried.structuredContent.status, 200);
    } finally {
      await elicitClient.close().catch(() => {});
      await api('DELETE', `/v1/mcp-servers/${elicitServer.id}`);
    }
  });

  test('bad input through the SDK: an unknown tool is a JSON-RPC error, wrong argument types a tool error', async () => {
    await assert.rejects(client.callTool({ name: 'no_such_tool', arguments: {} }), /-32602|Unknown tool/i);
    const wrong = await callTool(client, 'github_request', { path: 42 });
    assert.equal(wrong.isError, true);
    assert.equal(wrong.structuredContent.error.code, 'invalid_arguments');
  });

  test('the auth log records the server, the tool call that needed a connection, the connection and that it came from the link', async () => {
    const log = await api('GET', `/v1/logs?endUserId=${encodeURIComponent(endUserId)}`);
    const types = log.json.data.map((e) => e.type);
    for (const type of ['mcp_server.created', 'mcp.connection_required', 'connect_session.created', 'linked_account.connected',
      'mcp.connected_from_link']) {
      assert.ok(types.includes(type), `${type} in ${types}`);
    }
  });

  test('revoking the server: the next request is refused with 401 and nothing else', async () => {
    assert.equal((await api('DELETE', `/v1/mcp-servers/${server.id}`)).status, 204);
    await assert.rejects(client.listTools(), (error) => {
      assert.equal(error.code, 401, String(error)); // StreamableHTTPError carries the HTTP status
      assert.match(String(error), /invalid_server_token/);
      return true;
    });
    const raw = await fetch(server.serverUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    assert.equal(raw.status, 401);
    assert.deepEqual(await raw.json(),
      { error: { code: 'invalid_server_token', message: 'unknown, revoked or expired MCP server URL' } });
  });

  test('canary: no tool output carries the access token the upstream received, nor the server token', async () => {
    const seen = await (await fetch(fx.upstreamTokensUrl)).json();
    assert.ok(seen.length > 0, 'the upstream received the access token');
    const token = server.serverUrl.split('/mcp/')[1];
    for (const output of outputs) {
      for (const secret of [...seen, token, fx.clientSecret]) {
        assert.ok(!output.includes(secret), `a secret is in a tool output: ${output.slice(0, 200)}`);
      }
    }
  });
});
