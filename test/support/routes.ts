import type { INestApplication } from '@nestjs/common';

/** One REST endpoint as Express routes it: upper-case method and path with `:param` placeholders. */
export interface RouteInfo {
  method: string;
  path: string;
}

/** The parts of an Express 5 router layer that tell whether, and where, it routes. */
interface RouterLayer {
  route?: { path: unknown; methods: Record<string, boolean | undefined> };
}

/** Swagger's UI, its assets and the OpenAPI document: documentation, not API. */
const DOCS = /^\/api\/docs(?:[/-]|$)/;

/**
 * Every REST route the running application has registered, read from the Express router's stack
 * (so a new controller method shows up without editing a list), for suites that walk all routes:
 * the fuzz suite and the role/access table. Only routes under `/api/` count: the static frontend
 * (its middleware and `{*any}` catch-all) and the Swagger docs under `/api/docs` are left out.
 * Sorted by path, then method, without duplicates.
 */
export function listRoutes(app: INestApplication): RouteInfo[] {
  const express = app.getHttpAdapter().getInstance() as { router?: { stack?: RouterLayer[] } };
  const stack = express.router?.stack;
  if (!stack) throw new Error('listRoutes needs an Express 5 application that has been initialised');
  const seen = new Map<string, RouteInfo>();
  for (const layer of stack) {
    const route = layer.route;
    if (!route || typeof route.path !== 'string' || !route.path.startsWith('/api/') || DOCS.test(route.path)) continue;
    for (const [method, on] of Object.entries(route.methods)) {
      if (!on || method === '_all') continue;
      const info = { method: method.toUpperCase(), path: route.path };
      seen.set(`${info.method} ${info.path}`, info);
    }
  }
  return [...seen.values()].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** The names of a route's `:param` placeholders, in order. */
export function routeParams(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
}

/** The route's path with each placeholder replaced by `values[name]` (percent-encoded unless `raw`). */
export function fillRoute(path: string, values: Record<string, string>, raw = false): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = values[name] ?? '';
    return raw ? value : encodeURIComponent(value);
  });
}
