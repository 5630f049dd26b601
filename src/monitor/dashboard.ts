/**
 * The live task monitor (`createDashboard`), an `HttpRoute` (route.ts): mounted by the library's
 * handler (`observe: { dashboard }`), by a node:http server with one call per request
 * (`if (dashboard.handle(req, res)) return;`), or by a web framework (`fetch`). Under its path
 * (default `/dashboard`):
 * - `GET /dashboard`: the page (HTML), `app.css`, `app.js` (plain files, no build step);
 * - `GET /dashboard/api/tasks`: the tasks the viewer may see (JSON);
 * - `GET /dashboard/api/events`: the same as server-sent events, a `snapshot` then one `task`
 *   event per change (the page reads it with fetch, so it can send its token; no polling);
 * - `POST /dashboard/api/tasks/{id}/cancel`: cancel a task the viewer may see.
 *
 * Who sees what: with `authenticate`, every API request needs `Authorization: Bearer <token>`,
 * and the token's viewer sees its owner's tasks, or every owner's when it is an operator; owner
 * isolation is applied by the monitor on the server, on the JSON and the events alike. Without
 * `authenticate` there are no identities, so the dashboard answers only loopback clients that
 * name a loopback host (a DNS-rebinding page names its own), each an operator. A cancel needs a
 * custom header, which a cross-site form cannot send without a preflight that is never granted.
 */
import { clockOf } from '../clock.js';
import { isTasksError } from '../errors/index.js';
import type { TaskMonitor, MonitorViewer } from './task-monitor.js';
import { DASHBOARD_CSS, dashboardHtml } from './dashboard-page.js';
import { DASHBOARD_SCRIPT } from './dashboard-script.js';
import { DashboardStreams } from './dashboard-events.js';
import { httpRoute, type HttpRoute, type RouteHead } from './route.js';

export interface DashboardOptions {
  monitor: TaskMonitor;
  /** The viewer a bearer token stands for, or undefined for an unknown token. Absent: loopback only, everyone an operator. */
  authenticate?: ((token: string) => MonitorViewer | undefined | Promise<MonitorViewer | undefined>) | undefined;
  /** Where the dashboard lives. Default `/dashboard`. */
  path?: string;
  /** Event streams open at once, in all (default 100) and per owner (default 10). */
  maxStreams?: number;
  maxStreamsPerOwner?: number;
}

/** The dashboard as an `HttpRoute` (`serve`, `handle(req, res)`, `fetch(request)`), and its close. */
export interface Dashboard extends HttpRoute {
  /** End every open event stream. */
  close(): void;
}

/** The header a cancel must carry (not sendable cross-site without a preflight). */
export const DASHBOARD_HEADER = 'x-mcp-tasks-dashboard';
const LOCAL_OPERATOR: MonitorViewer = { owner: 'operator', operator: true };
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export function createDashboard(options: DashboardOptions): Dashboard {
  const base = (options.path ?? '/dashboard').replace(/\/+$/, '');
  const streams = new DashboardStreams(options.monitor, { max: options.maxStreams ?? 100, perOwner: options.maxStreamsPerOwner ?? 10 });
  const auth = options.authenticate !== undefined;
  const route = httpRoute(
    (path) => path === base || path.startsWith(`${base}/`),
    (head) => serve(head, head.path.slice(base.length) || '/').catch(() => json(500, { error: 'internal error' })),
  );
  return { ...route, close: () => streams.close() };

  async function serve(head: RouteHead, route: string): Promise<Response> {
    if (!auth && !(isLoopback(head.remoteAddress) && isLoopbackHost(head.header('host')))) {
      return json(403, { error: 'This dashboard has no tokens: it answers loopback clients only' });
    }
    const { method } = head;
    if (route === '/' || route === '/app.js' || route === '/app.css') {
      if (method !== 'GET') return json(405, { error: 'use GET' }, { allow: 'GET' });
      const [type, body] =
        route === '/'
          ? ['text/html; charset=utf-8', dashboardHtml({ base, auth })]
          : route === '/app.js'
            ? ['text/javascript; charset=utf-8', DASHBOARD_SCRIPT]
            : ['text/css; charset=utf-8', DASHBOARD_CSS];
      return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'content-type': type } });
    }
    const cancel = /^\/api\/tasks\/([^/]+)\/cancel$/.exec(route);
    if (route !== '/api/tasks' && route !== '/api/events' && !cancel) return json(404, { error: 'not found' });
    if (method !== (cancel ? 'POST' : 'GET'))
      return json(405, { error: `use ${cancel ? 'POST' : 'GET'}` }, { allow: cancel ? 'POST' : 'GET' });
    const viewer = await viewerOf(head);
    if (!viewer)
      return json(401, { error: 'a valid bearer token is required' }, { 'www-authenticate': 'Bearer realm="mcp-tasks-dashboard"' });
    if (route === '/api/tasks')
      return json(200, { viewer, serverTime: now(options.monitor), tasks: await options.monitor.snapshot(viewer) });
    if (route === '/api/events') return streams.open(viewer, SECURITY_HEADERS);
    if (head.header(DASHBOARD_HEADER) === undefined) return json(403, { error: `a cancel needs the ${DASHBOARD_HEADER} header` });
    return cancelTask(viewer, decodeURIComponent(cancel![1]!));
  }

  async function viewerOf(head: RouteHead): Promise<MonitorViewer | undefined> {
    if (!options.authenticate) return LOCAL_OPERATOR;
    const token = /^Bearer[ ]+(\S+)[ ]*$/i.exec(head.header('authorization') ?? '')?.[1];
    return token === undefined ? undefined : options.authenticate(token);
  }

  async function cancelTask(viewer: MonitorViewer, taskId: string): Promise<Response> {
    // An owner cancels as itself (the store refuses another owner's task as missing); an
    // operator as the task's owner, for a task the monitor has seen.
    const owner = viewer.operator ? options.monitor.get(viewer, taskId)?.owner : viewer.owner;
    if (owner === undefined) return json(404, { error: 'No such task' });
    try {
      const task = await options.monitor.engine.store.cancel(owner, taskId, 'Cancelled from the task monitor');
      return json(200, { taskId, status: task.status });
    } catch (error) {
      if (isTasksError(error, 'TASK_TERMINAL')) return json(409, { error: 'The task has already ended' });
      return json(404, { error: 'No such task' });
    }
  }
}

/** The store's time, so the page shows ages by the clock that wrote `createdAt`. */
function now(monitor: TaskMonitor): number {
  return clockOf(monitor.engine.store).now();
}

function json(status: number, body: unknown, headers: { [name: string]: string } = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

function isLoopback(address: string | undefined): boolean {
  return address !== undefined && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

/** The Host header names a loopback host (localhost, 127.x.x.x, [::1]), with any port. */
function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
  return name === 'localhost' || name === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}
