/* eslint-disable */
/**
 * TypeScript types for the MCP Tasks extension (io.modelcontextprotocol/tasks), protocol 2026-07-28.
 * Objects without an explicit `additionalProperties` are emitted closed.
 *
 * Core defs generated from modelcontextprotocol/ext-tasks schema/draft/spec.schema.json
 *   commit e4345978be1f602f1fc48d89051e8559dd5302a6
 *   sha256 35ae1f925ce9fd92fba45f29b08ef934cb4c54e3734eb31f177503f7e6036d77
 * (committed as schema/2026-07-28/spec.schema.json, pinned in schema/2026-07-28/pin.json).
 * Extension defs: schema/2026-07-28/extension.schema.json (Transcribed by mcp-tasks from tasks.md; the extension publishes no JSON Schema for its own types.)
 *
 * DO NOT EDIT. Regenerate with: npm run generate
 */

/**
 * The sender or recipient of messages and data in a conversation.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "Role".
 */
export type Role = "assistant" | "user";
/**
 * A uniquely identifying ID for a request in JSON-RPC.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "RequestId".
 */
export type RequestId = string | number;
/**
 * This interface was referenced by the JSON-Schema
 * via the `definition` "JSONValue".
 */
export type JSONValue = JSONObject | JSONValue[] | (string | number | boolean);
/**
 * The severity of a log message.
 *
 * These map to syslog message severities, as specified in RFC-5424:
 * https://datatracker.ietf.org/doc/html/rfc5424#section-6.2.1
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "LoggingLevel".
 */
export type LoggingLevel = "alert" | "critical" | "debug" | "emergency" | "error" | "info" | "notice" | "warning";
/**
 * A progress token, used to associate progress notifications with the original request.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ProgressToken".
 */
export type ProgressToken = string | number;
/**
 * This interface was referenced by the JSON-Schema
 * via the `definition` "InputResponse".
 */
export type InputResponse = CreateMessageResult | ListRootsResult | ElicitResult;
/**
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ContentBlock".
 */
export type ContentBlock = TextContent | ImageContent | AudioContent | ResourceLink | EmbeddedResource;
/**
 * This interface was referenced by the JSON-Schema
 * via the `definition` "SamplingMessageContentBlock".
 */
export type SamplingMessageContentBlock =
  TextContent | ImageContent | AudioContent | ToolUseContent | ToolResultContent;
/**
 * The parameters for a request to elicit additional information from the user via the client.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ElicitRequestParams".
 */
export type ElicitRequestParams = ElicitRequestFormParams | ElicitRequestURLParams;
/**
 * Restricted schema definitions that only allow primitive types
 * without nested objects or arrays.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "PrimitiveSchemaDefinition".
 */
export type PrimitiveSchemaDefinition =
  | StringSchema
  | NumberSchema
  | BooleanSchema
  | UntitledSingleSelectEnumSchema
  | TitledSingleSelectEnumSchema
  | UntitledMultiSelectEnumSchema
  | TitledMultiSelectEnumSchema
  | LegacyTitledEnumSchema;
/**
 * This interface was referenced by the JSON-Schema
 * via the `definition` "InputRequest".
 */
export type InputRequest = CreateMessageRequest | ListRootsRequest | ElicitRequest;
/**
 * Refers to any valid JSON-RPC object that can be decoded off the wire, or encoded to be sent.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "JSONRPCMessage".
 */
export type JSONRPCMessage = JSONRPCRequest | JSONRPCNotification | JSONRPCResultResponse | JSONRPCErrorResponse;
/**
 * A response to a request, containing either the result or error.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "JSONRPCResponse".
 */
export type JSONRPCResponse = JSONRPCResultResponse | JSONRPCErrorResponse;
/**
 * Indicates the type of a {@link Result} object, allowing the client to
 * determine how to parse the response.
 *
 * complete - the request completed successfully and the result contains the final content.
 * input_required - the request requires additional input and the result contains an {@link InputRequiredResult} object with instructions for the client to provide additional input before retrying the original request.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ResultType".
 */
export type ResultType = string;
/**
 * Ask to cancel a task (cooperative).
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "CancelTaskRequest".
 */
export type CancelTaskRequest = JSONRPCRequest & {
  method: "tasks/cancel";
  params: {
    _meta?: RequestMetaObject;
    /**
     * Identifier of the task to cancel.
     */
    taskId: string;
  };
};
/**
 * Empty acknowledgement of tasks/cancel (resultType "complete").
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "CancelTaskResult".
 */
export type CancelTaskResult = Result & {
  resultType: "complete";
};
/**
 * A task that has been cancelled. Used by tasks/get and notifications/tasks.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "CancelledTask".
 */
export type CancelledTask = Task & {
  status: "cancelled";
};
/**
 * The status of a task.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "TaskStatus".
 */
export type TaskStatus = "working" | "input_required" | "completed" | "cancelled" | "failed";
/**
 * A task that has completed successfully (a tool result with isError: true included). Used by tasks/get and notifications/tasks.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "CompletedTask".
 */
export type CompletedTask = Task & {
  result: JSONObject;
  status: "completed";
};
/**
 * Returned in lieu of the standard result (resultType "task"): the task's seed state.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "CreateTaskResult".
 */
export type CreateTaskResult = Result &
  Task & {
    resultType: "task";
  };
/**
 * A task with its status-specific inlined field (result, error or inputRequests).
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "DetailedTask".
 */
export type DetailedTask = WorkingTask | InputRequiredTask | CompletedTask | FailedTask | CancelledTask;
/**
 * A task that is in a normal working state. Used by tasks/get and notifications/tasks.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "WorkingTask".
 */
export type WorkingTask = Task & {
  status: "working";
};
/**
 * A task that is waiting for input from the client. Used by tasks/get and notifications/tasks.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "InputRequiredTask".
 */
export type InputRequiredTask = Task & {
  inputRequests: InputRequests;
  status: "input_required";
};
/**
 * A task that has failed due to a JSON-RPC error. Used by tasks/get and notifications/tasks.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "FailedTask".
 */
export type FailedTask = Task & {
  error: Error;
  status: "failed";
};
/**
 * Poll a task.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "GetTaskRequest".
 */
export type GetTaskRequest = JSONRPCRequest & {
  method: "tasks/get";
  params: {
    _meta?: RequestMetaObject;
    /**
     * Identifier of the task to query.
     */
    taskId: string;
  };
};
/**
 * The task's current state (a DetailedTask); resultType is "complete".
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "GetTaskResult".
 */
export type GetTaskResult = Result &
  DetailedTask & {
    resultType: "complete";
  };
/**
 * Pushed task status (notifications/tasks).
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "TaskStatusNotification".
 */
export type TaskStatusNotification = JSONRPCNotification & {
  method: "notifications/tasks";
  params: TaskStatusNotificationParams;
};
/**
 * A complete DetailedTask, as tasks/get would return it at that moment.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "TaskStatusNotificationParams".
 */
export type TaskStatusNotificationParams = DetailedTask & {
  _meta?: NotificationMetaObject;
};
/**
 * Result of tools/call for a client that declared the extension: CallToolResult, InputRequiredResult (MRTR) or CreateTaskResult, by resultType.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "TasksCallToolResult".
 */
export type TasksCallToolResult = CallToolResult | InputRequiredResult | CreateTaskResult;
/**
 * Answer outstanding inputRequests of a task.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "UpdateTaskRequest".
 */
export type UpdateTaskRequest = JSONRPCRequest & {
  method: "tasks/update";
  params: {
    _meta?: RequestMetaObject;
    inputResponses: InputResponses;
    /**
     * Identifier of the task to update.
     */
    taskId: string;
  };
};
/**
 * Empty acknowledgement of tasks/update (resultType "complete").
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "UpdateTaskResult".
 */
export type UpdateTaskResult = Result & {
  resultType: "complete";
};

/**
 * Optional annotations for the client. The client can use annotations to inform how objects are used or displayed
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "Annotations".
 */
export interface Annotations {
  /**
   * Describes who the intended audience of this object or data is.
   *
   * It can include multiple entries to indicate content useful for multiple audiences (e.g., `["user", "assistant"]`).
   */
  audience?: Role[];
  /**
   * The moment the resource was last modified, as an ISO 8601 formatted string.
   *
   * Should be an ISO 8601 formatted string (e.g., "2025-01-12T15:00:58Z").
   *
   * Examples: last activity timestamp in an open file, timestamp when the resource
   * was attached, etc.
   */
  lastModified?: string;
  /**
   * Describes how important this data is for operating the server.
   *
   * A value of 1 means "most important," and indicates that the data is
   * effectively required, while 0 means "least important," and indicates that
   * the data is entirely optional.
   */
  priority?: number;
}
/**
 * Audio provided to or from an LLM.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "AudioContent".
 */
export interface AudioContent {
  _meta?: MetaObject;
  annotations?: Annotations;
  /**
   * The base64-encoded audio data.
   */
  data: string;
  /**
   * The MIME type of the audio. Different providers may support different audio types.
   */
  mimeType: string;
  type: "audio";
}
/**
 * Represents the contents of a `_meta` field, which clients and servers use to attach additional metadata to their interactions.
 *
 * Certain key names are reserved by MCP for protocol-level metadata; implementations MUST NOT make assumptions about values at these keys. Additionally, specific schema definitions may reserve particular names for purpose-specific metadata, as declared in those definitions.
 *
 * Valid keys have two segments:
 *
 * **Prefix:**
 * - Optional — if specified, MUST be a series of _labels_ separated by dots (`.`), followed by a slash (`/`).
 * - Labels MUST start with a letter and end with a letter or digit. Interior characters may be letters, digits, or hyphens (`-`).
 * - Implementations SHOULD use reverse DNS notation (e.g., `com.example/` rather than `example.com/`).
 * - Any prefix where the second label is `modelcontextprotocol` or `mcp` is **reserved** for MCP use. For example: `io.modelcontextprotocol/`, `dev.mcp/`, `org.modelcontextprotocol.api/`, and `com.mcp.tools/` are all reserved. However, `com.example.mcp/` is NOT reserved, as the second label is `example`.
 *
 * **Name:**
 * - Unless empty, MUST start and end with an alphanumeric character (`[a-z0-9A-Z]`).
 * - Interior characters may be alphanumeric, hyphens (`-`), underscores (`_`), or dots (`.`).
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "MetaObject".
 */
export interface MetaObject {}
/**
 * This interface was referenced by the JSON-Schema
 * via the `definition` "BlobResourceContents".
 */
export interface BlobResourceContents {
  _meta?: MetaObject;
  /**
   * A base64-encoded string representing the binary data of the item.
   */
  blob: string;
  /**
   * The MIME type of this resource, if known.
   */
  mimeType?: string;
  /**
   * The URI of this resource.
   */
  uri: string;
}
/**
 * This interface was referenced by the JSON-Schema
 * via the `definition` "BooleanSchema".
 */
export interface BooleanSchema {
  default?: boolean;
  description?: string;
  title?: string;
  type: "boolean";
}
/**
 * Used by the client to invoke a tool provided by the server.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "CallToolRequest".
 */
export interface CallToolRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "tools/call";
  params: CallToolRequestParams;
}
/**
 * Parameters for a `tools/call` request.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "CallToolRequestParams".
 */
export interface CallToolRequestParams {
  _meta: RequestMetaObject;
  /**
   * Arguments to use for the tool call.
   */
  arguments?: {
    [k: string]: unknown;
  };
  inputResponses?: InputResponses;
  /**
   * The name of the tool.
   */
  name: string;
  requestState?: string;
}
/**
 * Extends {@link MetaObject} with additional request-specific fields. All key naming rules from `MetaObject` apply.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "RequestMetaObject".
 */
export interface RequestMetaObject {
  "io.modelcontextprotocol/clientCapabilities": ClientCapabilities;
  "io.modelcontextprotocol/clientInfo"?: Implementation;
  "io.modelcontextprotocol/logLevel"?: LoggingLevel;
  /**
   * The MCP Protocol Version being used for this request. Required.
   *
   * For the HTTP transport, this value MUST match the `MCP-Protocol-Version`
   * header; otherwise the server MUST return a `400 Bad Request`. If the
   * server does not support the requested version, it MUST return an
   * {@link UnsupportedProtocolVersionError}.
   */
  "io.modelcontextprotocol/protocolVersion": string;
  progressToken?: ProgressToken;
}
/**
 * Capabilities a client may support. Known capabilities are defined here, in this schema, but this is not a closed set: any client can define its own, additional capabilities.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ClientCapabilities".
 */
export interface ClientCapabilities {
  /**
   * Present if the client supports elicitation from the server.
   */
  elicitation?: {
    form?: JSONObject;
    url?: JSONObject;
  };
  /**
   * Experimental, non-standard capabilities that the client supports.
   */
  experimental?: {
    [k: string]: JSONObject;
  };
  /**
   * Optional MCP extensions that the client supports. Keys are extension identifiers
   * (e.g., "io.modelcontextprotocol/oauth-client-credentials"), and values are
   * per-extension settings objects. An empty object indicates support with no settings.
   *
   * Keys MUST follow the {@link MetaObject`_meta` key naming rules}, with a
   * mandatory prefix.
   */
  extensions?: {
    [k: string]: JSONObject;
  };
  /**
   * Present if the client supports listing roots.
   */
  roots?: {};
  /**
   * Present if the client supports sampling from an LLM.
   */
  sampling?: {
    context?: JSONObject;
    tools?: JSONObject;
  };
}
/**
 * This interface was referenced by the JSON-Schema
 * via the `definition` "JSONObject".
 */
export interface JSONObject {
  [k: string]: JSONValue;
}
/**
 * Describes the MCP implementation.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "Implementation".
 */
export interface Implementation {
  /**
   * An optional human-readable description of what this implementation does.
   *
   * This can be used by clients or servers to provide context about their purpose
   * and capabilities. For example, a server might describe the types of resources
   * or tools it provides, while a client might describe its intended use case.
   */
  description?: string;
  /**
   * Optional set of sized icons that the client can display in a user interface.
   *
   * Clients that support rendering icons MUST support at least the following MIME types:
   * - `image/png` - PNG images (safe, universal compatibility)
   * - `image/jpeg` (and `image/jpg`) - JPEG images (safe, universal compatibility)
   *
   * Clients that support rendering icons SHOULD also support:
   * - `image/svg+xml` - SVG images (scalable but requires security precautions)
   * - `image/webp` - WebP images (modern, efficient format)
   */
  icons?: Icon[];
  /**
   * Intended for programmatic or logical use, but used as a display name in past specs or fallback (if title isn't present).
   */
  name: string;
  /**
   * Intended for UI and end-user contexts — optimized to be human-readable and easily understood,
   * even by those unfamiliar with domain-specific terminology.
   *
   * If not provided, the name should be used for display (except for {@link Tool},
   * where `annotations.title` should be given precedence over using `name`,
   * if present).
   */
  title?: string;
  /**
   * The version of this implementation.
   */
  version: string;
  /**
   * An optional URL of the website for this implementation.
   */
  websiteUrl?: string;
}
/**
 * An optionally-sized icon that can be displayed in a user interface.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "Icon".
 */
export interface Icon {
  /**
   * Optional MIME type override if the source MIME type is missing or generic.
   * For example: `"image/png"`, `"image/jpeg"`, or `"image/svg+xml"`.
   */
  mimeType?: string;
  /**
   * Optional array of strings that specify sizes at which the icon can be used.
   * Each string should be in WxH format (e.g., `"48x48"`, `"96x96"`) or `"any"` for scalable formats like SVG.
   *
   * If not provided, the client should assume that the icon can be used at any size.
   */
  sizes?: string[];
  /**
   * A standard URI pointing to an icon resource. May be an HTTP/HTTPS URL or a
   * `data:` URI with Base64-encoded image data.
   *
   * Consumers SHOULD take steps to ensure URLs serving icons are from the
   * same domain as the client/server or a trusted domain.
   *
   * Consumers SHOULD take appropriate precautions when consuming SVGs as they can contain
   * executable JavaScript.
   */
  src: string;
  /**
   * Optional specifier for the theme this icon is designed for. `"light"` indicates
   * the icon is designed to be used with a light background, and `"dark"` indicates
   * the icon is designed to be used with a dark background.
   *
   * If not provided, the client should assume the icon can be used with any theme.
   */
  theme?: "dark" | "light";
}
/**
 * A map of client responses to server-initiated requests.
 * Keys correspond to the keys in the {@link InputRequests} map;
 * values are the client's result for each request.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "InputResponses".
 */
export interface InputResponses {
  [k: string]: InputResponse;
}
/**
 * The result returned by the client for a {@link CreateMessageRequestsampling/createMessage} request.
 * The client should inform the user before returning the sampled message, to allow them
 * to inspect the response (human in the loop) and decide whether to allow the server to see it.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "CreateMessageResult".
 */
export interface CreateMessageResult {
  _meta?: MetaObject;
  content:
    TextContent | ImageContent | AudioContent | ToolUseContent | ToolResultContent | SamplingMessageContentBlock[];
  /**
   * The name of the model that generated the message.
   */
  model: string;
  role: Role;
  /**
   * The reason why sampling stopped, if known.
   *
   * Standard values:
   * - `"endTurn"`: Natural end of the assistant's turn
   * - `"stopSequence"`: A stop sequence was encountered
   * - `"maxTokens"`: Maximum token limit was reached
   * - `"toolUse"`: The model wants to use one or more tools
   *
   * This field is an open string to allow for provider-specific stop reasons.
   */
  stopReason?: string;
}
/**
 * Text provided to or from an LLM.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "TextContent".
 */
export interface TextContent {
  _meta?: MetaObject;
  annotations?: Annotations;
  /**
   * The text content of the message.
   */
  text: string;
  type: "text";
}
/**
 * An image provided to or from an LLM.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ImageContent".
 */
export interface ImageContent {
  _meta?: MetaObject;
  annotations?: Annotations;
  /**
   * The base64-encoded image data.
   */
  data: string;
  /**
   * The MIME type of the image. Different providers may support different image types.
   */
  mimeType: string;
  type: "image";
}
/**
 * A request from the assistant to call a tool.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ToolUseContent".
 */
export interface ToolUseContent {
  _meta?: MetaObject;
  /**
   * A unique identifier for this tool use.
   *
   * This ID is used to match tool results to their corresponding tool uses.
   */
  id: string;
  /**
   * The arguments to pass to the tool, conforming to the tool's input schema.
   */
  input: {
    [k: string]: unknown;
  };
  /**
   * The name of the tool to call.
   */
  name: string;
  type: "tool_use";
}
/**
 * The result of a tool use, provided by the user back to the assistant.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ToolResultContent".
 */
export interface ToolResultContent {
  _meta?: MetaObject;
  /**
   * The unstructured result content of the tool use.
   *
   * This has the same format as {@link CallToolResult.content} and can include text, images,
   * audio, resource links, and embedded resources.
   */
  content: ContentBlock[];
  /**
   * Whether the tool use resulted in an error.
   *
   * If true, the content typically describes the error that occurred.
   * Default: false
   */
  isError?: boolean;
  /**
   * An optional structured result value.
   *
   * This can be any JSON value (object, array, string, number, boolean, or null).
   * If the tool defined an {@link Tool.outputSchema}, this SHOULD conform to that schema.
   */
  structuredContent?: {
    [k: string]: unknown;
  };
  /**
   * The ID of the tool use this result corresponds to.
   *
   * This MUST match the ID from a previous {@link ToolUseContent}.
   */
  toolUseId: string;
  type: "tool_result";
}
/**
 * A resource that the server is capable of reading, included in a prompt or tool call result.
 *
 * Note: resource links returned by tools are not guaranteed to appear in the results of {@link ListResourcesRequestresources/list} requests.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ResourceLink".
 */
export interface ResourceLink {
  _meta?: MetaObject;
  annotations?: Annotations;
  /**
   * A description of what this resource represents.
   *
   * This can be used by clients to improve the LLM's understanding of available resources. It can be thought of like a "hint" to the model.
   */
  description?: string;
  /**
   * Optional set of sized icons that the client can display in a user interface.
   *
   * Clients that support rendering icons MUST support at least the following MIME types:
   * - `image/png` - PNG images (safe, universal compatibility)
   * - `image/jpeg` (and `image/jpg`) - JPEG images (safe, universal compatibility)
   *
   * Clients that support rendering icons SHOULD also support:
   * - `image/svg+xml` - SVG images (scalable but requires security precautions)
   * - `image/webp` - WebP images (modern, efficient format)
   */
  icons?: Icon[];
  /**
   * The MIME type of this resource, if known.
   */
  mimeType?: string;
  /**
   * Intended for programmatic or logical use, but used as a display name in past specs or fallback (if title isn't present).
   */
  name: string;
  /**
   * The size of the raw resource content, in bytes (i.e., before base64 encoding or any tokenization), if known.
   *
   * This can be used by Hosts to display file sizes and estimate context window usage.
   */
  size?: number;
  /**
   * Intended for UI and end-user contexts — optimized to be human-readable and easily understood,
   * even by those unfamiliar with domain-specific terminology.
   *
   * If not provided, the name should be used for display (except for {@link Tool},
   * where `annotations.title` should be given precedence over using `name`,
   * if present).
   */
  title?: string;
  type: "resource_link";
  /**
   * The URI of this resource.
   */
  uri: string;
}
/**
 * The contents of a resource, embedded into a prompt or tool call result.
 *
 * It is up to the client how best to render embedded resources for the benefit
 * of the LLM and/or the user.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "EmbeddedResource".
 */
export interface EmbeddedResource {
  _meta?: MetaObject;
  annotations?: Annotations;
  resource: TextResourceContents | BlobResourceContents;
  type: "resource";
}
/**
 * This interface was referenced by the JSON-Schema
 * via the `definition` "TextResourceContents".
 */
export interface TextResourceContents {
  _meta?: MetaObject;
  /**
   * The MIME type of this resource, if known.
   */
  mimeType?: string;
  /**
   * The text of the item. This must only be set if the item can actually be represented as text (not binary data).
   */
  text: string;
  /**
   * The URI of this resource.
   */
  uri: string;
}
/**
 * The result returned by the client for a {@link ListRootsRequestroots/list} request.
 * This result contains an array of {@link Root} objects, each representing a root directory
 * or file that the server can operate on.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ListRootsResult".
 */
export interface ListRootsResult {
  roots: Root[];
}
/**
 * Represents a root directory or file that the server can operate on.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "Root".
 */
export interface Root {
  _meta?: MetaObject;
  /**
   * An optional name for the root. This can be used to provide a human-readable
   * identifier for the root, which may be useful for display purposes or for
   * referencing the root in other parts of the application.
   */
  name?: string;
  /**
   * The URI identifying the root. This *must* start with `file://` for now.
   * This restriction may be relaxed in future versions of the protocol to allow
   * other URI schemes.
   */
  uri: string;
}
/**
 * The result returned by the client for an {@link ElicitRequestelicitation/create} request.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ElicitResult".
 */
export interface ElicitResult {
  /**
   * The user action in response to the elicitation.
   * - `"accept"`: User submitted the form/confirmed the action
   * - `"decline"`: User explicitly declined the action
   * - `"cancel"`: User dismissed without making an explicit choice
   */
  action: "accept" | "cancel" | "decline";
  /**
   * The submitted form data, only present when action is `"accept"` and mode was `"form"`.
   * Contains values matching the requested schema.
   * Omitted for out-of-band mode responses.
   */
  content?: {
    [k: string]: string[] | string | number | boolean;
  };
}
/**
 * The result returned by the server for a {@link CallToolRequesttools/call} request.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "CallToolResult".
 */
export interface CallToolResult {
  _meta?: ResultMetaObject;
  /**
   * A list of content objects that represent the unstructured result of the tool call.
   */
  content: ContentBlock[];
  /**
   * Whether the tool call ended in an error.
   *
   * If not set, this is assumed to be false (the call was successful).
   *
   * Any errors that originate from the tool SHOULD be reported inside the result
   * object, with `isError` set to true, _not_ as an MCP protocol-level error
   * response. Otherwise, the LLM would not be able to see that an error occurred
   * and self-correct.
   *
   * However, any errors in _finding_ the tool, an error indicating that the
   * server does not support tool calls, or any other exceptional conditions,
   * should be reported as an MCP error response.
   */
  isError?: boolean;
  /**
   * Indicates the type of the result, which allows the client to determine
   * how to parse the result object.
   *
   * Servers implementing this protocol version MUST include this field.
   * For backward compatibility, when a client receives a result from a
   * server implementing an earlier protocol version (which does not include
   * `resultType`), the client MUST treat the absent field as `"complete"`.
   */
  resultType: string;
  /**
   * An optional JSON value that represents the structured result of the tool call.
   *
   * This can be any JSON value (object, array, string, number, boolean, or null)
   * that conforms to the tool's outputSchema if one is defined.
   */
  structuredContent?: {
    [k: string]: unknown;
  };
}
/**
 * Extends {@link MetaObject} with additional result-specific fields. All key naming rules from `MetaObject` apply.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ResultMetaObject".
 */
export interface ResultMetaObject {
  "io.modelcontextprotocol/serverInfo"?: Implementation;
}
/**
 * A request from the server to sample an LLM via the client. The client has full discretion over which model to select. The client should also inform the user before beginning sampling, to allow them to inspect the request (human in the loop) and decide whether to approve it.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "CreateMessageRequest".
 */
export interface CreateMessageRequest {
  method: "sampling/createMessage";
  params: CreateMessageRequestParams;
}
/**
 * Parameters for a `sampling/createMessage` request.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "CreateMessageRequestParams".
 */
export interface CreateMessageRequestParams {
  /**
   * A request to include context from one or more MCP servers (including the caller), to be attached to the prompt.
   * The client MAY ignore this request.
   *
   * Default is `"none"`. The values `"thisServer"` and `"allServers"` are deprecated (SEP-2596): servers SHOULD
   * omit this field or use `"none"`, and SHOULD only use the deprecated values if the client declares
   * {@link ClientCapabilities.sampling.context}.
   */
  includeContext?: "allServers" | "none" | "thisServer";
  /**
   * The requested maximum number of tokens to sample (to prevent runaway completions).
   *
   * The client MAY choose to sample fewer tokens than the requested maximum.
   */
  maxTokens: number;
  messages: SamplingMessage[];
  metadata?: JSONObject;
  modelPreferences?: ModelPreferences;
  stopSequences?: string[];
  /**
   * An optional system prompt the server wants to use for sampling. The client MAY modify or omit this prompt.
   */
  systemPrompt?: string;
  temperature?: number;
  toolChoice?: ToolChoice;
  /**
   * Tools that the model may use during generation.
   * The client MUST return an error if this field is provided but {@link ClientCapabilities.sampling.tools} is not declared.
   */
  tools?: Tool[];
}
/**
 * Describes a message issued to or received from an LLM API.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "SamplingMessage".
 */
export interface SamplingMessage {
  _meta?: MetaObject;
  content:
    TextContent | ImageContent | AudioContent | ToolUseContent | ToolResultContent | SamplingMessageContentBlock[];
  role: Role;
}
/**
 * The server's preferences for model selection, requested of the client during sampling.
 *
 * Because LLMs can vary along multiple dimensions, choosing the "best" model is
 * rarely straightforward.  Different models excel in different areas—some are
 * faster but less capable, others are more capable but more expensive, and so
 * on. This interface allows servers to express their priorities across multiple
 * dimensions to help clients make an appropriate selection for their use case.
 *
 * These preferences are always advisory. The client MAY ignore them. It is also
 * up to the client to decide how to interpret these preferences and how to
 * balance them against other considerations.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ModelPreferences".
 */
export interface ModelPreferences {
  /**
   * How much to prioritize cost when selecting a model. A value of 0 means cost
   * is not important, while a value of 1 means cost is the most important
   * factor.
   */
  costPriority?: number;
  /**
   * Optional hints to use for model selection.
   *
   * If multiple hints are specified, the client MUST evaluate them in order
   * (such that the first match is taken).
   *
   * The client SHOULD prioritize these hints over the numeric priorities, but
   * MAY still use the priorities to select from ambiguous matches.
   */
  hints?: ModelHint[];
  /**
   * How much to prioritize intelligence and capabilities when selecting a
   * model. A value of 0 means intelligence is not important, while a value of 1
   * means intelligence is the most important factor.
   */
  intelligencePriority?: number;
  /**
   * How much to prioritize sampling speed (latency) when selecting a model. A
   * value of 0 means speed is not important, while a value of 1 means speed is
   * the most important factor.
   */
  speedPriority?: number;
}
/**
 * Hints to use for model selection.
 *
 * Keys not declared here are currently left unspecified by the spec and are up
 * to the client to interpret.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ModelHint".
 */
export interface ModelHint {
  /**
   * A hint for a model name.
   *
   * The client SHOULD treat this as a substring of a model name; for example:
   *  - `claude-3-5-sonnet` should match `claude-3-5-sonnet-20241022`
   *  - `sonnet` should match `claude-3-5-sonnet-20241022`, `claude-3-sonnet-20240229`, etc.
   *  - `claude` should match any Claude model
   *
   * The client MAY also map the string to a different provider's model name or a different model family, as long as it fills a similar niche; for example:
   *  - `gemini-1.5-flash` could match `claude-3-haiku-20240307`
   */
  name?: string;
}
/**
 * Controls tool selection behavior for sampling requests.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ToolChoice".
 */
export interface ToolChoice {
  /**
   * Controls the tool use ability of the model:
   * - `"auto"`: Model decides whether to use tools (default)
   * - `"required"`: Model MUST use at least one tool before completing
   * - `"none"`: Model MUST NOT use any tools
   */
  mode?: "auto" | "none" | "required";
}
/**
 * Definition for a tool the client can call.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "Tool".
 */
export interface Tool {
  _meta?: MetaObject;
  annotations?: ToolAnnotations;
  /**
   * A human-readable description of the tool.
   *
   * This can be used by clients to improve the LLM's understanding of available tools. It can be thought of like a "hint" to the model.
   */
  description?: string;
  /**
   * Optional set of sized icons that the client can display in a user interface.
   *
   * Clients that support rendering icons MUST support at least the following MIME types:
   * - `image/png` - PNG images (safe, universal compatibility)
   * - `image/jpeg` (and `image/jpg`) - JPEG images (safe, universal compatibility)
   *
   * Clients that support rendering icons SHOULD also support:
   * - `image/svg+xml` - SVG images (scalable but requires security precautions)
   * - `image/webp` - WebP images (modern, efficient format)
   */
  icons?: Icon[];
  /**
   * A JSON Schema object defining the expected parameters for the tool.
   *
   * Tool arguments are always JSON objects, so `type: "object"` is required at the root.
   * Beyond that, any JSON Schema 2020-12 keyword may appear alongside `type` — including
   * composition keywords (`oneOf`, `anyOf`, `allOf`, `not`), conditional keywords
   * (`if`/`then`/`else`), reference keywords (`$ref`, `$defs`, `$anchor`), and any other
   * standard validation or annotation keywords.
   *
   * Property schemas may carry an `x-mcp-header` annotation to mirror the
   * argument value into an HTTP header on the Streamable HTTP transport. See
   * the Streamable HTTP transport specification for the validity and
   * extraction rules.
   *
   * Defaults to JSON Schema 2020-12 when no explicit `$schema` is provided.
   */
  inputSchema: {
    $schema?: string;
    type: "object";
    [k: string]: unknown;
  };
  /**
   * Intended for programmatic or logical use, but used as a display name in past specs or fallback (if title isn't present).
   */
  name: string;
  /**
   * An optional JSON Schema object defining the structure of the tool's output returned in
   * the structuredContent field of a {@link CallToolResult}. This can be any valid JSON Schema 2020-12.
   *
   * Defaults to JSON Schema 2020-12 when no explicit `$schema` is provided.
   */
  outputSchema?: {
    $schema?: string;
    [k: string]: unknown;
  };
  /**
   * Intended for UI and end-user contexts — optimized to be human-readable and easily understood,
   * even by those unfamiliar with domain-specific terminology.
   *
   * If not provided, the name should be used for display (except for {@link Tool},
   * where `annotations.title` should be given precedence over using `name`,
   * if present).
   */
  title?: string;
}
/**
 * Additional properties describing a {@link Tool} to clients.
 *
 * NOTE: all properties in `ToolAnnotations` are **hints**.
 * They are not guaranteed to provide a faithful description of
 * tool behavior (including descriptive properties like `title`).
 *
 * Clients should never make tool use decisions based on `ToolAnnotations`
 * received from untrusted servers.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ToolAnnotations".
 */
export interface ToolAnnotations {
  /**
   * If true, the tool may perform destructive updates to its environment.
   * If false, the tool performs only additive updates.
   *
   * (This property is meaningful only when `readOnlyHint == false`)
   *
   * Default: true
   */
  destructiveHint?: boolean;
  /**
   * If true, calling the tool repeatedly with the same arguments
   * will have no additional effect on its environment.
   *
   * (This property is meaningful only when `readOnlyHint == false`)
   *
   * Default: false
   */
  idempotentHint?: boolean;
  /**
   * If true, this tool may interact with an "open world" of external
   * entities. If false, the tool's domain of interaction is closed.
   * For example, the world of a web search tool is open, whereas that
   * of a memory tool is not.
   *
   * Default: true
   */
  openWorldHint?: boolean;
  /**
   * If true, the tool does not modify its environment.
   *
   * Default: false
   */
  readOnlyHint?: boolean;
  /**
   * A human-readable title for the tool.
   */
  title?: string;
}
/**
 * The result returned by the server for a {@link DiscoverRequestserver/discover} request.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "DiscoverResult".
 */
export interface DiscoverResult {
  _meta?: ResultMetaObject;
  /**
   * Indicates the intended scope of the cached response, analogous to HTTP
   * `Cache-Control: public` vs `Cache-Control: private`.
   *
   * - `"public"`: The response does not contain user-specific data. Any
   *   client or intermediary (e.g., shared gateway, caching proxy) MAY cache
   *   the response and serve it across authorization contexts.
   * - `"private"`: The response MAY be cached and reused only within the
   *   same authorization context. Caches MUST NOT be shared across
   *   authorization contexts (e.g., a different access token requires a
   *   different cache).
   */
  cacheScope: "private" | "public";
  capabilities: ServerCapabilities;
  /**
   * Natural-language guidance describing the server and its features.
   *
   * This can be used by clients to improve an LLM's understanding of
   * available tools (e.g., by including it in a system prompt). It should
   * focus on information that helps the model use the server effectively
   * and should not duplicate information already in tool descriptions.
   */
  instructions?: string;
  /**
   * Indicates the type of the result, which allows the client to determine
   * how to parse the result object.
   *
   * Servers implementing this protocol version MUST include this field.
   * For backward compatibility, when a client receives a result from a
   * server implementing an earlier protocol version (which does not include
   * `resultType`), the client MUST treat the absent field as `"complete"`.
   */
  resultType: string;
  /**
   * MCP Protocol Versions this server supports. The client should choose a
   * version from this list for use in subsequent requests.
   */
  supportedVersions: string[];
  /**
   * A hint from the server indicating how long (in milliseconds) the
   * client MAY cache this response before re-fetching. Semantics are
   * analogous to HTTP Cache-Control max-age.
   *
   * - If 0, The response SHOULD be considered immediately stale,
   *   The client MAY re-fetch every time the result is needed.
   * - If positive, the client SHOULD consider the result fresh for this many
   *   milliseconds after receiving the response.
   */
  ttlMs: number;
}
/**
 * Capabilities that a server may support. Known capabilities are defined here, in this schema, but this is not a closed set: any server can define its own, additional capabilities.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ServerCapabilities".
 */
export interface ServerCapabilities {
  completions?: JSONObject;
  /**
   * Experimental, non-standard capabilities that the server supports.
   */
  experimental?: {
    [k: string]: JSONObject;
  };
  /**
   * Optional MCP extensions that the server supports. Keys are extension identifiers
   * (e.g., "io.modelcontextprotocol/tasks"), and values are per-extension settings
   * objects. An empty object indicates support with no settings.
   *
   * Keys MUST follow the {@link MetaObject`_meta` key naming rules}, with a
   * mandatory prefix.
   */
  extensions?: {
    [k: string]: JSONObject;
  };
  logging?: JSONObject;
  /**
   * Present if the server offers any prompt templates.
   */
  prompts?: {
    /**
     * Whether this server supports notifications for changes to the prompt list.
     */
    listChanged?: boolean;
  };
  /**
   * Present if the server offers any resources to read.
   */
  resources?: {
    /**
     * Whether this server supports notifications for changes to the resource list.
     */
    listChanged?: boolean;
    /**
     * Whether this server supports subscribing to resource updates.
     */
    subscribe?: boolean;
  };
  /**
   * Present if the server offers any tools to call.
   */
  tools?: {
    /**
     * Whether this server supports notifications for changes to the tool list.
     */
    listChanged?: boolean;
  };
}
/**
 * A request from the server to elicit additional information from the user via the client.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ElicitRequest".
 */
export interface ElicitRequest {
  method: "elicitation/create";
  params: ElicitRequestParams;
}
/**
 * The parameters for a request to elicit non-sensitive information from the user via a form in the client.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ElicitRequestFormParams".
 */
export interface ElicitRequestFormParams {
  /**
   * The message to present to the user describing what information is being requested.
   */
  message: string;
  /**
   * The elicitation mode.
   */
  mode?: "form";
  /**
   * A restricted subset of JSON Schema.
   * Only top-level properties are allowed, without nesting.
   */
  requestedSchema: {
    $schema?: string;
    properties: {
      [k: string]: PrimitiveSchemaDefinition;
    };
    required?: string[];
    type: "object";
  };
}
/**
 * This interface was referenced by the JSON-Schema
 * via the `definition` "StringSchema".
 */
export interface StringSchema {
  default?: string;
  description?: string;
  format?: "date" | "date-time" | "email" | "uri";
  maxLength?: number;
  minLength?: number;
  title?: string;
  type: "string";
}
/**
 * This interface was referenced by the JSON-Schema
 * via the `definition` "NumberSchema".
 */
export interface NumberSchema {
  default?: number;
  description?: string;
  maximum?: number;
  minimum?: number;
  title?: string;
  type: "integer" | "number";
}
/**
 * Schema for single-selection enumeration without display titles for options.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "UntitledSingleSelectEnumSchema".
 */
export interface UntitledSingleSelectEnumSchema {
  /**
   * Optional default value.
   */
  default?: string;
  /**
   * Optional description for the enum field.
   */
  description?: string;
  /**
   * Array of enum values to choose from.
   */
  enum: string[];
  /**
   * Optional title for the enum field.
   */
  title?: string;
  type: "string";
}
/**
 * Schema for single-selection enumeration with display titles for each option.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "TitledSingleSelectEnumSchema".
 */
export interface TitledSingleSelectEnumSchema {
  /**
   * Optional default value.
   */
  default?: string;
  /**
   * Optional description for the enum field.
   */
  description?: string;
  /**
   * Array of enum options with values and display labels.
   */
  oneOf: {
    /**
     * The enum value.
     */
    const: string;
    /**
     * Display label for this option.
     */
    title: string;
  }[];
  /**
   * Optional title for the enum field.
   */
  title?: string;
  type: "string";
}
/**
 * Schema for multiple-selection enumeration without display titles for options.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "UntitledMultiSelectEnumSchema".
 */
export interface UntitledMultiSelectEnumSchema {
  /**
   * Optional default value.
   */
  default?: string[];
  /**
   * Optional description for the enum field.
   */
  description?: string;
  /**
   * Schema for the array items.
   */
  items: {
    /**
     * Array of enum values to choose from.
     */
    enum: string[];
    type: "string";
  };
  /**
   * Maximum number of items to select.
   */
  maxItems?: number;
  /**
   * Minimum number of items to select.
   */
  minItems?: number;
  /**
   * Optional title for the enum field.
   */
  title?: string;
  type: "array";
}
/**
 * Schema for multiple-selection enumeration with display titles for each option.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "TitledMultiSelectEnumSchema".
 */
export interface TitledMultiSelectEnumSchema {
  /**
   * Optional default value.
   */
  default?: string[];
  /**
   * Optional description for the enum field.
   */
  description?: string;
  /**
   * Schema for array items with enum options and display labels.
   */
  items: {
    /**
     * Array of enum options with values and display labels.
     */
    anyOf: {
      /**
       * The constant enum value.
       */
      const: string;
      /**
       * Display title for this option.
       */
      title: string;
    }[];
  };
  /**
   * Maximum number of items to select.
   */
  maxItems?: number;
  /**
   * Minimum number of items to select.
   */
  minItems?: number;
  /**
   * Optional title for the enum field.
   */
  title?: string;
  type: "array";
}
/**
 * Use {@link TitledSingleSelectEnumSchema} instead.
 * This interface will be removed in a future version.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "LegacyTitledEnumSchema".
 */
export interface LegacyTitledEnumSchema {
  default?: string;
  description?: string;
  enum: string[];
  /**
   * (Legacy) Display names for enum values.
   * Non-standard according to JSON schema 2020-12.
   */
  enumNames?: string[];
  title?: string;
  type: "string";
}
/**
 * The parameters for a request to elicit information from the user via a URL in the client.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ElicitRequestURLParams".
 */
export interface ElicitRequestURLParams {
  /**
   * The message to present to the user explaining why the interaction is needed.
   */
  message: string;
  /**
   * The elicitation mode.
   */
  mode: "url";
  /**
   * The URL that the user should navigate to.
   */
  url: string;
}
/**
 * This interface was referenced by the JSON-Schema
 * via the `definition` "Error".
 */
export interface Error {
  /**
   * The error type that occurred.
   */
  code: number;
  /**
   * Additional information about the error. The value of this member is defined by the sender (e.g. detailed error information, nested errors etc.).
   */
  data?: {
    [k: string]: unknown;
  };
  /**
   * A short description of the error. The message SHOULD be limited to a concise single sentence.
   */
  message: string;
}
/**
 * Returned when a server rejects a request because the values in the HTTP
 * headers do not match the corresponding values in the request body, or
 * because required headers are missing or malformed. For HTTP, the response
 * status code MUST be `400 Bad Request`.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "HeaderMismatchError".
 */
export interface HeaderMismatchError {
  error: Error & {
    code: -32020;
  };
  id?: RequestId;
  jsonrpc: "2.0";
}
/**
 * Sent from the server to request a list of root URIs from the client. Roots allow
 * servers to ask for specific directories or files to operate on. A common example
 * for roots is providing a set of repositories or directories a server should operate
 * on.
 *
 * This request is typically used when the server needs to understand the file system
 * structure or access specific locations that the client has permission to read from.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ListRootsRequest".
 */
export interface ListRootsRequest {
  method: "roots/list";
  params?: {
    _meta?: MetaObject;
  };
}
/**
 * A map of server-initiated requests that the client must fulfill.
 * Keys are server-assigned identifiers; values are the request objects.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "InputRequests".
 */
export interface InputRequests {
  [k: string]: InputRequest;
}
/**
 * An InputRequiredResult sent by the server to indicate that additional input is needed
 * before the request can be completed.
 *
 * At least one of `inputRequests` or `requestState` MUST be present.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "InputRequiredResult".
 */
export interface InputRequiredResult {
  _meta?: ResultMetaObject;
  inputRequests?: InputRequests;
  requestState?: string;
  /**
   * Indicates the type of the result, which allows the client to determine
   * how to parse the result object.
   *
   * Servers implementing this protocol version MUST include this field.
   * For backward compatibility, when a client receives a result from a
   * server implementing an earlier protocol version (which does not include
   * `resultType`), the client MUST treat the absent field as `"complete"`.
   */
  resultType: string;
}
/**
 * This interface was referenced by the JSON-Schema
 * via the `definition` "InputResponseRequestParams".
 */
export interface InputResponseRequestParams {
  _meta: RequestMetaObject;
  inputResponses?: InputResponses;
  requestState?: string;
}
/**
 * A JSON-RPC error indicating that the method parameters are invalid or malformed.
 *
 * In MCP, this error is returned in various contexts when request parameters fail validation:
 *
 * - **Tools**: Unknown tool name or invalid tool arguments
 * - **Prompts**: Unknown prompt name or missing required arguments
 * - **Pagination**: Invalid or expired cursor values
 * - **Logging**: Invalid log level
 * - **Elicitation**: Server requests an elicitation mode not declared in client capabilities
 * - **Sampling**: Missing tool result or tool results mixed with other content
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "InvalidParamsError".
 */
export interface InvalidParamsError {
  /**
   * The error type that occurred.
   */
  code: -32602;
  /**
   * Additional information about the error. The value of this member is defined by the sender (e.g. detailed error information, nested errors etc.).
   */
  data?: {
    [k: string]: unknown;
  };
  /**
   * A short description of the error. The message SHOULD be limited to a concise single sentence.
   */
  message: string;
}
/**
 * A response to a request that indicates an error occurred.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "JSONRPCErrorResponse".
 */
export interface JSONRPCErrorResponse {
  error: Error;
  id?: RequestId;
  jsonrpc: "2.0";
}
/**
 * A request that expects a response.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "JSONRPCRequest".
 */
export interface JSONRPCRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: string;
  params?: {
    [k: string]: unknown;
  };
}
/**
 * A notification which does not expect a response.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "JSONRPCNotification".
 */
export interface JSONRPCNotification {
  jsonrpc: "2.0";
  method: string;
  params?: {
    [k: string]: unknown;
  };
}
/**
 * A successful (non-error) response to a request.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "JSONRPCResultResponse".
 */
export interface JSONRPCResultResponse {
  id: RequestId;
  jsonrpc: "2.0";
  result: Result;
}
/**
 * Common result fields.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "Result".
 */
export interface Result {
  _meta?: ResultMetaObject;
  /**
   * Indicates the type of the result, which allows the client to determine
   * how to parse the result object.
   *
   * Servers implementing this protocol version MUST include this field.
   * For backward compatibility, when a client receives a result from a
   * server implementing an earlier protocol version (which does not include
   * `resultType`), the client MUST treat the absent field as `"complete"`.
   */
  resultType: string;
  [k: string]: unknown;
}
/**
 * The result returned by the server for a {@link ListToolsRequesttools/list} request.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ListToolsResult".
 */
export interface ListToolsResult {
  _meta?: ResultMetaObject;
  /**
   * Indicates the intended scope of the cached response, analogous to HTTP
   * `Cache-Control: public` vs `Cache-Control: private`.
   *
   * - `"public"`: The response does not contain user-specific data. Any
   *   client or intermediary (e.g., shared gateway, caching proxy) MAY cache
   *   the response and serve it across authorization contexts.
   * - `"private"`: The response MAY be cached and reused only within the
   *   same authorization context. Caches MUST NOT be shared across
   *   authorization contexts (e.g., a different access token requires a
   *   different cache).
   */
  cacheScope: "private" | "public";
  /**
   * An opaque token representing the pagination position after the last returned result.
   * If present, there may be more results available.
   */
  nextCursor?: string;
  /**
   * Indicates the type of the result, which allows the client to determine
   * how to parse the result object.
   *
   * Servers implementing this protocol version MUST include this field.
   * For backward compatibility, when a client receives a result from a
   * server implementing an earlier protocol version (which does not include
   * `resultType`), the client MUST treat the absent field as `"complete"`.
   */
  resultType: string;
  tools: Tool[];
  /**
   * A hint from the server indicating how long (in milliseconds) the
   * client MAY cache this response before re-fetching. Semantics are
   * analogous to HTTP Cache-Control max-age.
   *
   * - If 0, The response SHOULD be considered immediately stale,
   *   The client MAY re-fetch every time the result is needed.
   * - If positive, the client SHOULD consider the result fresh for this many
   *   milliseconds after receiving the response.
   */
  ttlMs: number;
}
/**
 * A JSON-RPC error indicating that the requested method does not exist or is not available.
 *
 * In MCP, a server returns this error when a client invokes a method the server does not implement — either a genuinely unknown method, or one gated behind a server capability the server did not advertise (e.g., calling `prompts/list` when the `prompts` capability was not advertised).
 *
 * A request that requires a client capability the client did not declare is signalled instead by {@link MissingRequiredClientCapabilityError} (`-32021`).
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "MethodNotFoundError".
 */
export interface MethodNotFoundError {
  /**
   * The error type that occurred.
   */
  code: -32601;
  /**
   * Additional information about the error. The value of this member is defined by the sender (e.g. detailed error information, nested errors etc.).
   */
  data?: {
    [k: string]: unknown;
  };
  /**
   * A short description of the error. The message SHOULD be limited to a concise single sentence.
   */
  message: string;
}
/**
 * Returned when processing a request requires a capability the client did not
 * declare in `clientCapabilities`. For HTTP, the response status code MUST be
 * `400 Bad Request`.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "MissingRequiredClientCapabilityError".
 */
export interface MissingRequiredClientCapabilityError {
  error: Error & {
    code: -32021;
    data: {
      requiredCapabilities: ClientCapabilities;
    };
  };
  id?: RequestId;
  jsonrpc: "2.0";
}
/**
 * Extends {@link MetaObject} with additional notification-specific fields. All key naming rules from `MetaObject` apply.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "NotificationMetaObject".
 */
export interface NotificationMetaObject {
  "io.modelcontextprotocol/subscriptionId"?: RequestId;
}
/**
 * Operational metadata about ongoing work.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "Task".
 */
export interface Task {
  /**
   * ISO 8601 timestamp when the task was created.
   */
  createdAt: string;
  /**
   * ISO 8601 timestamp when the task was last updated.
   */
  lastUpdatedAt: string;
  /**
   * Suggested polling interval in integer milliseconds.
   */
  pollIntervalMs?: number;
  status: TaskStatus;
  /**
   * Optional message describing the current task state.
   */
  statusMessage?: string;
  /**
   * Stable identifier for this task.
   */
  taskId: string;
  /**
   * Time-to-live duration from creation in integer milliseconds, null for unlimited.
   */
  ttlMs: number | null;
}
