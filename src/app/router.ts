/** A matched route: which screen, with its path parameters and query. */
export interface RouteMatch<Id extends string = string> {
  id: Id;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
}

export interface RouteDef<Id extends string> {
  id: Id;
  /** e.g. "/queue/:eventId"; segments starting with ":" capture one decoded segment. */
  pattern: string;
}

/** History-API router: no framework, so it can be driven from main.tsx and tested alone. */
export interface Router<Id extends string> {
  current(): RouteMatch<Id | "not-found">;
  navigate(to: string, options?: { replace?: boolean }): void;
  subscribe(listener: (match: RouteMatch<Id | "not-found">) => void): () => void;
}

export function matchRoute<Id extends string>(
  routes: readonly RouteDef<Id>[],
  url: URL,
): RouteMatch<Id | "not-found"> {
  const segments = splitPath(url.pathname);
  for (const route of routes) {
    const params = matchSegments(splitPath(route.pattern), segments);
    if (params) return { id: route.id, path: url.pathname, params, query: url.searchParams };
  }
  return { id: "not-found", path: url.pathname, params: {}, query: url.searchParams };
}

export function createRouter<Id extends string>(routes: readonly RouteDef<Id>[]): Router<Id> {
  const listeners = new Set<(match: RouteMatch<Id | "not-found">) => void>();
  let match = matchRoute(routes, new URL(location.href));
  const update = () => {
    match = matchRoute(routes, new URL(location.href));
    for (const l of listeners) l(match);
  };
  addEventListener("popstate", update);
  // Same-origin <a href> clicks become in-app navigations (no reload, no network for the shell).
  document.addEventListener("click", (event) => {
    const a = (event.target as Element | null)?.closest?.("a[href]");
    if (!(a instanceof HTMLAnchorElement) || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || a.target || a.download) return;
    const url = new URL(a.href);
    if (url.origin !== location.origin) return;
    // In-page anchors (the skip link) keep the browser's own scrolling and focus.
    if (url.hash && url.pathname === location.pathname && url.search === location.search) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
  function navigate(to: string, options: { replace?: boolean } = {}) {
    const url = new URL(to, location.href);
    if (url.href === location.href) return;
    if (options.replace) history.replaceState(null, "", url);
    else history.pushState(null, "", url);
    update();
  }
  return {
    current: () => match,
    navigate,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function splitPath(path: string): string[] {
  return path.split("/").filter((s) => s.length > 0);
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | null {
  if (pattern.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    const a = actual[i] as string;
    if (p.startsWith(":")) {
      try {
        params[p.slice(1)] = decodeURIComponent(a);
      } catch {
        return null;
      }
    } else if (p !== a) return null;
  }
  return params;
}
