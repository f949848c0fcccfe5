import { navigationStarted } from './views/draw';

export type Render = (params: string[], query: URLSearchParams, signal: AbortSignal) => Promise<void> | void;

interface Route { pattern: RegExp; render: Render }

const routes: Route[] = [];
let current: AbortController | null = null;

export function route(pattern: RegExp, render: Render): void {
  routes.push({ pattern, render });
}

/** Goes to a URL of the explorer; `replace` keeps the history short while a control is being dragged. */
export function navigate(url: string, replace = false): void {
  navigationStarted();
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  void dispatch();
}

/** Updates the address bar to describe the current view without drawing it again. */
export function describe(url: string): void {
  history.replaceState(null, '', url);
}

export async function dispatch(): Promise<void> {
  current?.abort();
  const controller = new AbortController();
  current = controller;
  const path = location.pathname;
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (m) {
      await r.render(m.slice(1).map((p) => decodeURIComponent(p)), new URLSearchParams(location.search), controller.signal);
      return;
    }
  }
}

export function startRouter(): void {
  window.addEventListener('popstate', () => {
    navigationStarted();
    void dispatch();
  });
  document.addEventListener('click', (e) => {
    const a = (e.target as Element | null)?.closest?.('a[data-link]') as HTMLAnchorElement | null;
    if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(a.getAttribute('href') ?? '/');
  });
  void dispatch();
}
