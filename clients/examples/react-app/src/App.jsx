import { useCallback, useEffect, useState } from 'react';
import { ConnectButton, ConnectPanel } from '@keyway/react';

/** The example's backend routes (keyway-backend.mjs): they hold the app key, the page never does. */
async function backend(method, path) {
  const response = await fetch(path, { method });
  const json = await response.json().catch(() => null);
  if (!response.ok) throw new Error(json?.error?.message ?? `${method} ${path}: HTTP ${response.status}`);
  return json;
}

export function App() {
  const [session, setSession] = useState(null);
  const [accounts, setAccounts] = useState(null);
  const [problem, setProblem] = useState(null);

  const newSession = useCallback(() => {
    backend('POST', '/api/keyway/session').then(setSession, (e) => setProblem(e.message));
  }, []);
  const refresh = useCallback(() => {
    backend('GET', '/api/keyway/linked-accounts').then((r) => setAccounts(r.data), (e) => setProblem(e.message));
  }, []);
  useEffect(() => {
    newSession();
    refresh();
  }, [newSession, refresh]);

  // A session lasts 30 minutes and serves any number of flows; when it expires, mint another.
  const onExit = (error) => {
    if (error.code === 'session_expired') newSession();
  };
  const flow = session && { sessionToken: session.token, baseUrl: session.baseUrl, onSuccess: refresh, onExit };

  return (
    <>
      <header className="app-header">
        <h1>Acme</h1>
        <p>Settings · Integrations{session && <> · signed in as <code>{session.endUserId}</code></>}</p>
      </header>
      <main className="app-main">
        {problem && <p className="app-problem" role="alert">{problem}</p>}
        {flow && (
          <>
            {/* key: a new session token means a new flow (the components warn rather than re-initialise). */}
            <ConnectPanel key={`panel-${session.token}`} {...flow} title="Connect your tools" />
            <section className="app-card" aria-labelledby="hosted-title">
              <h2 id="hosted-title">Or use Keyway's hosted page</h2>
              <p>Opens the hosted connect portal in a popup, with every connector of the session.</p>
              <ConnectButton key={`button-${session.token}`} {...flow}>Open the connect portal</ConnectButton>
            </section>
          </>
        )}
        <section className="app-card" aria-labelledby="accounts-title">
          <h2 id="accounts-title">Linked accounts</h2>
          {accounts === null ? <p>Loading…</p> : accounts.length === 0 ? <p>None yet.</p> : (
            <table>
              <thead>
                <tr><th scope="col">Connector</th><th scope="col">Auth method</th><th scope="col">Status</th><th scope="col">Linked account</th></tr>
              </thead>
              <tbody>
                {accounts.map((a) => (
                  <tr key={a.id}>
                    <td>{a.connector}</td>
                    <td>{a.authMethod}</td>
                    <td><span className={`app-status app-status-${a.status.toLowerCase()}`}>{a.status}</span>
                      {a.statusReason && <> ({a.statusReason})</>}</td>
                    <td><code>{a.id}</code></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <button type="button" className="keyway-button keyway-button-secondary" onClick={refresh}>Refresh</button>
        </section>
      </main>
    </>
  );
}
