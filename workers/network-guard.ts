/**
 * Keeps this worker from talking to any origin but the page's.
 *
 * A <meta> CSP does not govern a worker loaded from a URL (DESIGN.md section 8), and static hosts
 * rarely let us send CSP headers. The page starts this worker from a blob: URL (which inherits the
 * page's policy), and this guard is the second wall: every network API the worker could reach is
 * wrapped to refuse other origins before any request is made.
 *
 * A blob: worker cannot resolve relative URLs against its own address, so the guard also makes
 * relative fetch URLs absolute against the page's origin.
 */
export function installNetworkGuard(scope: typeof globalThis & { location: { origin: string; href: string } }): void {
  const origin = scope.location.origin;
  const base = `${origin}/`;
  const check = (url: string | URL): URL => {
    const target = new URL(String(url), base);
    const allowed = target.protocol === "blob:" || target.protocol === "data:" || target.origin === origin;
    if (!allowed) throw new TypeError(`Blocked request to ${target.origin}: Sales Notebook never sends data off this page's origin`);
    return target;
  };

  const originalFetch = scope.fetch.bind(scope);
  scope.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    try {
      if (input instanceof Request) {
        check(input.url);
        return originalFetch(input, init);
      }
      return originalFetch(check(input).href, init);
    } catch (error) {
      return Promise.reject(error);
    }
  };

  if (typeof XMLHttpRequest !== "undefined") {
    const open = XMLHttpRequest.prototype.open;
    XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
      check(url);
      return (open as (...a: unknown[]) => void).call(this, method, url, ...rest);
    } as typeof open;
  }
  for (const name of ["WebSocket", "EventSource"] as const) {
    if (name in scope) {
      Object.defineProperty(scope, name, {
        value: function blocked() {
          throw new TypeError(`${name} is disabled in the compute worker`);
        },
      });
    }
  }
}
