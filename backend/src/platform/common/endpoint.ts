import { RequestMapping, RequestMethod } from '@nestjs/common';
import type { FileDownload, ResponseOf, Route } from '@buurtjury/shared';

/** What a handler returns for a route: its response type, or nothing for 204 answers and files (sent through `@Res()`). */
type Result<Res> = [Res] extends [FileDownload] ? void : [Res] extends [undefined] ? void : Res;
type Handler<R extends Route> = (...args: never[]) => Promise<Result<ResponseOf<R>>> | Result<ResponseOf<R>>;

/**
 * Maps a controller method to a route of the shared route table (`ROUTES` in
 * shared/src/api/routes.ts): method and path come from the table, and the method must return the
 * table's response type. Controllers use `@Controller()` without a prefix, so the table's path is
 * the whole path under `/api`.
 */
export function Endpoint<R extends Route>(route: R) {
  const mapping = RequestMapping({ path: route.path, method: RequestMethod[route.method] });
  return <F extends Handler<R>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<F>): void => {
    mapping(target, key, descriptor);
  };
}
