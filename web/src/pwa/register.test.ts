import { describe, expect, it, vi } from 'vitest';
import { registerServiceWorker, type WorkboxLike } from './register.ts';

type Listener = (event: { isUpdate?: boolean }) => void;

function fakeWorkbox(
  registration: Partial<ServiceWorkerRegistration> = { waiting: {} as ServiceWorker },
) {
  const listeners = new Map<string, Listener[]>();
  const wb = {
    addEventListener: (type: string, l: Listener) =>
      listeners.set(type, [...(listeners.get(type) ?? []), l]),
    register: vi.fn(async () => registration as ServiceWorkerRegistration),
    update: vi.fn(async () => undefined),
    messageSkipWaiting: vi.fn(),
    emit: (type: string, event: { isUpdate?: boolean } = {}) =>
      listeners.get(type)?.forEach((l) => l(event)),
  };
  return wb satisfies WorkboxLike;
}

async function setUp(registration?: Partial<ServiceWorkerRegistration>) {
  const wb = fakeWorkbox(registration);
  const hooks = { onUpdateReady: vi.fn(), onOfflineReady: vi.fn() };
  const reload = vi.fn();
  const visibility = {
    listeners: [] as (() => void)[],
    visibilityState: 'visible' as DocumentVisibilityState,
  };
  const control = registerServiceWorker(hooks, {
    isSupported: true,
    createWorkbox: () => wb,
    reload,
    setInterval: () => 0,
    document: {
      get visibilityState() {
        return visibility.visibilityState;
      },
      addEventListener: (_: string, l: () => void) => void visibility.listeners.push(l),
    },
  });
  // Registered once the visibility listener is in: register() has resolved.
  await vi.waitFor(() => expect(visibility.listeners).toHaveLength(1));
  return { wb, hooks, reload, control: control!, visibility };
}

describe('app updates wait for the user', () => {
  it('announces a waiting version and never reloads by itself', async () => {
    const { wb, hooks, reload } = await setUp();
    wb.emit('waiting');
    wb.emit('controlling');
    expect(hooks.onUpdateReady).toHaveBeenCalledOnce();
    expect(reload).not.toHaveBeenCalled();
    expect(wb.messageSkipWaiting).not.toHaveBeenCalled();
  });

  it('activates the waiting version when the user chooses, and reloads once it is in control', async () => {
    const { wb, reload, control } = await setUp();
    control.applyUpdate();
    expect(wb.messageSkipWaiting).toHaveBeenCalledOnce();
    expect(reload).not.toHaveBeenCalled();
    wb.emit('controlling');
    expect(reload).toHaveBeenCalledOnce();
  });

  it('reloads at once when another tab already activated the new version', async () => {
    const { reload, control } = await setUp({ waiting: null });
    control.applyUpdate();
    expect(reload).toHaveBeenCalledOnce();
  });

  it('says when the app first becomes ready to work offline', async () => {
    const { wb, hooks } = await setUp();
    wb.emit('installed', { isUpdate: false });
    wb.emit('installed', { isUpdate: true });
    expect(hooks.onOfflineReady).toHaveBeenCalledOnce();
  });

  it('checks for a new version when the app comes back to the foreground', async () => {
    const { wb, visibility } = await setUp();
    visibility.listeners[0]?.();
    expect(wb.update).toHaveBeenCalledOnce();
  });

  it('does nothing where service workers are not available', () => {
    expect(registerServiceWorker({ onUpdateReady: vi.fn() }, { isSupported: false })).toBeNull();
  });
});
