/** Where the page is: the hash route `#/`, `#/domestic/ID`, `#/overseas/ID`, `#/what-if/ID`. */
export type Route =
  | { view: 'accounts' }
  | { view: 'domestic' | 'overseas' | 'what-if'; id: string };

/** Parse a `location.hash`. */
export function parseRoute(hash: string): Route {
  const m = /^#\/(domestic|overseas|what-if)\/([0-9]{8}-[0-9]{2})/.exec(hash);
  return m === null ? { view: 'accounts' } : { view: m[1] as 'domestic', id: m[2]! };
}

/** The hash of a route. */
export function routeHash(r: Route): string {
  return r.view === 'accounts' ? '#/' : `#/${r.view}/${r.id}`;
}
