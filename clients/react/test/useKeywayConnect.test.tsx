import { describe, expect, test, vi } from 'vitest';
import { act, renderHook, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { useKeywayConnect } from '../src';
import { CONNECTED, error, fakeConnect, instances } from './fakeConnect';

vi.mock('@keyway/connect', () => import('./fakeSdkModule'));

const BASE = 'http://127.0.0.1:3000';

describe('useKeywayConnect', () => {
  test('sets the flow up once the token is known, and is ready when the SDK has read the session', async () => {
    fakeConnect((i) => i.listConnectors.mockReturnValue(new Promise(() => {})));
    const { result, rerender } = renderHook((props: { token: string | null }) =>
      useKeywayConnect({ sessionToken: props.token, baseUrl: BASE }), { initialProps: { token: null as string | null } });
    expect(instances).toHaveLength(0);
    expect(result.current.ready).toBe(false);

    rerender({ token: 'cs_one' });
    await waitFor(() => expect(instances).toHaveLength(1));
    expect(instances[0].options).toMatchObject({ sessionToken: 'cs_one', baseUrl: BASE });
    expect(result.current.ready).toBe(false);

    act(() => instances[0].emit({ type: 'ready' }));
    expect(result.current.ready).toBe(true);
  });

  test('is ready once listConnectors answers, even if the ready event came before it listened', async () => {
    fakeConnect();
    const { result } = renderHook(() => useKeywayConnect({ sessionToken: 'cs_one', baseUrl: BASE }));
    await waitFor(() => expect(result.current.ready).toBe(true));
  });

  test('an expired session is reported before any click: error and one onExit, never ready', async () => {
    fakeConnect((i) => i.listConnectors.mockRejectedValue(error('session_expired')));
    const onExit = vi.fn();
    const { result } = renderHook(() => useKeywayConnect({ sessionToken: 'cs_old', baseUrl: BASE, onExit }));
    await waitFor(() => expect(result.current.error?.code).toBe('session_expired'));
    expect(onExit).toHaveBeenCalledTimes(1);
    expect(result.current.ready).toBe(false);
  });

  test('options the SDK refuses are reported, not thrown into React', async () => {
    fakeConnect();
    const { createConnect } = await import('@keyway/connect');
    vi.mocked(createConnect).mockImplementation(() => { throw error('invalid_request', 'baseUrl must be absolute'); });
    const onExit = vi.fn();
    const { result } = renderHook(() => useKeywayConnect({ sessionToken: 'cs_one', baseUrl: 'nope', onExit }));
    await waitFor(() => expect(result.current.error?.message).toBe('baseUrl must be absolute'));
    expect(onExit).toHaveBeenCalledTimes(1);
  });

  test('open: the linked account goes to onSuccess and is the promise\'s value', async () => {
    fakeConnect((i) => i.open.mockResolvedValue(CONNECTED));
    const onSuccess = vi.fn();
    const onExit = vi.fn();
    const { result } = renderHook(() => useKeywayConnect({ sessionToken: 'cs_one', baseUrl: BASE, onSuccess, onExit }));
    await waitFor(() => expect(instances).toHaveLength(1));

    let value: unknown;
    await act(async () => { value = await result.current.open('keyed', { authMethod: 'key' }); });

    expect(instances[0].open).toHaveBeenCalledWith('keyed', { authMethod: 'key' });
    expect(value).toEqual(CONNECTED);
    expect(onSuccess).toHaveBeenCalledWith(CONNECTED);
    expect(onExit).not.toHaveBeenCalled();
    expect(result.current.error).toBeNull();
  });

  test('open: a flow that ends without an account resolves null, sets error and calls onExit; it never rejects', async () => {
    fakeConnect((i) => i.open.mockRejectedValue(error('user_cancelled')));
    const onSuccess = vi.fn();
    const onExit = vi.fn();
    const { result } = renderHook(() => useKeywayConnect({ sessionToken: 'cs_one', baseUrl: BASE, onSuccess, onExit }));
    await waitFor(() => expect(instances).toHaveLength(1));

    let value: unknown = 'unset';
    await act(async () => { value = await result.current.open(); });

    expect(value).toBeNull();
    expect(onSuccess).not.toHaveBeenCalled();
    expect(onExit).toHaveBeenCalledWith(expect.objectContaining({ code: 'user_cancelled' }));
    expect(result.current.error?.code).toBe('user_cancelled');
  });

  test('open is called in the same task as the caller, so a click can still open a popup', async () => {
    fakeConnect();
    const { result } = renderHook(() => useKeywayConnect({ sessionToken: 'cs_one', baseUrl: BASE }));
    await waitFor(() => expect(instances).toHaveLength(1));
    void result.current.open('acme');
    expect(instances[0].open).toHaveBeenCalledTimes(1);
  });

  test('open before there is a token tells the developer what is missing', async () => {
    fakeConnect();
    const onExit = vi.fn();
    const { result } = renderHook(() => useKeywayConnect({ sessionToken: null, baseUrl: BASE, onExit }));
    await act(async () => { await result.current.open(); });
    expect(onExit).toHaveBeenCalledWith(expect.objectContaining({ code: 'invalid_request' }));
    expect(result.current.error?.message).toMatch(/POST \/v1\/connect-sessions/);
  });

  test('the latest callbacks are called, without setting the flow up again', async () => {
    fakeConnect((i) => i.open.mockResolvedValue(CONNECTED));
    const first = vi.fn();
    const second = vi.fn();
    const { result, rerender } = renderHook((props: { onSuccess: () => void }) =>
      useKeywayConnect({ sessionToken: 'cs_one', baseUrl: BASE, onSuccess: props.onSuccess }),
    { initialProps: { onSuccess: first } });
    rerender({ onSuccess: second });
    await act(async () => { await result.current.open(); });
    expect(instances).toHaveLength(1);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith(CONNECTED);
  });

  test('onEvent sees every SDK event', async () => {
    fakeConnect();
    const onEvent = vi.fn();
    renderHook(() => useKeywayConnect({ sessionToken: 'cs_one', baseUrl: BASE, onEvent }));
    await waitFor(() => expect(instances).toHaveLength(1));
    act(() => {
      instances[0].emit({ type: 'ready' });
      instances[0].emit({ type: 'closed' });
    });
    expect(onEvent.mock.calls.map(([e]) => e.type)).toEqual(['ready', 'closed']);
  });

  test('unmounting closes the flow', async () => {
    fakeConnect();
    const { unmount } = renderHook(() => useKeywayConnect({ sessionToken: 'cs_one', baseUrl: BASE }));
    await waitFor(() => expect(instances).toHaveLength(1));
    unmount();
    expect(instances[0].close).toHaveBeenCalledTimes(1);
  });

  test('in StrictMode the instance of the discarded mount is closed and only one stays open', async () => {
    fakeConnect();
    renderHook(() => useKeywayConnect({ sessionToken: 'cs_one', baseUrl: BASE }), { wrapper: StrictMode });
    await waitFor(() => expect(instances.length).toBeGreaterThan(0));
    expect(instances.filter((i) => i.close.mock.calls.length === 0)).toHaveLength(1);
  });

  test('a new token (or baseUrl, or mode) is not silently picked up: one console.warn, same instance', async () => {
    fakeConnect();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { rerender } = renderHook((props: { token: string; baseUrl: string }) =>
      useKeywayConnect({ sessionToken: props.token, baseUrl: props.baseUrl }),
    { initialProps: { token: 'cs_one', baseUrl: BASE } });
    await waitFor(() => expect(instances).toHaveLength(1));

    rerender({ token: 'cs_two', baseUrl: BASE });
    rerender({ token: 'cs_three', baseUrl: 'http://localhost:3000' });
    rerender({ token: 'cs_three', baseUrl: BASE });

    expect(instances).toHaveLength(1);
    expect(instances[0].close).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/sessionToken changed .* React key \(key=\{sessionToken\}\)/);
  });

  test('redirect mode: back from the hosted flow, resume() reports the linked account', async () => {
    fakeConnect((i) => i.resume.mockResolvedValue(CONNECTED));
    const onSuccess = vi.fn();
    renderHook(() => useKeywayConnect({ sessionToken: 'cs_one', baseUrl: BASE, mode: 'redirect', onSuccess }));
    await waitFor(() => expect(onSuccess).toHaveBeenCalledWith(CONNECTED));
    expect(instances[0].options.mode).toBe('redirect');
  });

  test('redirect mode: a flow that failed at the provider comes back as onExit', async () => {
    fakeConnect((i) => i.resume.mockRejectedValue(error('provider_error')));
    const onExit = vi.fn();
    const { result } = renderHook(() => useKeywayConnect({ sessionToken: 'cs_one', baseUrl: BASE, mode: 'redirect', onExit }));
    await waitFor(() => expect(onExit).toHaveBeenCalledWith(expect.objectContaining({ code: 'provider_error' })));
    expect(result.current.error?.code).toBe('provider_error');
  });

  test('iframe mode passes its container through', async () => {
    fakeConnect();
    const container = document.createElement('div');
    renderHook(() => useKeywayConnect({ sessionToken: 'cs_one', baseUrl: BASE, mode: 'iframe', container }));
    await waitFor(() => expect(instances).toHaveLength(1));
    expect(instances[0].options).toMatchObject({ mode: 'iframe', container });
  });
});
