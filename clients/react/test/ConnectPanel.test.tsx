import { describe, expect, test, vi } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConnectPanel } from '../src';
import { CONNECTED, CONNECTORS, error, fakeConnect, instances } from './fakeConnect';

vi.mock('@keyway/connect', () => import('./fakeSdkModule'));

const BASE = 'http://127.0.0.1:3000';

async function panel(props: Partial<Parameters<typeof ConnectPanel>[0]> = {}) {
  const view = render(<ConnectPanel sessionToken="cs_one" baseUrl={BASE} {...props} />);
  await screen.findByRole('heading', { name: 'Keyed CRM' });
  return view;
}

function item(name: string) {
  return screen.getByRole('heading', { name }).closest('li') as HTMLElement;
}

describe('ConnectPanel', () => {
  test('lists the session\'s connectors under a labelled region, with no inline styles', async () => {
    fakeConnect();
    const { container } = await panel({ title: 'Your tools', headingLevel: 3 });
    const region = screen.getByRole('region', { name: 'Your tools' });
    expect(within(region).getAllByRole('heading', { level: 4 }).map((h) => h.textContent))
      .toEqual(['Acme ID', 'Keyed CRM', 'Multi Desk']);
    expect(screen.getByText('Identity')).toBeInTheDocument();
    expect(container.querySelectorAll('[style]')).toHaveLength(0);
    expect(container.querySelector('[data-connector="acme"] rect')).toHaveAttribute('fill', '#ff5500');
  });

  test('each badge carries the connector\'s initial, in a colour readable on its brand colour', async () => {
    fakeConnect();
    const { container } = await panel();
    const letter = (key: string) => container.querySelector(`[data-connector="${key}"] svg text`);
    expect(letter('acme')).toHaveTextContent('A');
    expect(letter('acme')).toHaveAttribute('fill', '#ffffff'); // white reads on #ff5500
    expect(letter('keyed')).toHaveTextContent('K');
    expect(letter('keyed')).toHaveAttribute('fill', '#ffffff'); // no brand colour: the theme's accent
  });

  test('an OAuth-only connector opens the flow for its method at once', async () => {
    fakeConnect((i) => i.open.mockResolvedValue({ linkedAccountId: 'la_9', connector: 'acme' }));
    const onSuccess = vi.fn();
    await panel({ onSuccess });
    await userEvent.click(within(item('Acme ID')).getByRole('button', { name: 'Connect Acme ID' }));
    expect(instances[0].open).toHaveBeenCalledWith('acme', { authMethod: 'oauth' });
    await waitFor(() => expect(onSuccess).toHaveBeenCalledWith({ linkedAccountId: 'la_9', connector: 'acme' }));
    expect(within(item('Acme ID')).getByText('Connected')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Connected to Acme ID.');
  });

  test('a blocked popup is explained in an alert next to its connector', async () => {
    fakeConnect((i) => i.open.mockRejectedValue(error('popup_blocked')));
    const onExit = vi.fn();
    await panel({ onExit });
    await userEvent.click(within(item('Acme ID')).getByRole('button', { name: 'Connect Acme ID' }));
    expect(await within(item('Acme ID')).findByRole('alert')).toHaveTextContent(/blocked the sign-in window/);
    expect(onExit).toHaveBeenCalledWith(expect.objectContaining({ code: 'popup_blocked' }));
  });

  test('closing the popup is not an error to show', async () => {
    fakeConnect((i) => i.open.mockRejectedValue(error('user_cancelled')));
    const onExit = vi.fn();
    await panel({ onExit });
    await userEvent.click(within(item('Acme ID')).getByRole('button', { name: 'Connect Acme ID' }));
    await waitFor(() => expect(onExit).toHaveBeenCalled());
    expect(screen.queryByRole('alert')).toBeNull();
  });

  test('API key: a disclosure opens a labelled form; the help text describes the field', async () => {
    fakeConnect();
    await panel();
    const toggle = within(item('Keyed CRM')).getByRole('button', { name: 'Connect Keyed CRM' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');

    const key = screen.getByLabelText('CRM API key');
    expect(key).toHaveAttribute('type', 'password');
    expect(key).toHaveAccessibleDescription('Find it under Settings, then API.');
    expect(screen.getByLabelText('Subdomain')).toHaveValue('eu');
    expect(screen.getByText(/Keyway checks these with Keyed CRM/)).toBeInTheDocument();
  });

  test('API key: an empty field is refused before anything is sent, and focused', async () => {
    fakeConnect();
    await panel();
    await userEvent.click(within(item('Keyed CRM')).getByRole('button', { name: 'Connect Keyed CRM' }));
    await userEvent.click(within(document.querySelector('form') as HTMLFormElement)
      .getByRole('button', { name: 'Connect Keyed CRM' }));
    const key = screen.getByLabelText('CRM API key');
    expect(key).toHaveAttribute('aria-invalid', 'true');
    expect(key).toHaveAccessibleDescription(/^Enter the CRM API key\./);
    expect(key).toHaveFocus();
    expect(instances[0].submitCredentials).not.toHaveBeenCalled();
  });

  test('API key: a rejected key shows an alert, empties the field, keeps the form; the right key connects', async () => {
    const wrong = 'canary-wrong-key';
    const right = 'canary-right-key';
    fakeConnect((i) => i.submitCredentials.mockImplementation(async (_c, _m, fields) => {
      if (fields.apiKey !== right) throw error('credentials_rejected', 'Keyed CRM refused the credentials');
      return CONNECTED;
    }));
    const onSuccess = vi.fn();
    const onExit = vi.fn();
    const { container } = await panel({ onSuccess, onExit });
    await userEvent.click(within(item('Keyed CRM')).getByRole('button', { name: 'Connect Keyed CRM' }));
    const form = container.querySelector('form') as HTMLFormElement;

    await userEvent.type(screen.getByLabelText('CRM API key'), wrong);
    await userEvent.click(within(form).getByRole('button', { name: 'Connect Keyed CRM' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Keyed CRM did not accept these credentials. Check them and try again.');
    expect(instances[0].submitCredentials).toHaveBeenCalledWith('keyed', 'key', { apiKey: wrong }, { subdomain: 'eu' });
    expect(screen.getByLabelText('CRM API key')).toHaveValue('');
    expect(screen.getByLabelText('CRM API key')).toHaveFocus();
    expect(onExit).not.toHaveBeenCalled();

    await userEvent.type(screen.getByLabelText('CRM API key'), right);
    await userEvent.click(within(form).getByRole('button', { name: 'Connect Keyed CRM' }));
    await waitFor(() => expect(onSuccess).toHaveBeenCalledWith(CONNECTED));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(within(item('Keyed CRM')).getByText('Connected')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Connected to Keyed CRM.');
    expect(container.innerHTML).not.toContain(right);
    expect(container.innerHTML).not.toContain(wrong);
  });

  test('a connection-config value that does not match its pattern is refused with the example', async () => {
    fakeConnect();
    await panel();
    await userEvent.click(within(item('Keyed CRM')).getByRole('button', { name: 'Connect Keyed CRM' }));
    await userEvent.type(screen.getByLabelText('CRM API key'), 'k');
    const subdomain = screen.getByLabelText('Subdomain');
    await userEvent.clear(subdomain);
    await userEvent.type(subdomain, 'Not a subdomain!');
    await userEvent.keyboard('{Enter}');
    expect(subdomain).toHaveAccessibleDescription(/for example acme/);
    expect(instances[0].submitCredentials).not.toHaveBeenCalled();
  });

  test('several auth methods: a radio group picks the form; OAuth stays a button', async () => {
    fakeConnect((i) => i.submitCredentials.mockResolvedValue({ linkedAccountId: 'la_2', connector: 'multi' }));
    await panel();
    await userEvent.click(within(item('Multi Desk')).getByRole('button', { name: 'Connect Multi Desk' }));
    const group = screen.getByRole('group', { name: 'How do you want to connect?' });
    expect(within(group).getByRole('radio', { name: 'API key' })).toBeChecked();
    expect(screen.getByRole('button', { name: 'Sign in with Multi Desk' })).toBeInTheDocument();

    await userEvent.click(within(group).getByRole('radio', { name: 'Username and password' }));
    await userEvent.type(screen.getByLabelText('Username'), 'cleo');
    await userEvent.type(screen.getByLabelText('Password'), 'pw');
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(instances[0].submitCredentials)
      .toHaveBeenCalledWith('multi', 'basic', { username: 'cleo', password: 'pw' }, undefined));
  });

  test('an expired session is said in an alert and reported to onExit', async () => {
    fakeConnect((i) => i.listConnectors.mockRejectedValue(error('session_expired')));
    const onExit = vi.fn();
    render(<ConnectPanel sessionToken="cs_old" baseUrl={BASE} onExit={onExit} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('This connection link has expired.');
    expect(onExit).toHaveBeenCalledTimes(1);
    expect(onExit).toHaveBeenCalledWith(expect.objectContaining({ code: 'session_expired' }));
  });

  test('is busy until the connectors arrive; unmounting closes the flow', async () => {
    let resolve: (v: unknown) => void = () => {};
    fakeConnect((i) => i.listConnectors.mockReturnValue(new Promise((r) => { resolve = r; })));
    const { unmount } = render(<ConnectPanel sessionToken="cs_one" baseUrl={BASE} />);
    expect(screen.getByRole('region')).toHaveAttribute('aria-busy', 'true');
    await act(async () => resolve(CONNECTORS));
    expect(screen.getByRole('region')).not.toHaveAttribute('aria-busy');
    await waitFor(() => expect(instances).toHaveLength(1));
    unmount();
    expect(instances[0].close).toHaveBeenCalled();
  });

  test('CUSTOM: the schema decides each input (number, password, yes/no, PEM text area), optional ones may stay empty', async () => {
    const password = 'canary-db-password';
    const schema = (name: string, label: string, type: string, extra: Record<string, unknown> = {}) => ({
      name, label, help: null, secret: type === 'secret' || type === 'pem', config: false, pattern: null, example: null,
      defaultValue: null, type, required: true, ...extra,
    });
    const ordersDb = {
      key: 'orders-db', displayName: 'Orders DB', color: null, description: null,
      authMethods: [{ id: 'db', type: 'CUSTOM', label: 'Connection details', verifiable: false, fields: [
        schema('host', 'Host', 'string', { pattern: '^[a-z0-9.-]+$' }), schema('port', 'Port', 'number'),
        schema('password', 'Password', 'secret'), schema('tls', 'Require TLS', 'boolean', { required: false }),
        schema('clientKey', 'Client key', 'pem', { required: false })] }],
    };
    fakeConnect((i) => {
      i.listConnectors.mockResolvedValue([...CONNECTORS, ordersDb]);
      i.submitCredentials.mockResolvedValue(CONNECTED);
    });
    await panel();
    await userEvent.click(within(item('Orders DB')).getByRole('button', { name: 'Connect Orders DB' }));
    expect(screen.getByLabelText('Port')).toHaveAttribute('type', 'number');
    expect(screen.getByLabelText('Password')).toHaveAttribute('type', 'password');
    expect(screen.getByLabelText(/Require TLS/).tagName).toBe('SELECT');
    expect(screen.getByLabelText(/Client key/).tagName).toBe('TEXTAREA');
    expect(screen.getByLabelText(/Client key/)).not.toBeRequired();

    await userEvent.type(screen.getByLabelText('Host'), 'Not A Host!');
    await userEvent.keyboard('{Enter}');
    expect(screen.getByLabelText('Host')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Port')).toHaveAccessibleDescription(/^Enter the port\./);
    expect(instances[0].submitCredentials).not.toHaveBeenCalled();

    await userEvent.clear(screen.getByLabelText('Host'));
    await userEvent.type(screen.getByLabelText('Host'), 'db.example.com');
    await userEvent.type(screen.getByLabelText('Port'), '5432');
    await userEvent.type(screen.getByLabelText('Password'), password);
    await userEvent.selectOptions(screen.getByLabelText(/Require TLS/), 'true');
    await userEvent.click(within(document.querySelector('form') as HTMLFormElement)
      .getByRole('button', { name: 'Connect Orders DB' }));
    await waitFor(() => expect(instances[0].submitCredentials).toHaveBeenCalledTimes(1));
    expect(instances[0].submitCredentials).toHaveBeenCalledWith('orders-db', 'db',
      { host: 'db.example.com', port: '5432', password, tls: 'true' }, undefined);
  });
});
