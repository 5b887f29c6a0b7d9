// The e2e test app: @keyway/react's components on a page of their own origin, configured by the
// query string the test opens it with, e.g.
//   /pages/app.html?keyway=http://127.0.0.1:3000&session=cs_…&view=panel
//   /pages/app.html?keyway=…&session=…&view=button&mode=popup&connectorKey=acme
// view: panel (ConnectPanel) | button (ConnectButton) | hook (useKeywayConnect; with auto=1 it
// opens the flow on load, without a click). Everything the app hears is in window.keywayLog and on the page.
import { useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ConnectButton, ConnectPanel, useKeywayConnect } from '@keyway/react';

const params = new URLSearchParams(location.search);
const config = {
  sessionToken: params.get('session'),
  baseUrl: params.get('keyway'),
  mode: params.get('mode') ?? undefined,
  view: params.get('view') ?? 'panel',
  // Not `connector` or `error`: a redirect flow brings those back on this URL, and the SDK takes them off.
  connector: params.get('connectorKey') ?? undefined,
  authMethod: params.get('authMethod') ?? undefined,
};
window.keywayLog = [];

function useLog() {
  const [log, setLog] = useState([]);
  const record = useCallback((entry) => {
    window.keywayLog.push(entry);
    window.__keywayRecord?.({ kind: 'log', entry }); // the e2e recorder's binding, when there is one
    setLog((before) => [...before, entry]);
  }, []);
  const callbacks = {
    onSuccess: (result) => record({ kind: 'success', ...result }),
    onExit: (error) => record({ kind: 'exit', code: error.code, message: error.message }),
    onEvent: (event) => record({ kind: 'event', ...event }),
  };
  return { log, callbacks };
}

function HookView({ callbacks, container }) {
  const { sessionToken, baseUrl, mode } = config;
  const { open, ready, error } = useKeywayConnect({ sessionToken, baseUrl, mode, container, ...callbacks });
  // auto=1: open() once ready and once the page has no user activation (a test driver's own
  // evaluations may lend it some): an open() no click asked for, which Chromium must block.
  useEffect(() => {
    if (!ready || !params.has('auto') || window.keywayAutoOpened !== undefined) return;
    window.keywayAutoOpened = 'pending';
    const go = () => {
      if (navigator.userActivation?.isActive) {
        setTimeout(go, 100);
        return;
      }
      open(config.connector).then((result) => { window.keywayAutoOpened = result; });
    };
    go();
  }, [ready, open]);
  return (
    <div className="app-card">
      <button type="button" className="keyway-button" disabled={!ready}
        onClick={() => open(config.connector, config.authMethod ? { authMethod: config.authMethod } : undefined)}>
        Link an account
      </button>
      <p id="hook-state">{ready ? 'ready' : 'not ready'}{error ? `, last error: ${error.code}` : ''}</p>
    </div>
  );
}

function App() {
  const { log, callbacks } = useLog();
  const [container, setContainer] = useState(null);
  const { sessionToken, baseUrl, mode } = config;
  const flow = { sessionToken, baseUrl, mode, container, ...callbacks };
  return (
    <>
      <header className="app-header">
        <h1>Acme app</h1>
        <p>Settings · Integrations</p>
      </header>
      <main className="app-main">
        {config.view === 'panel' && <ConnectPanel {...flow} title="Connect your tools" />}
        {config.view === 'button' && (
          <div className="app-card">
            <ConnectButton {...flow} connector={config.connector} authMethod={config.authMethod}>
              Connect {config.connector ?? 'an account'}
            </ConnectButton>
          </div>
        )}
        {config.view === 'hook' && <HookView callbacks={callbacks} container={container} />}
        {config.mode === 'iframe' && <div className="portal-frame" ref={setContainer} />}
        <section className="app-log" aria-labelledby="log-title" hidden={!log.some((e) => e.kind !== 'event')}>
          <h2 id="log-title">What the app heard</h2>
          <ol id="log">
            {log.filter((e) => e.kind !== 'event').map((e, i) => (
              // eslint-disable-next-line react/no-array-index-key
              <li key={i}>
                {e.kind === 'success'
                  ? <>Connected <strong>{e.connector}</strong>: linked account <code>{e.linkedAccountId}</code></>
                  : <>Ended without an account: <code>{e.code}</code></>}
              </li>
            ))}
          </ol>
        </section>
      </main>
    </>
  );
}

createRoot(document.getElementById('root')).render(<App />);
