/* eslint-disable */
/**
 * TypeScript types for the task-related part of the MCP 2025-11-25 schema (json-schema-to-typescript).
 * Objects without an explicit `additionalProperties` are emitted closed, as in upstream schema.ts.
 * ToolsCallResult, SamplingCreateMessageResult, ElicitationCreateResult: mcp-tasks addition, not part of the upstream schema (TASKS-REQUIREMENTS A3).
 *
 * Generated from modelcontextprotocol/modelcontextprotocol schema/2025-11-25/schema.json
 *   commit b0f60ba5409db7a6582440a7b473cc0398890f15
 *   sha256 268a5f82ba70fd7e4b6dc4aa1e64f116f74b4d0edcb69dc046829c79dd4e97e7
 * (pinned in schema/pin.json).
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
 * A progress token, used to associate progress notifications with the original request.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ProgressToken".
 */
export type ProgressToken = string | number;
/**
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ContentBlock".
 */
export type ContentBlock = TextContent | ImageContent | AudioContent | ResourceLink | EmbeddedResource;
/**
 * The response to a tasks/cancel request.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "CancelTaskResult".
 */
export type CancelTaskResult = Result & Task;
/**
 * The status of a task.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "TaskStatus".
 */
export type TaskStatus = "cancelled" | "completed" | "failed" | "input_required" | "working";
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
export type ElicitRequestParams = ElicitRequestURLParams | ElicitRequestFormParams;
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
 * The response to a tasks/get request.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "GetTaskResult".
 */
export type GetTaskResult = Result & Task;
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
 * Parameters for a `notifications/tasks/status` notification.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "TaskStatusNotificationParams".
 */
export type TaskStatusNotificationParams = NotificationParams & Task;
/**
 * Result of a tools/call request: CallToolResult, or CreateTaskResult when the request was task-augmented (a top-level `task` key discriminates). mcp-tasks addition, not part of the upstream schema (TASKS-REQUIREMENTS A3).
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ToolsCallResult".
 */
export type ToolsCallResult = CallToolResult | CreateTaskResult;
/**
 * Result of a sampling/createMessage request: CreateMessageResult, or CreateTaskResult when the request was task-augmented (a top-level `task` key discriminates). mcp-tasks addition, not part of the upstream schema (TASKS-REQUIREMENTS A3).
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "SamplingCreateMessageResult".
 */
export type SamplingCreateMessageResult = CreateMessageResult | CreateTaskResult;
/**
 * Result of a elicitation/create request: ElicitResult, or CreateTaskResult when the request was task-augmented (a top-level `task` key discriminates). mcp-tasks addition, not part of the upstream schema (TASKS-REQUIREMENTS A3).
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ElicitationCreateResult".
 */
export type ElicitationCreateResult = ElicitResult | CreateTaskResult;

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
  /**
   * See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.
   */
  _meta?: {
    [k: string]: unknown;
  };
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
 * This interface was referenced by the JSON-Schema
 * via the `definition` "BlobResourceContents".
 */
export interface BlobResourceContents {
  /**
   * See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.
   */
  _meta?: {
    [k: string]: unknown;
  };
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
  /**
   * See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.
   */
  _meta?: {
    progressToken?: ProgressToken;
    [k: string]: unknown;
  };
  /**
   * Arguments to use for the tool call.
   */
  arguments?: {
    [k: string]: unknown;
  };
  /**
   * The name of the tool.
   */
  name: string;
  task?: TaskMetadata;
}
/**
 * Metadata for augmenting a request with task execution.
 * Include this in the `task` field of the request parameters.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "TaskMetadata".
 */
export interface TaskMetadata {
  /**
   * Requested duration in milliseconds to retain task from creation.
   */
  ttl?: number;
}
/**
 * The server's response to a tool call.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "CallToolResult".
 */
export interface CallToolResult {
  /**
   * See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.
   */
  _meta?: {
    [k: string]: unknown;
  };
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
   * An optional JSON object that represents the structured result of the tool call.
   */
  structuredContent?: {
    [k: string]: unknown;
  };
}
/**
 * Text provided to or from an LLM.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "TextContent".
 */
export interface TextContent {
  /**
   * See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.
   */
  _meta?: {
    [k: string]: unknown;
  };
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
  /**
   * See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.
   */
  _meta?: {
    [k: string]: unknown;
  };
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
 * A resource that the server is capable of reading, included in a prompt or tool call result.
 *
 * Note: resource links returned by tools are not guaranteed to appear in the results of `resources/list` requests.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ResourceLink".
 */
export interface ResourceLink {
  /**
   * See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.
   */
  _meta?: {
    [k: string]: unknown;
  };
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
   * If not provided, the name should be used for display (except for Tool,
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
   * Consumers SHOULD takes steps to ensure URLs serving icons are from the
   * same domain as the client/server or a trusted domain.
   *
   * Consumers SHOULD take appropriate precautions when consuming SVGs as they can contain
   * executable JavaScript.
   */
  src: string;
  /**
   * Optional specifier for the theme this icon is designed for. `light` indicates
   * the icon is designed to be used with a light background, and `dark` indicates
   * the icon is designed to be used with a dark background.
   *
   * If not provided, the client should assume the icon can be used with any theme.
   */
  theme?: "dark" | "light";
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
  /**
   * See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.
   */
  _meta?: {
    [k: string]: unknown;
  };
  annotations?: Annotations;
  resource: TextResourceContents | BlobResourceContents;
  type: "resource";
}
/**
 * This interface was referenced by the JSON-Schema
 * via the `definition` "TextResourceContents".
 */
export interface TextResourceContents {
  /**
   * See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.
   */
  _meta?: {
    [k: string]: unknown;
  };
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
 * A request to cancel a task.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "CancelTaskRequest".
 */
export interface CancelTaskRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "tasks/cancel";
  params: {
    /**
     * The task identifier to cancel.
     */
    taskId: string;
  };
}
/**
 * This interface was referenced by the JSON-Schema
 * via the `definition` "Result".
 */
export interface Result {
  /**
   * See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.
   */
  _meta?: {
    [k: string]: unknown;
  };
  [k: string]: unknown;
}
/**
 * Data associated with a task.
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
   * Suggested polling interval in milliseconds.
   */
  pollInterval?: number;
  status: TaskStatus;
  /**
   * Optional human-readable message describing the current task state.
   * This can provide context for any status, including:
   * - Reasons for "cancelled" status
   * - Summaries for "completed" status
   * - Diagnostic information for "failed" status (e.g., error details, what went wrong)
   */
  statusMessage?: string;
  /**
   * The task identifier.
   */
  taskId: string;
  /**
   * Actual retention duration from creation in milliseconds, null for unlimited.
   */
  ttl: number | null;
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
    form?: {
      [k: string]: unknown;
    };
    url?: {
      [k: string]: unknown;
    };
  };
  /**
   * Experimental, non-standard capabilities that the client supports.
   */
  experimental?: {
    [k: string]: {
      [k: string]: unknown;
    };
  };
  /**
   * Present if the client supports listing roots.
   */
  roots?: {
    /**
     * Whether the client supports notifications for changes to the roots list.
     */
    listChanged?: boolean;
  };
  /**
   * Present if the client supports sampling from an LLM.
   */
  sampling?: {
    /**
     * Whether the client supports context inclusion via includeContext parameter.
     * If not declared, servers SHOULD only use `includeContext: "none"` (or omit it).
     */
    context?: {
      [k: string]: unknown;
    };
    /**
     * Whether the client supports tool use via tools and toolChoice parameters.
     */
    tools?: {
      [k: string]: unknown;
    };
  };
  /**
   * Present if the client supports task-augmented requests.
   */
  tasks?: {
    /**
     * Whether this client supports tasks/cancel.
     */
    cancel?: {
      [k: string]: unknown;
    };
    /**
     * Whether this client supports tasks/list.
     */
    list?: {
      [k: string]: unknown;
    };
    /**
     * Specifies which request types can be augmented with tasks.
     */
    requests?: {
      /**
       * Task support for elicitation-related requests.
       */
      elicitation?: {
        /**
         * Whether the client supports task-augmented elicitation/create requests.
         */
        create?: {
          [k: string]: unknown;
        };
      };
      /**
       * Task support for sampling-related requests.
       */
      sampling?: {
        /**
         * Whether the client supports task-augmented sampling/createMessage requests.
         */
        createMessage?: {
          [k: string]: unknown;
        };
      };
    };
  };
}
/**
 * A request from the server to sample an LLM via the client. The client has full discretion over which model to select. The client should also inform the user before beginning sampling, to allow them to inspect the request (human in the loop) and decide whether to approve it.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "CreateMessageRequest".
 */
export interface CreateMessageRequest {
  id: RequestId;
  jsonrpc: "2.0";
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
   * See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.
   */
  _meta?: {
    progressToken?: ProgressToken;
    [k: string]: unknown;
  };
  /**
   * A request to include context from one or more MCP servers (including the caller), to be attached to the prompt.
   * The client MAY ignore this request.
   *
   * Default is "none". Values "thisServer" and "allServers" are soft-deprecated. Servers SHOULD only use these values if the client
   * declares ClientCapabilities.sampling.context. These values may be removed in future spec releases.
   */
  includeContext?: "allServers" | "none" | "thisServer";
  /**
   * The requested maximum number of tokens to sample (to prevent runaway completions).
   *
   * The client MAY choose to sample fewer tokens than the requested maximum.
   */
  maxTokens: number;
  messages: SamplingMessage[];
  /**
   * Optional metadata to pass through to the LLM provider. The format of this metadata is provider-specific.
   */
  metadata?: {
    [k: string]: unknown;
  };
  modelPreferences?: ModelPreferences;
  stopSequences?: string[];
  /**
   * An optional system prompt the server wants to use for sampling. The client MAY modify or omit this prompt.
   */
  systemPrompt?: string;
  task?: TaskMetadata;
  temperature?: number;
  toolChoice?: ToolChoice;
  /**
   * Tools that the model may use during generation.
   * The client MUST return an error if this field is provided but ClientCapabilities.sampling.tools is not declared.
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
  /**
   * See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.
   */
  _meta?: {
    [k: string]: unknown;
  };
  content:
    TextContent | ImageContent | AudioContent | ToolUseContent | ToolResultContent | SamplingMessageContentBlock[];
  role: Role;
}
/**
 * A request from the assistant to call a tool.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ToolUseContent".
 */
export interface ToolUseContent {
  /**
   * Optional metadata about the tool use. Clients SHOULD preserve this field when
   * including tool uses in subsequent sampling requests to enable caching optimizations.
   *
   * See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.
   */
  _meta?: {
    [k: string]: unknown;
  };
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
  /**
   * Optional metadata about the tool result. Clients SHOULD preserve this field when
   * including tool results in subsequent sampling requests to enable caching optimizations.
   *
   * See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.
   */
  _meta?: {
    [k: string]: unknown;
  };
  /**
   * The unstructured result content of the tool use.
   *
   * This has the same format as CallToolResult.content and can include text, images,
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
   * An optional structured result object.
   *
   * If the tool defined an outputSchema, this SHOULD conform to that schema.
   */
  structuredContent?: {
    [k: string]: unknown;
  };
  /**
   * The ID of the tool use this result corresponds to.
   *
   * This MUST match the ID from a previous ToolUseContent.
   */
  toolUseId: string;
  type: "tool_result";
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
   * - "auto": Model decides whether to use tools (default)
   * - "required": Model MUST use at least one tool before completing
   * - "none": Model MUST NOT use any tools
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
  /**
   * See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.
   */
  _meta?: {
    [k: string]: unknown;
  };
  annotations?: ToolAnnotations;
  /**
   * A human-readable description of the tool.
   *
   * This can be used by clients to improve the LLM's understanding of available tools. It can be thought of like a "hint" to the model.
   */
  description?: string;
  execution?: ToolExecution;
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
   */
  inputSchema: {
    $schema?: string;
    properties?: {
      [k: string]: {
        [k: string]: unknown;
      };
    };
    required?: string[];
    type: "object";
  };
  /**
   * Intended for programmatic or logical use, but used as a display name in past specs or fallback (if title isn't present).
   */
  name: string;
  /**
   * An optional JSON Schema object defining the structure of the tool's output returned in
   * the structuredContent field of a CallToolResult.
   *
   * Defaults to JSON Schema 2020-12 when no explicit $schema is provided.
   * Currently restricted to type: "object" at the root level.
   */
  outputSchema?: {
    $schema?: string;
    properties?: {
      [k: string]: {
        [k: string]: unknown;
      };
    };
    required?: string[];
    type: "object";
  };
  /**
   * Intended for UI and end-user contexts — optimized to be human-readable and easily understood,
   * even by those unfamiliar with domain-specific terminology.
   *
   * If not provided, the name should be used for display (except for Tool,
   * where `annotations.title` should be given precedence over using `name`,
   * if present).
   */
  title?: string;
}
/**
 * Additional properties describing a Tool to clients.
 *
 * NOTE: all properties in ToolAnnotations are **hints**.
 * They are not guaranteed to provide a faithful description of
 * tool behavior (including descriptive properties like `title`).
 *
 * Clients should never make tool use decisions based on ToolAnnotations
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
 * Execution-related properties for a tool.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ToolExecution".
 */
export interface ToolExecution {
  /**
   * Indicates whether this tool supports task-augmented execution.
   * This allows clients to handle long-running operations through polling
   * the task system.
   *
   * - "forbidden": Tool does not support task-augmented execution (default when absent)
   * - "optional": Tool may support task-augmented execution
   * - "required": Tool requires task-augmented execution
   *
   * Default: "forbidden"
   */
  taskSupport?: "forbidden" | "optional" | "required";
}
/**
 * The client's response to a sampling/createMessage request from the server.
 * The client should inform the user before returning the sampled message, to allow them
 * to inspect the response (human in the loop) and decide whether to allow the server to see it.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "CreateMessageResult".
 */
export interface CreateMessageResult {
  /**
   * See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.
   */
  _meta?: {
    [k: string]: unknown;
  };
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
   * - "endTurn": Natural end of the assistant's turn
   * - "stopSequence": A stop sequence was encountered
   * - "maxTokens": Maximum token limit was reached
   * - "toolUse": The model wants to use one or more tools
   *
   * This field is an open string to allow for provider-specific stop reasons.
   */
  stopReason?: string;
}
/**
 * A response to a task-augmented request.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "CreateTaskResult".
 */
export interface CreateTaskResult {
  /**
   * See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.
   */
  _meta?: {
    [k: string]: unknown;
  };
  task: Task;
}
/**
 * A request from the server to elicit additional information from the user via the client.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ElicitRequest".
 */
export interface ElicitRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "elicitation/create";
  params: ElicitRequestParams;
}
/**
 * The parameters for a request to elicit information from the user via a URL in the client.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ElicitRequestURLParams".
 */
export interface ElicitRequestURLParams {
  /**
   * See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.
   */
  _meta?: {
    progressToken?: ProgressToken;
    [k: string]: unknown;
  };
  /**
   * The ID of the elicitation, which must be unique within the context of the server.
   * The client MUST treat this ID as an opaque value.
   */
  elicitationId: string;
  /**
   * The message to present to the user explaining why the interaction is needed.
   */
  message: string;
  /**
   * The elicitation mode.
   */
  mode: "url";
  task?: TaskMetadata;
  /**
   * The URL that the user should navigate to.
   */
  url: string;
}
/**
 * The parameters for a request to elicit non-sensitive information from the user via a form in the client.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ElicitRequestFormParams".
 */
export interface ElicitRequestFormParams {
  /**
   * See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.
   */
  _meta?: {
    progressToken?: ProgressToken;
    [k: string]: unknown;
  };
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
  task?: TaskMetadata;
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
 * Use TitledSingleSelectEnumSchema instead.
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
 * The client's response to an elicitation request.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ElicitResult".
 */
export interface ElicitResult {
  /**
   * See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.
   */
  _meta?: {
    [k: string]: unknown;
  };
  /**
   * The user action in response to the elicitation.
   * - "accept": User submitted the form/confirmed the action
   * - "decline": User explicitly decline the action
   * - "cancel": User dismissed without making an explicit choice
   */
  action: "accept" | "cancel" | "decline";
  /**
   * The submitted form data, only present when action is "accept" and mode was "form".
   * Contains values matching the requested schema.
   * Omitted for out-of-band mode responses.
   */
  content?: {
    [k: string]: string[] | string | number | boolean;
  };
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
 * A request to retrieve the result of a completed task.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "GetTaskPayloadRequest".
 */
export interface GetTaskPayloadRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "tasks/result";
  params: {
    /**
     * The task identifier to retrieve results for.
     */
    taskId: string;
  };
}
/**
 * The response to a tasks/result request.
 * The structure matches the result type of the original request.
 * For example, a tools/call task would return the CallToolResult structure.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "GetTaskPayloadResult".
 */
export interface GetTaskPayloadResult {
  /**
   * See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.
   */
  _meta?: {
    [k: string]: unknown;
  };
  [k: string]: unknown;
}
/**
 * A request to retrieve the state of a task.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "GetTaskRequest".
 */
export interface GetTaskRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "tasks/get";
  params: {
    /**
     * The task identifier to query.
     */
    taskId: string;
  };
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
   * If not provided, the name should be used for display (except for Tool,
   * where `annotations.title` should be given precedence over using `name`,
   * if present).
   */
  title?: string;
  version: string;
  /**
   * An optional URL of the website for this implementation.
   */
  websiteUrl?: string;
}
/**
 * After receiving an initialize request from the client, the server sends this response.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "InitializeResult".
 */
export interface InitializeResult {
  /**
   * See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.
   */
  _meta?: {
    [k: string]: unknown;
  };
  capabilities: ServerCapabilities;
  /**
   * Instructions describing how to use the server and its features.
   *
   * This can be used by clients to improve the LLM's understanding of available tools, resources, etc. It can be thought of like a "hint" to the model. For example, this information MAY be added to the system prompt.
   */
  instructions?: string;
  /**
   * The version of the Model Context Protocol that the server wants to use. This may not match the version that the client requested. If the client cannot support this version, it MUST disconnect.
   */
  protocolVersion: string;
  serverInfo: Implementation;
}
/**
 * Capabilities that a server may support. Known capabilities are defined here, in this schema, but this is not a closed set: any server can define its own, additional capabilities.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ServerCapabilities".
 */
export interface ServerCapabilities {
  /**
   * Present if the server supports argument autocompletion suggestions.
   */
  completions?: {
    [k: string]: unknown;
  };
  /**
   * Experimental, non-standard capabilities that the server supports.
   */
  experimental?: {
    [k: string]: {
      [k: string]: unknown;
    };
  };
  /**
   * Present if the server supports sending log messages to the client.
   */
  logging?: {
    [k: string]: unknown;
  };
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
   * Present if the server supports task-augmented requests.
   */
  tasks?: {
    /**
     * Whether this server supports tasks/cancel.
     */
    cancel?: {
      [k: string]: unknown;
    };
    /**
     * Whether this server supports tasks/list.
     */
    list?: {
      [k: string]: unknown;
    };
    /**
     * Specifies which request types can be augmented with tasks.
     */
    requests?: {
      /**
       * Task support for tool-related requests.
       */
      tools?: {
        /**
         * Whether the server supports task-augmented tools/call requests.
         */
        call?: {
          [k: string]: unknown;
        };
      };
    };
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
 * A request to retrieve a list of tasks.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ListTasksRequest".
 */
export interface ListTasksRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "tasks/list";
  params?: PaginatedRequestParams;
}
/**
 * Common parameters for paginated requests.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "PaginatedRequestParams".
 */
export interface PaginatedRequestParams {
  /**
   * See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.
   */
  _meta?: {
    progressToken?: ProgressToken;
    [k: string]: unknown;
  };
  /**
   * An opaque token representing the current pagination position.
   * If provided, the server should return results starting after this cursor.
   */
  cursor?: string;
}
/**
 * The response to a tasks/list request.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ListTasksResult".
 */
export interface ListTasksResult {
  /**
   * See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.
   */
  _meta?: {
    [k: string]: unknown;
  };
  /**
   * An opaque token representing the pagination position after the last returned result.
   * If present, there may be more results available.
   */
  nextCursor?: string;
  tasks: Task[];
}
/**
 * The server's response to a tools/list request from the client.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "ListToolsResult".
 */
export interface ListToolsResult {
  /**
   * See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.
   */
  _meta?: {
    [k: string]: unknown;
  };
  /**
   * An opaque token representing the pagination position after the last returned result.
   * If present, there may be more results available.
   */
  nextCursor?: string;
  tools: Tool[];
}
/**
 * This interface was referenced by the JSON-Schema
 * via the `definition` "NotificationParams".
 */
export interface NotificationParams {
  /**
   * See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.
   */
  _meta?: {
    [k: string]: unknown;
  };
}
/**
 * Metadata for associating messages with a task.
 * Include this in the `_meta` field under the key `io.modelcontextprotocol/related-task`.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "RelatedTaskMetadata".
 */
export interface RelatedTaskMetadata {
  /**
   * The task identifier this message is associated with.
   */
  taskId: string;
}
/**
 * Common params for any task-augmented request.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "TaskAugmentedRequestParams".
 */
export interface TaskAugmentedRequestParams {
  /**
   * See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.
   */
  _meta?: {
    progressToken?: ProgressToken;
    [k: string]: unknown;
  };
  task?: TaskMetadata;
}
/**
 * An optional notification from the receiver to the requestor, informing them that a task's status has changed. Receivers are not required to send these notifications.
 *
 * This interface was referenced by the JSON-Schema
 * via the `definition` "TaskStatusNotification".
 */
export interface TaskStatusNotification {
  jsonrpc: "2.0";
  method: "notifications/tasks/status";
  params: TaskStatusNotificationParams;
}
