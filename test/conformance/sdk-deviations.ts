/**
 * The real deviations of the SDK 1.32 experimental task support (McpServer + InMemoryTaskStore +
 * InMemoryTaskMessageQueue), by check id with the rule each fails: every subject built on it
 * shows them, whether or not its author listed them (slow-tools.ts lists only what its own probe
 * tested). Each was reproduced by hand; the wire is in the comment.
 */
export const KNOWN_SDK_DEVIATIONS: Readonly<Record<string, string>> = {
  'tool.forbidden-with-task': 'R11', // a forbidden tool with task runs, then -32602 "Invalid task creation result"
  'tool.required-without-task': 'R13', // an isError tool result instead of -32601
  'tool.plain-call-behaviour': 'R13', // the same, seen by the plain call of each safe tool (when a required tool is safe to call)
  // A request whose related-task _meta names a task the session can see has its RESPONSE queued in
  // that task's message queue (shared/protocol.js _onrequest), where a later tasks/result hands it
  // to the server's own request resolvers and drops it: it is never sent. The request itself runs
  // (tasks/cancel cancels params.taskId). A _meta naming an unknown task is refused at once with
  // -32602 "Task not found: <that id>" (what tasks/get with 'conformance-some-other-task' gets).
  'poll.related-meta-ignored': 'R54',
  'cancel.related-meta-ignored': 'R54',
  'err.invalid-id.get': 'R71', // a malformed taskId gives -32603 with a zod dump
  'err.invalid-id.result': 'R71',
  'err.invalid-id.cancel': 'R71',
  // InMemoryTaskStore deletes each task with setTimeout(ttl): a 30-day ttl overflows Node's timer
  // (2^31 - 1 ms) and the task is "not found" 1 ms later although the CreateTaskResult said ttl 2592000000.
  'ttl.long-kept': 'R35',
  // The message queue hands a question to one tasks/result stream; dropped with that stream, it is
  // never sent again.
  'input.asked-again-after-close': 'A10',
};

/** What the kit warns about on every server built on the SDK's Streamable HTTP transport. */
export const KNOWN_SDK_WARNINGS: Readonly<Record<string, string>> = {
  'poll.no-sse-for-get': 'R29', // every POST, tasks/get included, is answered on an SSE stream
};
