/** The `mcp-tasks-server --help` text (flags parsed in args.ts). */
export const USAGE = `Usage: mcp-tasks-server [options]
       mcp-tasks-server table create --table NAME [--dynamodb-endpoint URL] [--region R]
       mcp-tasks-server table --print-template [--table NAME]
       mcp-tasks-server db migrate --database-url URL | --data-dir DIR [--schema NAME]

Runs the mcp-tasks reference server (MCP Tasks, 2025-11-25) with the fixture tools of
reference-server/FIXTURES.md. Default: Streamable HTTP on http://127.0.0.1:3000/mcp, in-memory store.

Transport:
  --port N                  HTTP port (default 3000; 0 = an ephemeral port, printed on stderr)
  --host HOST               HTTP interface to bind (default 127.0.0.1)
  --stdio                   serve one client over stdin/stdout instead of HTTP
  --stateless               HTTP without sessions: a fresh server per POST, so any instance on a
                            shared store (dynamodb, postgres) serves any request, behind a load
                            balancer without affinity. Needs --tokens; GET and DELETE answer 405;
                            clients poll tasks/get for status (docs/operations.md, "Running several instances")

Store:
  --store memory|dynamodb|postgres|pglite
                            task store (default memory; docs/stores.md says which to choose)
  --table NAME              with dynamodb: the table (create it with \`table create\`, --create-table
                            or infra/template.json); instances on one table share their tasks
  --dynamodb-endpoint URL   with dynamodb: endpoint (DynamoDB Local, dynalite, ...; default AWS).
                            Without AWS credentials in the environment, dummy ones are used
  --region R                with dynamodb: AWS region (default AWS_REGION, or us-east-1 with an endpoint)
  --database-url URL        with postgres: postgres://user:password@host:port/database (default env
                            DATABASE_URL); instances on one database share their tasks. Needs the
                            package pg (npm install pg)
  --data-dir DIR            with pglite: the embedded database's directory (created if missing,
                            migrated on open; one process per directory). Needs the package
                            @electric-sql/pglite
  --schema NAME             with postgres or pglite: the PostgreSQL schema (default mcp_tasks)
  --create-table            with dynamodb: create the table if it is missing (local use); with
                            postgres: run the schema migrations at start (\`db migrate\` does it alone)
  --cursor-secret S         with dynamodb, postgres or pglite: list cursor secret, the same on every
                            instance (default env MCP_TASKS_CURSOR_SECRET, else derived from the
                            table or schema name with a warning: set it in production)
  --lease-ms N              with dynamodb, postgres or pglite: task lease (default 30000, renewed every
                            third); a task whose instance died becomes failed after it, or is taken
                            over when its tool is resumable

Security limits:
  --max-tasks-per-owner N   active tasks per owner (default 100)
  --default-ttl-ms N        TTL of tasks created without task.ttl (default 3600000, at most --max-ttl-ms)
  --max-ttl-ms N            larger requested TTLs are clamped to this (default 86400000)
  --allow-anonymous         with --tokens: accept requests without a token (bound to their session)
  --shutdown-grace-ms N     on SIGINT/SIGTERM, running tasks may finish for N ms (default 10000);
                            the rest end failed ("The server shut down before the task finished")
                            and every pending tasks/result is answered before the server exits
  --rate-limit N            task operations per second per owner, bursts up to 2N (default 100;
                            0 turns it off); beyond it: JSON-RPC -32000 (R81)
  --sync-window-ms N        2026-07-28 only: a task-capable call runs inline up to N ms and is
                            answered with its result when it ends within them, else it becomes a
                            task (default: the poll floor, 50; 0: always a task; at most 60000)
  --poll-policy K=V,...     2026-07-28 only: the pollIntervalMs told for a task, from its age
                            (floor=50, max=2000, growth=0.25 of the age, input-max=1000 while it
                            waits for input; any subset), never under the owner's rate share

Sessions (HTTP):
  --max-sessions N          open sessions in all (default 1000); beyond it: HTTP 503
  --max-sessions-per-client N  open sessions per token owner, or per remote address without
                            --tokens (default 100); beyond it: HTTP 429
  --session-idle-ms N       a session with no request or open stream for N ms is closed
                            (default 900000); its id then gets HTTP 404, as any unknown session
  --initialize-rate N       initialize requests per second per client, bursts up to 4N (default 10)
  --requests-per-second N   POST requests per second per client, bursts up to 2N (default 1000;
                            0 turns it off); beyond it: HTTP 429, JSON-RPC -32000 RATE_LIMITED

Identity (HTTP):
  --tokens FILE             JSON object mapping bearer tokens to owner names,
                            e.g. {"token-a":"alice","token-b":"bob"}; requests need
                            "Authorization: Bearer <token>" (else HTTP 401) and tasks belong to
                            the token's owner in every session
  (no --tokens)             each HTTP session is its own owner: tasks are visible only in the
                            session that created them
  --stdio                   no authentication: the one client is the anonymous owner
  A token may be an operator's: {"token-o":{"owner":"ops","operator":true}} (see --dashboard)

Observability (docs/operations.md):
  --metrics PATH|off        Prometheus metrics at GET PATH (default /metrics; HTTP only): tasks
                            created and ended, active, waiting for a person, durations, store
                            latency, refusals, sessions; no owner or token in any label
  --dashboard               the live task monitor at /dashboard (HTTP only): with --tokens it asks
                            for a token and shows that owner's tasks, every owner's to an operator;
                            without --tokens it answers loopback clients only
  --otel otlp|console       OpenTelemetry traces: a span per MCP request and per task run, trace
                            context from params._meta; otlp exports to OTEL_EXPORTER_OTLP_ENDPOINT
                            (default http://localhost:4318), service.name OTEL_SERVICE_NAME.
                            Needs @opentelemetry/api, @opentelemetry/sdk-trace-base,
                            @opentelemetry/resources, @opentelemetry/context-async-hooks
                            (and @opentelemetry/exporter-trace-otlp-http for otlp)

  -h, --help                print this help

Logs (JSON lines) and the listening address go to stderr. Exit codes: 0 after SIGINT/SIGTERM
(or the end of stdin with --stdio), 1 on a runtime failure, 2 on a bad flag or value.`;
