import { ROUTES, routePath } from '@buurtjury/shared';
import { startApp, type RunningApp } from '../support/app';
import { listRoutes } from '../support/routes';

/**
 * The shared route table (shared/src/api/routes.ts) is the one list of REST endpoints: the
 * controllers take method and path from it and the frontend's client builds its requests from it.
 * Here the routes the running application registered are compared with the table, both ways.
 */
let running: RunningApp;

beforeAll(async () => {
  running = await startApp();
});
afterAll(async () => {
  await running.close();
});

const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

it('registers every route of the table, and no route that is not in it', () => {
  const registered = listRoutes(running.app).map(key).sort();
  const table = Object.values(ROUTES).map((r) => key({ method: r.method, path: `/api${r.path}` })).sort();
  expect(new Set(table).size).toBe(table.length);
  expect(registered.filter((r) => !table.includes(r))).toEqual([]);
  expect(table.filter((r) => !registered.includes(r))).toEqual([]);
  expect(registered).toEqual(table);
});

it('fills a route path with encoded parameters', () => {
  expect(routePath(ROUTES.updateBidder, { eveningId: 'e 1', bidderId: 'b/2' })).toBe('/evenings/e%201/bidders/b%2F2');
  expect(routePath(ROUTES.committeeFile, { token: 't', number: 2, name: 'advies.pdf' })).toBe('/committee/t/versions/2/files/advies.pdf');
  expect(routePath(ROUTES.meta, {})).toBe('/meta');
});
