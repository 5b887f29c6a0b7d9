// The example's backend: the only code that holds the Keyway app key. The browser asks it for a
// connect session and for the end user's linked accounts; it never sees the key. Here it runs as
// Vite middleware (dev and preview); in a real app these are two routes of your own server,
// behind your own sign-in, which is also where the end user's id comes from.
//   KEYWAY_API_KEY   the app's secret key (sk_…); with bin/dev: the contents of .keyway/demo-key
//   KEYWAY_URL       Keyway's base URL (default http://127.0.0.1:3000, bin/dev's runner)
//   KEYWAY_END_USER  the end user this example signs in as (default example-user)

export function keywayBackend(env = process.env) {
  const baseUrl = (env.KEYWAY_URL || 'http://127.0.0.1:3000').replace(/\/$/, '');
  const endUserId = env.KEYWAY_END_USER || 'example-user';

  async function keyway(method, path, body) {
    const apiKey = env.KEYWAY_API_KEY;
    if (!apiKey) {
      return { status: 500, json: { error: { code: 'not_configured',
        message: 'KEYWAY_API_KEY is not set: start the example with KEYWAY_API_KEY="$(cat ../../../.keyway/demo-key)" npm run dev' } } };
    }
    try {
      const response = await fetch(baseUrl + path, {
        method,
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, json: await response.json().catch(() => null) };
    } catch (e) {
      return { status: 502, json: { error: { code: 'unreachable', message: `Keyway at ${baseUrl} could not be reached (${e.message}): is bin/dev running?` } } };
    }
  }

  const routes = {
    // A fresh connect session for the signed-in user. Only the token goes to the browser.
    'POST /api/keyway/session': async () => {
      const r = await keyway('POST', '/v1/connect-sessions', { endUserId });
      if (r.status !== 201) return r;
      return { status: 200, json: { token: r.json.token, expiresAt: r.json.expiresAt, baseUrl, endUserId } };
    },
    // The user's linked accounts: ids, connectors and statuses (Keyway never returns credentials).
    'GET /api/keyway/linked-accounts': async () => {
      const r = await keyway('GET', `/v1/linked-accounts?endUserId=${encodeURIComponent(endUserId)}`);
      if (r.status !== 200) return r;
      return { status: 200, json: { data: r.json.data.map(({ id, connector, authMethod, status, statusReason, createdAt }) =>
        ({ id, connector, authMethod, status, statusReason, createdAt })) } };
    },
  };

  async function middleware(req, res, next) {
    const route = routes[`${req.method} ${req.url.split('?')[0]}`];
    if (!route) return next();
    const { status, json } = await route();
    res.statusCode = status;
    res.setHeader('content-type', 'application/json');
    res.setHeader('cache-control', 'no-store');
    res.end(JSON.stringify(json));
  }

  return {
    name: 'keyway-backend',
    configureServer(server) {
      server.middlewares.use(middleware);
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
    },
  };
}
