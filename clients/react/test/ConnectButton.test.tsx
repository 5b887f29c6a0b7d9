import { describe, expect, test, vi } from 'vitest';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConnectButton } from '../src';
import { CONNECTED, error, fakeConnect, instances } from './fakeConnect';

vi.mock('@keyway/connect', () => import('./fakeSdkModule'));

const BASE = 'http://127.0.0.1:3000';

describe('ConnectButton', () => {
  test('is disabled until the session checked out, then opens the flow for its connector', async () => {
    fakeConnect((i) => i.open.mockResolvedValue(CONNECTED));
    const onSuccess = vi.fn();
    render(<ConnectButton sessionToken="cs_one" baseUrl={BASE} connector="acme" authMethod="oauth"
      onSuccess={onSuccess}>Connect Acme</ConnectButton>);
    const button = screen.getByRole('button', { name: 'Connect Acme' });
    expect(button).toBeDisabled();

    await waitFor(() => expect(instances).toHaveLength(1));
    act(() => instances[0].emit({ type: 'ready' }));
    expect(button).toBeEnabled();

    await userEvent.click(button);
    expect(instances[0].open).toHaveBeenCalledWith('acme', { authMethod: 'oauth' });
    await waitFor(() => expect(onSuccess).toHaveBeenCalledWith(CONNECTED));
  });

  test('is busy while the flow runs, and usable again when it ends without an account', async () => {
    let reject: (e: unknown) => void = () => {};
    fakeConnect((i) => i.open.mockReturnValue(new Promise((_, r) => { reject = r; })));
    const onExit = vi.fn();
    render(<ConnectButton sessionToken="cs_one" baseUrl={BASE} onExit={onExit} />);
    await waitFor(() => expect(instances).toHaveLength(1));
    act(() => instances[0].emit({ type: 'ready' }));

    const button = screen.getByRole('button', { name: 'Connect an account' });
    await userEvent.click(button);
    expect(button).toHaveAttribute('aria-busy', 'true');
    expect(instances[0].open).toHaveBeenCalledWith(undefined, undefined);

    await act(async () => reject(error('popup_blocked')));
    expect(onExit).toHaveBeenCalledWith(expect.objectContaining({ code: 'popup_blocked' }));
    expect(button).toBeEnabled();
    expect(button).not.toHaveAttribute('aria-busy');
  });

  test('passes other attributes through and closes the flow on unmount', async () => {
    fakeConnect();
    const { unmount } = render(<ConnectButton sessionToken="cs_one" baseUrl={BASE} className="mine" data-testid="b" />);
    expect(screen.getByTestId('b')).toHaveClass('keyway-button', 'mine');
    await waitFor(() => expect(instances).toHaveLength(1));
    unmount();
    expect(instances[0].close).toHaveBeenCalled();
  });
});
