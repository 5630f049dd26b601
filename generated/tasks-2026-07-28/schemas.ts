/* eslint-disable */
/**
 * JSON Schema (draft 2020-12) for the MCP Tasks extension (io.modelcontextprotocol/tasks), protocol 2026-07-28.
 *
 * Core defs generated from modelcontextprotocol/ext-tasks schema/draft/spec.schema.json
 *   commit e4345978be1f602f1fc48d89051e8559dd5302a6
 *   sha256 35ae1f925ce9fd92fba45f29b08ef934cb4c54e3734eb31f177503f7e6036d77
 * (committed as schema/2026-07-28/spec.schema.json, pinned in schema/2026-07-28/pin.json).
 * Extension defs: schema/2026-07-28/extension.schema.json (Transcribed by mcp-tasks from tasks.md; the extension publishes no JSON Schema for its own types.)
 *
 * DO NOT EDIT. Regenerate with: npm run generate
 */

/** Where the core part of `tasks2026Schema` comes from. */
export const SCHEMA_ORIGIN_2026 = {
  "repository": "modelcontextprotocol/ext-tasks",
  "path": "schema/draft/spec.schema.json",
  "commit": "e4345978be1f602f1fc48d89051e8559dd5302a6",
  "sha256": "35ae1f925ce9fd92fba45f29b08ef934cb4c54e3734eb31f177503f7e6036d77",
  "url": "https://raw.githubusercontent.com/modelcontextprotocol/ext-tasks/e4345978be1f602f1fc48d89051e8559dd5302a6/schema/draft/spec.schema.json"
} as const;

/** `$id` of `tasks2026Schema`; refer to a def as `${TASKS_2026_SCHEMA_ID}#/$defs/<Name>`. */
export const TASKS_2026_SCHEMA_ID = "https://mcp-tasks.invalid/schema/2026-07-28/tasks.schema.json";

/** Core defs kept (the roots and everything they reference), sorted. */
export const CORE_DEF_NAMES_2026 = [
  "Annotations",
  "AudioContent",
  "BlobResourceContents",
  "BooleanSchema",
  "CallToolRequest",
  "CallToolRequestParams",
  "CallToolResult",
  "ClientCapabilities",
  "ContentBlock",
  "CreateMessageRequest",
  "CreateMessageRequestParams",
  "CreateMessageResult",
  "DiscoverResult",
  "ElicitRequest",
  "ElicitRequestFormParams",
  "ElicitRequestParams",
  "ElicitRequestURLParams",
  "ElicitResult",
  "EmbeddedResource",
  "Error",
  "HeaderMismatchError",
  "Icon",
  "ImageContent",
  "Implementation",
  "InputRequest",
  "InputRequests",
  "InputRequiredResult",
  "InputResponse",
  "InputResponseRequestParams",
  "InputResponses",
  "InvalidParamsError",
  "JSONObject",
  "JSONRPCErrorResponse",
  "JSONRPCMessage",
  "JSONRPCNotification",
  "JSONRPCRequest",
  "JSONRPCResponse",
  "JSONRPCResultResponse",
  "JSONValue",
  "LegacyTitledEnumSchema",
  "ListRootsRequest",
  "ListRootsResult",
  "ListToolsResult",
  "LoggingLevel",
  "MetaObject",
  "MethodNotFoundError",
  "MissingRequiredClientCapabilityError",
  "ModelHint",
  "ModelPreferences",
  "NotificationMetaObject",
  "NumberSchema",
  "PrimitiveSchemaDefinition",
  "ProgressToken",
  "RequestId",
  "RequestMetaObject",
  "ResourceLink",
  "Result",
  "ResultMetaObject",
  "ResultType",
  "Role",
  "Root",
  "SamplingMessage",
  "SamplingMessageContentBlock",
  "ServerCapabilities",
  "StringSchema",
  "TextContent",
  "TextResourceContents",
  "TitledMultiSelectEnumSchema",
  "TitledSingleSelectEnumSchema",
  "Tool",
  "ToolAnnotations",
  "ToolChoice",
  "ToolResultContent",
  "ToolUseContent",
  "UntitledMultiSelectEnumSchema",
  "UntitledSingleSelectEnumSchema"
] as const;

/** The core roots the selection starts from: the core defs `mcp-tasks/validate` names. */
export const CORE_ROOT_DEF_NAMES_2026 = [
  "Result",
  "ResultType",
  "Error",
  "JSONObject",
  "RequestMetaObject",
  "NotificationMetaObject",
  "InputRequest",
  "InputRequests",
  "InputResponse",
  "InputResponses",
  "InputRequiredResult",
  "InputResponseRequestParams",
  "CallToolRequest",
  "CallToolRequestParams",
  "CallToolResult",
  "Tool",
  "ListToolsResult",
  "ElicitRequest",
  "ElicitResult",
  "CreateMessageRequest",
  "CreateMessageResult",
  "ClientCapabilities",
  "ServerCapabilities",
  "DiscoverResult",
  "MissingRequiredClientCapabilityError",
  "HeaderMismatchError",
  "MethodNotFoundError",
  "InvalidParamsError",
  "JSONRPCRequest",
  "JSONRPCNotification",
  "JSONRPCResultResponse",
  "JSONRPCErrorResponse",
  "JSONRPCResponse",
  "JSONRPCMessage"
] as const;

/** The extension's own defs (Transcribed by mcp-tasks from tasks.md; the extension publishes no JSON Schema for its own types.) */
export const EXTENSION_DEF_NAMES_2026 = [
  "CancelTaskRequest",
  "CancelTaskResult",
  "CancelledTask",
  "CompletedTask",
  "CreateTaskResult",
  "DetailedTask",
  "FailedTask",
  "GetTaskRequest",
  "GetTaskResult",
  "InputRequiredTask",
  "Task",
  "TaskStatus",
  "TaskStatusNotification",
  "TaskStatusNotificationParams",
  "TasksCallToolResult",
  "UpdateTaskRequest",
  "UpdateTaskResult",
  "WorkingTask"
] as const;

/** The selected sub-schema: core defs copied verbatim (keys sorted), then the extension defs. */
export const tasks2026Schema = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://mcp-tasks.invalid/schema/2026-07-28/tasks.schema.json",
  "$comment": "Subset of modelcontextprotocol/ext-tasks schema/draft/spec.schema.json @ e4345978be1f602f1fc48d89051e8559dd5302a6 (sha256 35ae1f925ce9fd92fba45f29b08ef934cb4c54e3734eb31f177503f7e6036d77), plus the extension's defs.",
  "$defs": {
    "Annotations": {
      "description": "Optional annotations for the client. The client can use annotations to inform how objects are used or displayed",
      "properties": {
        "audience": {
          "description": "Describes who the intended audience of this object or data is.\n\nIt can include multiple entries to indicate content useful for multiple audiences (e.g., `[\"user\", \"assistant\"]`).",
          "items": {
            "$ref": "#/$defs/Role"
          },
          "type": "array"
        },
        "lastModified": {
          "description": "The moment the resource was last modified, as an ISO 8601 formatted string.\n\nShould be an ISO 8601 formatted string (e.g., \"2025-01-12T15:00:58Z\").\n\nExamples: last activity timestamp in an open file, timestamp when the resource\nwas attached, etc.",
          "type": "string"
        },
        "priority": {
          "description": "Describes how important this data is for operating the server.\n\nA value of 1 means \"most important,\" and indicates that the data is\neffectively required, while 0 means \"least important,\" and indicates that\nthe data is entirely optional.",
          "maximum": 1,
          "minimum": 0,
          "type": "number"
        }
      },
      "type": "object"
    },
    "AudioContent": {
      "description": "Audio provided to or from an LLM.",
      "properties": {
        "_meta": {
          "$ref": "#/$defs/MetaObject"
        },
        "annotations": {
          "$ref": "#/$defs/Annotations",
          "description": "Optional annotations for the client."
        },
        "data": {
          "description": "The base64-encoded audio data.",
          "format": "byte",
          "type": "string"
        },
        "mimeType": {
          "description": "The MIME type of the audio. Different providers may support different audio types.",
          "type": "string"
        },
        "type": {
          "const": "audio",
          "type": "string"
        }
      },
      "required": [
        "data",
        "mimeType",
        "type"
      ],
      "type": "object"
    },
    "BlobResourceContents": {
      "properties": {
        "_meta": {
          "$ref": "#/$defs/MetaObject"
        },
        "blob": {
          "description": "A base64-encoded string representing the binary data of the item.",
          "format": "byte",
          "type": "string"
        },
        "mimeType": {
          "description": "The MIME type of this resource, if known.",
          "type": "string"
        },
        "uri": {
          "description": "The URI of this resource.",
          "format": "uri",
          "type": "string"
        }
      },
      "required": [
        "blob",
        "uri"
      ],
      "type": "object"
    },
    "BooleanSchema": {
      "properties": {
        "default": {
          "type": "boolean"
        },
        "description": {
          "type": "string"
        },
        "title": {
          "type": "string"
        },
        "type": {
          "const": "boolean",
          "type": "string"
        }
      },
      "required": [
        "type"
      ],
      "type": "object"
    },
    "CallToolRequest": {
      "description": "Used by the client to invoke a tool provided by the server.",
      "properties": {
        "id": {
          "$ref": "#/$defs/RequestId"
        },
        "jsonrpc": {
          "const": "2.0",
          "type": "string"
        },
        "method": {
          "const": "tools/call",
          "type": "string"
        },
        "params": {
          "$ref": "#/$defs/CallToolRequestParams"
        }
      },
      "required": [
        "id",
        "jsonrpc",
        "method",
        "params"
      ],
      "type": "object"
    },
    "CallToolRequestParams": {
      "description": "Parameters for a `tools/call` request.",
      "properties": {
        "_meta": {
          "$ref": "#/$defs/RequestMetaObject"
        },
        "arguments": {
          "additionalProperties": {},
          "description": "Arguments to use for the tool call.",
          "type": "object"
        },
        "inputResponses": {
          "$ref": "#/$defs/InputResponses"
        },
        "name": {
          "description": "The name of the tool.",
          "type": "string"
        },
        "requestState": {
          "type": "string"
        }
      },
      "required": [
        "_meta",
        "name"
      ],
      "type": "object"
    },
    "CallToolResult": {
      "description": "The result returned by the server for a {@link CallToolRequesttools/call} request.",
      "properties": {
        "_meta": {
          "$ref": "#/$defs/ResultMetaObject"
        },
        "content": {
          "description": "A list of content objects that represent the unstructured result of the tool call.",
          "items": {
            "$ref": "#/$defs/ContentBlock"
          },
          "type": "array"
        },
        "isError": {
          "description": "Whether the tool call ended in an error.\n\nIf not set, this is assumed to be false (the call was successful).\n\nAny errors that originate from the tool SHOULD be reported inside the result\nobject, with `isError` set to true, _not_ as an MCP protocol-level error\nresponse. Otherwise, the LLM would not be able to see that an error occurred\nand self-correct.\n\nHowever, any errors in _finding_ the tool, an error indicating that the\nserver does not support tool calls, or any other exceptional conditions,\nshould be reported as an MCP error response.",
          "type": "boolean"
        },
        "resultType": {
          "description": "Indicates the type of the result, which allows the client to determine\nhow to parse the result object.\n\nServers implementing this protocol version MUST include this field.\nFor backward compatibility, when a client receives a result from a\nserver implementing an earlier protocol version (which does not include\n`resultType`), the client MUST treat the absent field as `\"complete\"`.",
          "type": "string"
        },
        "structuredContent": {
          "description": "An optional JSON value that represents the structured result of the tool call.\n\nThis can be any JSON value (object, array, string, number, boolean, or null)\nthat conforms to the tool's outputSchema if one is defined."
        }
      },
      "required": [
        "content",
        "resultType"
      ],
      "type": "object"
    },
    "ClientCapabilities": {
      "description": "Capabilities a client may support. Known capabilities are defined here, in this schema, but this is not a closed set: any client can define its own, additional capabilities.",
      "properties": {
        "elicitation": {
          "description": "Present if the client supports elicitation from the server.",
          "properties": {
            "form": {
              "$ref": "#/$defs/JSONObject"
            },
            "url": {
              "$ref": "#/$defs/JSONObject"
            }
          },
          "type": "object"
        },
        "experimental": {
          "additionalProperties": {
            "$ref": "#/$defs/JSONObject"
          },
          "description": "Experimental, non-standard capabilities that the client supports.",
          "type": "object"
        },
        "extensions": {
          "additionalProperties": {
            "$ref": "#/$defs/JSONObject"
          },
          "description": "Optional MCP extensions that the client supports. Keys are extension identifiers\n(e.g., \"io.modelcontextprotocol/oauth-client-credentials\"), and values are\nper-extension settings objects. An empty object indicates support with no settings.\n\nKeys MUST follow the {@link MetaObject`_meta` key naming rules}, with a\nmandatory prefix.",
          "type": "object"
        },
        "roots": {
          "description": "Present if the client supports listing roots.",
          "properties": {},
          "type": "object"
        },
        "sampling": {
          "description": "Present if the client supports sampling from an LLM.",
          "properties": {
            "context": {
              "$ref": "#/$defs/JSONObject",
              "description": "Whether the client supports context inclusion via `includeContext` parameter.\nIf not declared, servers SHOULD only use `includeContext: \"none\"` (or omit it)."
            },
            "tools": {
              "$ref": "#/$defs/JSONObject",
              "description": "Whether the client supports tool use via `tools` and `toolChoice` parameters."
            }
          },
          "type": "object"
        }
      },
      "type": "object"
    },
    "ContentBlock": {
      "anyOf": [
        {
          "$ref": "#/$defs/TextContent"
        },
        {
          "$ref": "#/$defs/ImageContent"
        },
        {
          "$ref": "#/$defs/AudioContent"
        },
        {
          "$ref": "#/$defs/ResourceLink"
        },
        {
          "$ref": "#/$defs/EmbeddedResource"
        }
      ]
    },
    "CreateMessageRequest": {
      "description": "A request from the server to sample an LLM via the client. The client has full discretion over which model to select. The client should also inform the user before beginning sampling, to allow them to inspect the request (human in the loop) and decide whether to approve it.",
      "properties": {
        "method": {
          "const": "sampling/createMessage",
          "type": "string"
        },
        "params": {
          "$ref": "#/$defs/CreateMessageRequestParams"
        }
      },
      "required": [
        "method",
        "params"
      ],
      "type": "object"
    },
    "CreateMessageRequestParams": {
      "description": "Parameters for a `sampling/createMessage` request.",
      "properties": {
        "includeContext": {
          "description": "A request to include context from one or more MCP servers (including the caller), to be attached to the prompt.\nThe client MAY ignore this request.\n\nDefault is `\"none\"`. The values `\"thisServer\"` and `\"allServers\"` are deprecated (SEP-2596): servers SHOULD\nomit this field or use `\"none\"`, and SHOULD only use the deprecated values if the client declares\n{@link ClientCapabilities.sampling.context}.",
          "enum": [
            "allServers",
            "none",
            "thisServer"
          ],
          "type": "string"
        },
        "maxTokens": {
          "description": "The requested maximum number of tokens to sample (to prevent runaway completions).\n\nThe client MAY choose to sample fewer tokens than the requested maximum.",
          "type": "integer"
        },
        "messages": {
          "items": {
            "$ref": "#/$defs/SamplingMessage"
          },
          "type": "array"
        },
        "metadata": {
          "$ref": "#/$defs/JSONObject",
          "description": "Optional metadata to pass through to the LLM provider. The format of this metadata is provider-specific."
        },
        "modelPreferences": {
          "$ref": "#/$defs/ModelPreferences",
          "description": "The server's preferences for which model to select. The client MAY ignore these preferences."
        },
        "stopSequences": {
          "items": {
            "type": "string"
          },
          "type": "array"
        },
        "systemPrompt": {
          "description": "An optional system prompt the server wants to use for sampling. The client MAY modify or omit this prompt.",
          "type": "string"
        },
        "temperature": {
          "type": "number"
        },
        "toolChoice": {
          "$ref": "#/$defs/ToolChoice",
          "description": "Controls how the model uses tools.\nThe client MUST return an error if this field is provided but {@link ClientCapabilities.sampling.tools} is not declared.\nDefault is `{ mode: \"auto\" }`."
        },
        "tools": {
          "description": "Tools that the model may use during generation.\nThe client MUST return an error if this field is provided but {@link ClientCapabilities.sampling.tools} is not declared.",
          "items": {
            "$ref": "#/$defs/Tool"
          },
          "type": "array"
        }
      },
      "required": [
        "maxTokens",
        "messages"
      ],
      "type": "object"
    },
    "CreateMessageResult": {
      "description": "The result returned by the client for a {@link CreateMessageRequestsampling/createMessage} request.\nThe client should inform the user before returning the sampled message, to allow them\nto inspect the response (human in the loop) and decide whether to allow the server to see it.",
      "properties": {
        "_meta": {
          "$ref": "#/$defs/MetaObject"
        },
        "content": {
          "anyOf": [
            {
              "$ref": "#/$defs/TextContent"
            },
            {
              "$ref": "#/$defs/ImageContent"
            },
            {
              "$ref": "#/$defs/AudioContent"
            },
            {
              "$ref": "#/$defs/ToolUseContent"
            },
            {
              "$ref": "#/$defs/ToolResultContent"
            },
            {
              "items": {
                "$ref": "#/$defs/SamplingMessageContentBlock"
              },
              "type": "array"
            }
          ]
        },
        "model": {
          "description": "The name of the model that generated the message.",
          "type": "string"
        },
        "role": {
          "$ref": "#/$defs/Role"
        },
        "stopReason": {
          "description": "The reason why sampling stopped, if known.\n\nStandard values:\n- `\"endTurn\"`: Natural end of the assistant's turn\n- `\"stopSequence\"`: A stop sequence was encountered\n- `\"maxTokens\"`: Maximum token limit was reached\n- `\"toolUse\"`: The model wants to use one or more tools\n\nThis field is an open string to allow for provider-specific stop reasons.",
          "type": "string"
        }
      },
      "required": [
        "content",
        "model",
        "role"
      ],
      "type": "object"
    },
    "DiscoverResult": {
      "description": "The result returned by the server for a {@link DiscoverRequestserver/discover} request.",
      "properties": {
        "_meta": {
          "$ref": "#/$defs/ResultMetaObject"
        },
        "cacheScope": {
          "description": "Indicates the intended scope of the cached response, analogous to HTTP\n`Cache-Control: public` vs `Cache-Control: private`.\n\n- `\"public\"`: The response does not contain user-specific data. Any\n  client or intermediary (e.g., shared gateway, caching proxy) MAY cache\n  the response and serve it across authorization contexts.\n- `\"private\"`: The response MAY be cached and reused only within the\n  same authorization context. Caches MUST NOT be shared across\n  authorization contexts (e.g., a different access token requires a\n  different cache).",
          "enum": [
            "private",
            "public"
          ],
          "type": "string"
        },
        "capabilities": {
          "$ref": "#/$defs/ServerCapabilities",
          "description": "The capabilities of the server."
        },
        "instructions": {
          "description": "Natural-language guidance describing the server and its features.\n\nThis can be used by clients to improve an LLM's understanding of\navailable tools (e.g., by including it in a system prompt). It should\nfocus on information that helps the model use the server effectively\nand should not duplicate information already in tool descriptions.",
          "type": "string"
        },
        "resultType": {
          "description": "Indicates the type of the result, which allows the client to determine\nhow to parse the result object.\n\nServers implementing this protocol version MUST include this field.\nFor backward compatibility, when a client receives a result from a\nserver implementing an earlier protocol version (which does not include\n`resultType`), the client MUST treat the absent field as `\"complete\"`.",
          "type": "string"
        },
        "supportedVersions": {
          "description": "MCP Protocol Versions this server supports. The client should choose a\nversion from this list for use in subsequent requests.",
          "items": {
            "type": "string"
          },
          "type": "array"
        },
        "ttlMs": {
          "description": "A hint from the server indicating how long (in milliseconds) the\nclient MAY cache this response before re-fetching. Semantics are\nanalogous to HTTP Cache-Control max-age.\n\n- If 0, The response SHOULD be considered immediately stale,\n  The client MAY re-fetch every time the result is needed.\n- If positive, the client SHOULD consider the result fresh for this many\n  milliseconds after receiving the response.",
          "minimum": 0,
          "type": "integer"
        }
      },
      "required": [
        "cacheScope",
        "capabilities",
        "resultType",
        "supportedVersions",
        "ttlMs"
      ],
      "type": "object"
    },
    "ElicitRequest": {
      "description": "A request from the server to elicit additional information from the user via the client.",
      "properties": {
        "method": {
          "const": "elicitation/create",
          "type": "string"
        },
        "params": {
          "$ref": "#/$defs/ElicitRequestParams"
        }
      },
      "required": [
        "method",
        "params"
      ],
      "type": "object"
    },
    "ElicitRequestFormParams": {
      "description": "The parameters for a request to elicit non-sensitive information from the user via a form in the client.",
      "properties": {
        "message": {
          "description": "The message to present to the user describing what information is being requested.",
          "type": "string"
        },
        "mode": {
          "const": "form",
          "description": "The elicitation mode.",
          "type": "string"
        },
        "requestedSchema": {
          "description": "A restricted subset of JSON Schema.\nOnly top-level properties are allowed, without nesting.",
          "properties": {
            "$schema": {
              "type": "string"
            },
            "properties": {
              "additionalProperties": {
                "$ref": "#/$defs/PrimitiveSchemaDefinition"
              },
              "type": "object"
            },
            "required": {
              "items": {
                "type": "string"
              },
              "type": "array"
            },
            "type": {
              "const": "object",
              "type": "string"
            }
          },
          "required": [
            "properties",
            "type"
          ],
          "type": "object"
        }
      },
      "required": [
        "message",
        "requestedSchema"
      ],
      "type": "object"
    },
    "ElicitRequestParams": {
      "anyOf": [
        {
          "$ref": "#/$defs/ElicitRequestFormParams"
        },
        {
          "$ref": "#/$defs/ElicitRequestURLParams"
        }
      ],
      "description": "The parameters for a request to elicit additional information from the user via the client."
    },
    "ElicitRequestURLParams": {
      "description": "The parameters for a request to elicit information from the user via a URL in the client.",
      "properties": {
        "message": {
          "description": "The message to present to the user explaining why the interaction is needed.",
          "type": "string"
        },
        "mode": {
          "const": "url",
          "description": "The elicitation mode.",
          "type": "string"
        },
        "url": {
          "description": "The URL that the user should navigate to.",
          "format": "uri",
          "type": "string"
        }
      },
      "required": [
        "message",
        "mode",
        "url"
      ],
      "type": "object"
    },
    "ElicitResult": {
      "description": "The result returned by the client for an {@link ElicitRequestelicitation/create} request.",
      "properties": {
        "action": {
          "description": "The user action in response to the elicitation.\n- `\"accept\"`: User submitted the form/confirmed the action\n- `\"decline\"`: User explicitly declined the action\n- `\"cancel\"`: User dismissed without making an explicit choice",
          "enum": [
            "accept",
            "cancel",
            "decline"
          ],
          "type": "string"
        },
        "content": {
          "additionalProperties": {
            "anyOf": [
              {
                "items": {
                  "type": "string"
                },
                "type": "array"
              },
              {
                "type": [
                  "string",
                  "integer",
                  "boolean"
                ]
              }
            ]
          },
          "description": "The submitted form data, only present when action is `\"accept\"` and mode was `\"form\"`.\nContains values matching the requested schema.\nOmitted for out-of-band mode responses.",
          "type": "object"
        }
      },
      "required": [
        "action"
      ],
      "type": "object"
    },
    "EmbeddedResource": {
      "description": "The contents of a resource, embedded into a prompt or tool call result.\n\nIt is up to the client how best to render embedded resources for the benefit\nof the LLM and/or the user.",
      "properties": {
        "_meta": {
          "$ref": "#/$defs/MetaObject"
        },
        "annotations": {
          "$ref": "#/$defs/Annotations",
          "description": "Optional annotations for the client."
        },
        "resource": {
          "anyOf": [
            {
              "$ref": "#/$defs/TextResourceContents"
            },
            {
              "$ref": "#/$defs/BlobResourceContents"
            }
          ]
        },
        "type": {
          "const": "resource",
          "type": "string"
        }
      },
      "required": [
        "resource",
        "type"
      ],
      "type": "object"
    },
    "Error": {
      "properties": {
        "code": {
          "description": "The error type that occurred.",
          "type": "integer"
        },
        "data": {
          "description": "Additional information about the error. The value of this member is defined by the sender (e.g. detailed error information, nested errors etc.)."
        },
        "message": {
          "description": "A short description of the error. The message SHOULD be limited to a concise single sentence.",
          "type": "string"
        }
      },
      "required": [
        "code",
        "message"
      ],
      "type": "object"
    },
    "HeaderMismatchError": {
      "description": "Returned when a server rejects a request because the values in the HTTP\nheaders do not match the corresponding values in the request body, or\nbecause required headers are missing or malformed. For HTTP, the response\nstatus code MUST be `400 Bad Request`.",
      "properties": {
        "error": {
          "allOf": [
            {
              "$ref": "#/$defs/Error"
            },
            {
              "properties": {
                "code": {
                  "const": -32020,
                  "type": "integer"
                }
              },
              "required": [
                "code"
              ],
              "type": "object"
            }
          ]
        },
        "id": {
          "$ref": "#/$defs/RequestId"
        },
        "jsonrpc": {
          "const": "2.0",
          "type": "string"
        }
      },
      "required": [
        "error",
        "jsonrpc"
      ],
      "type": "object"
    },
    "Icon": {
      "description": "An optionally-sized icon that can be displayed in a user interface.",
      "properties": {
        "mimeType": {
          "description": "Optional MIME type override if the source MIME type is missing or generic.\nFor example: `\"image/png\"`, `\"image/jpeg\"`, or `\"image/svg+xml\"`.",
          "type": "string"
        },
        "sizes": {
          "description": "Optional array of strings that specify sizes at which the icon can be used.\nEach string should be in WxH format (e.g., `\"48x48\"`, `\"96x96\"`) or `\"any\"` for scalable formats like SVG.\n\nIf not provided, the client should assume that the icon can be used at any size.",
          "items": {
            "type": "string"
          },
          "type": "array"
        },
        "src": {
          "description": "A standard URI pointing to an icon resource. May be an HTTP/HTTPS URL or a\n`data:` URI with Base64-encoded image data.\n\nConsumers SHOULD take steps to ensure URLs serving icons are from the\nsame domain as the client/server or a trusted domain.\n\nConsumers SHOULD take appropriate precautions when consuming SVGs as they can contain\nexecutable JavaScript.",
          "format": "uri",
          "type": "string"
        },
        "theme": {
          "description": "Optional specifier for the theme this icon is designed for. `\"light\"` indicates\nthe icon is designed to be used with a light background, and `\"dark\"` indicates\nthe icon is designed to be used with a dark background.\n\nIf not provided, the client should assume the icon can be used with any theme.",
          "enum": [
            "dark",
            "light"
          ],
          "type": "string"
        }
      },
      "required": [
        "src"
      ],
      "type": "object"
    },
    "ImageContent": {
      "description": "An image provided to or from an LLM.",
      "properties": {
        "_meta": {
          "$ref": "#/$defs/MetaObject"
        },
        "annotations": {
          "$ref": "#/$defs/Annotations",
          "description": "Optional annotations for the client."
        },
        "data": {
          "description": "The base64-encoded image data.",
          "format": "byte",
          "type": "string"
        },
        "mimeType": {
          "description": "The MIME type of the image. Different providers may support different image types.",
          "type": "string"
        },
        "type": {
          "const": "image",
          "type": "string"
        }
      },
      "required": [
        "data",
        "mimeType",
        "type"
      ],
      "type": "object"
    },
    "Implementation": {
      "description": "Describes the MCP implementation.",
      "properties": {
        "description": {
          "description": "An optional human-readable description of what this implementation does.\n\nThis can be used by clients or servers to provide context about their purpose\nand capabilities. For example, a server might describe the types of resources\nor tools it provides, while a client might describe its intended use case.",
          "type": "string"
        },
        "icons": {
          "description": "Optional set of sized icons that the client can display in a user interface.\n\nClients that support rendering icons MUST support at least the following MIME types:\n- `image/png` - PNG images (safe, universal compatibility)\n- `image/jpeg` (and `image/jpg`) - JPEG images (safe, universal compatibility)\n\nClients that support rendering icons SHOULD also support:\n- `image/svg+xml` - SVG images (scalable but requires security precautions)\n- `image/webp` - WebP images (modern, efficient format)",
          "items": {
            "$ref": "#/$defs/Icon"
          },
          "type": "array"
        },
        "name": {
          "description": "Intended for programmatic or logical use, but used as a display name in past specs or fallback (if title isn't present).",
          "type": "string"
        },
        "title": {
          "description": "Intended for UI and end-user contexts — optimized to be human-readable and easily understood,\neven by those unfamiliar with domain-specific terminology.\n\nIf not provided, the name should be used for display (except for {@link Tool},\nwhere `annotations.title` should be given precedence over using `name`,\nif present).",
          "type": "string"
        },
        "version": {
          "description": "The version of this implementation.",
          "type": "string"
        },
        "websiteUrl": {
          "description": "An optional URL of the website for this implementation.",
          "format": "uri",
          "type": "string"
        }
      },
      "required": [
        "name",
        "version"
      ],
      "type": "object"
    },
    "InputRequest": {
      "anyOf": [
        {
          "$ref": "#/$defs/CreateMessageRequest"
        },
        {
          "$ref": "#/$defs/ListRootsRequest"
        },
        {
          "$ref": "#/$defs/ElicitRequest"
        }
      ]
    },
    "InputRequests": {
      "additionalProperties": {
        "$ref": "#/$defs/InputRequest"
      },
      "description": "A map of server-initiated requests that the client must fulfill.\nKeys are server-assigned identifiers; values are the request objects.",
      "type": "object"
    },
    "InputRequiredResult": {
      "description": "An InputRequiredResult sent by the server to indicate that additional input is needed\nbefore the request can be completed.\n\nAt least one of `inputRequests` or `requestState` MUST be present.",
      "properties": {
        "_meta": {
          "$ref": "#/$defs/ResultMetaObject"
        },
        "inputRequests": {
          "$ref": "#/$defs/InputRequests"
        },
        "requestState": {
          "type": "string"
        },
        "resultType": {
          "description": "Indicates the type of the result, which allows the client to determine\nhow to parse the result object.\n\nServers implementing this protocol version MUST include this field.\nFor backward compatibility, when a client receives a result from a\nserver implementing an earlier protocol version (which does not include\n`resultType`), the client MUST treat the absent field as `\"complete\"`.",
          "type": "string"
        }
      },
      "required": [
        "resultType"
      ],
      "type": "object"
    },
    "InputResponse": {
      "anyOf": [
        {
          "$ref": "#/$defs/CreateMessageResult"
        },
        {
          "$ref": "#/$defs/ListRootsResult"
        },
        {
          "$ref": "#/$defs/ElicitResult"
        }
      ]
    },
    "InputResponseRequestParams": {
      "properties": {
        "_meta": {
          "$ref": "#/$defs/RequestMetaObject"
        },
        "inputResponses": {
          "$ref": "#/$defs/InputResponses"
        },
        "requestState": {
          "type": "string"
        }
      },
      "required": [
        "_meta"
      ],
      "type": "object"
    },
    "InputResponses": {
      "additionalProperties": {
        "$ref": "#/$defs/InputResponse"
      },
      "description": "A map of client responses to server-initiated requests.\nKeys correspond to the keys in the {@link InputRequests} map;\nvalues are the client's result for each request.",
      "type": "object"
    },
    "InvalidParamsError": {
      "description": "A JSON-RPC error indicating that the method parameters are invalid or malformed.\n\nIn MCP, this error is returned in various contexts when request parameters fail validation:\n\n- **Tools**: Unknown tool name or invalid tool arguments\n- **Prompts**: Unknown prompt name or missing required arguments\n- **Pagination**: Invalid or expired cursor values\n- **Logging**: Invalid log level\n- **Elicitation**: Server requests an elicitation mode not declared in client capabilities\n- **Sampling**: Missing tool result or tool results mixed with other content",
      "properties": {
        "code": {
          "const": -32602,
          "description": "The error type that occurred.",
          "type": "integer"
        },
        "data": {
          "description": "Additional information about the error. The value of this member is defined by the sender (e.g. detailed error information, nested errors etc.)."
        },
        "message": {
          "description": "A short description of the error. The message SHOULD be limited to a concise single sentence.",
          "type": "string"
        }
      },
      "required": [
        "code",
        "message"
      ],
      "type": "object"
    },
    "JSONObject": {
      "additionalProperties": {
        "$ref": "#/$defs/JSONValue"
      },
      "type": "object"
    },
    "JSONRPCErrorResponse": {
      "description": "A response to a request that indicates an error occurred.",
      "properties": {
        "error": {
          "$ref": "#/$defs/Error"
        },
        "id": {
          "$ref": "#/$defs/RequestId"
        },
        "jsonrpc": {
          "const": "2.0",
          "type": "string"
        }
      },
      "required": [
        "error",
        "jsonrpc"
      ],
      "type": "object"
    },
    "JSONRPCMessage": {
      "anyOf": [
        {
          "$ref": "#/$defs/JSONRPCRequest"
        },
        {
          "$ref": "#/$defs/JSONRPCNotification"
        },
        {
          "$ref": "#/$defs/JSONRPCResultResponse"
        },
        {
          "$ref": "#/$defs/JSONRPCErrorResponse"
        }
      ],
      "description": "Refers to any valid JSON-RPC object that can be decoded off the wire, or encoded to be sent."
    },
    "JSONRPCNotification": {
      "description": "A notification which does not expect a response.",
      "properties": {
        "jsonrpc": {
          "const": "2.0",
          "type": "string"
        },
        "method": {
          "type": "string"
        },
        "params": {
          "additionalProperties": {},
          "type": "object"
        }
      },
      "required": [
        "jsonrpc",
        "method"
      ],
      "type": "object"
    },
    "JSONRPCRequest": {
      "description": "A request that expects a response.",
      "properties": {
        "id": {
          "$ref": "#/$defs/RequestId"
        },
        "jsonrpc": {
          "const": "2.0",
          "type": "string"
        },
        "method": {
          "type": "string"
        },
        "params": {
          "additionalProperties": {},
          "type": "object"
        }
      },
      "required": [
        "id",
        "jsonrpc",
        "method"
      ],
      "type": "object"
    },
    "JSONRPCResponse": {
      "anyOf": [
        {
          "$ref": "#/$defs/JSONRPCResultResponse"
        },
        {
          "$ref": "#/$defs/JSONRPCErrorResponse"
        }
      ],
      "description": "A response to a request, containing either the result or error."
    },
    "JSONRPCResultResponse": {
      "description": "A successful (non-error) response to a request.",
      "properties": {
        "id": {
          "$ref": "#/$defs/RequestId"
        },
        "jsonrpc": {
          "const": "2.0",
          "type": "string"
        },
        "result": {
          "$ref": "#/$defs/Result"
        }
      },
      "required": [
        "id",
        "jsonrpc",
        "result"
      ],
      "type": "object"
    },
    "JSONValue": {
      "anyOf": [
        {
          "$ref": "#/$defs/JSONObject"
        },
        {
          "items": {
            "$ref": "#/$defs/JSONValue"
          },
          "type": "array"
        },
        {
          "type": [
            "string",
            "integer",
            "boolean"
          ]
        }
      ]
    },
    "LegacyTitledEnumSchema": {
      "description": "Use {@link TitledSingleSelectEnumSchema} instead.\nThis interface will be removed in a future version.",
      "properties": {
        "default": {
          "type": "string"
        },
        "description": {
          "type": "string"
        },
        "enum": {
          "items": {
            "type": "string"
          },
          "type": "array"
        },
        "enumNames": {
          "description": "(Legacy) Display names for enum values.\nNon-standard according to JSON schema 2020-12.",
          "items": {
            "type": "string"
          },
          "type": "array"
        },
        "title": {
          "type": "string"
        },
        "type": {
          "const": "string",
          "type": "string"
        }
      },
      "required": [
        "enum",
        "type"
      ],
      "type": "object"
    },
    "ListRootsRequest": {
      "description": "Sent from the server to request a list of root URIs from the client. Roots allow\nservers to ask for specific directories or files to operate on. A common example\nfor roots is providing a set of repositories or directories a server should operate\non.\n\nThis request is typically used when the server needs to understand the file system\nstructure or access specific locations that the client has permission to read from.",
      "properties": {
        "method": {
          "const": "roots/list",
          "type": "string"
        },
        "params": {
          "properties": {
            "_meta": {
              "$ref": "#/$defs/MetaObject"
            }
          },
          "type": "object"
        }
      },
      "required": [
        "method"
      ],
      "type": "object"
    },
    "ListRootsResult": {
      "description": "The result returned by the client for a {@link ListRootsRequestroots/list} request.\nThis result contains an array of {@link Root} objects, each representing a root directory\nor file that the server can operate on.",
      "properties": {
        "roots": {
          "items": {
            "$ref": "#/$defs/Root"
          },
          "type": "array"
        }
      },
      "required": [
        "roots"
      ],
      "type": "object"
    },
    "ListToolsResult": {
      "description": "The result returned by the server for a {@link ListToolsRequesttools/list} request.",
      "properties": {
        "_meta": {
          "$ref": "#/$defs/ResultMetaObject"
        },
        "cacheScope": {
          "description": "Indicates the intended scope of the cached response, analogous to HTTP\n`Cache-Control: public` vs `Cache-Control: private`.\n\n- `\"public\"`: The response does not contain user-specific data. Any\n  client or intermediary (e.g., shared gateway, caching proxy) MAY cache\n  the response and serve it across authorization contexts.\n- `\"private\"`: The response MAY be cached and reused only within the\n  same authorization context. Caches MUST NOT be shared across\n  authorization contexts (e.g., a different access token requires a\n  different cache).",
          "enum": [
            "private",
            "public"
          ],
          "type": "string"
        },
        "nextCursor": {
          "description": "An opaque token representing the pagination position after the last returned result.\nIf present, there may be more results available.",
          "type": "string"
        },
        "resultType": {
          "description": "Indicates the type of the result, which allows the client to determine\nhow to parse the result object.\n\nServers implementing this protocol version MUST include this field.\nFor backward compatibility, when a client receives a result from a\nserver implementing an earlier protocol version (which does not include\n`resultType`), the client MUST treat the absent field as `\"complete\"`.",
          "type": "string"
        },
        "tools": {
          "items": {
            "$ref": "#/$defs/Tool"
          },
          "type": "array"
        },
        "ttlMs": {
          "description": "A hint from the server indicating how long (in milliseconds) the\nclient MAY cache this response before re-fetching. Semantics are\nanalogous to HTTP Cache-Control max-age.\n\n- If 0, The response SHOULD be considered immediately stale,\n  The client MAY re-fetch every time the result is needed.\n- If positive, the client SHOULD consider the result fresh for this many\n  milliseconds after receiving the response.",
          "minimum": 0,
          "type": "integer"
        }
      },
      "required": [
        "cacheScope",
        "resultType",
        "tools",
        "ttlMs"
      ],
      "type": "object"
    },
    "LoggingLevel": {
      "description": "The severity of a log message.\n\nThese map to syslog message severities, as specified in RFC-5424:\nhttps://datatracker.ietf.org/doc/html/rfc5424#section-6.2.1",
      "enum": [
        "alert",
        "critical",
        "debug",
        "emergency",
        "error",
        "info",
        "notice",
        "warning"
      ],
      "type": "string"
    },
    "MetaObject": {
      "description": "Represents the contents of a `_meta` field, which clients and servers use to attach additional metadata to their interactions.\n\nCertain key names are reserved by MCP for protocol-level metadata; implementations MUST NOT make assumptions about values at these keys. Additionally, specific schema definitions may reserve particular names for purpose-specific metadata, as declared in those definitions.\n\nValid keys have two segments:\n\n**Prefix:**\n- Optional — if specified, MUST be a series of _labels_ separated by dots (`.`), followed by a slash (`/`).\n- Labels MUST start with a letter and end with a letter or digit. Interior characters may be letters, digits, or hyphens (`-`).\n- Implementations SHOULD use reverse DNS notation (e.g., `com.example/` rather than `example.com/`).\n- Any prefix where the second label is `modelcontextprotocol` or `mcp` is **reserved** for MCP use. For example: `io.modelcontextprotocol/`, `dev.mcp/`, `org.modelcontextprotocol.api/`, and `com.mcp.tools/` are all reserved. However, `com.example.mcp/` is NOT reserved, as the second label is `example`.\n\n**Name:**\n- Unless empty, MUST start and end with an alphanumeric character (`[a-z0-9A-Z]`).\n- Interior characters may be alphanumeric, hyphens (`-`), underscores (`_`), or dots (`.`).",
      "type": "object"
    },
    "MethodNotFoundError": {
      "description": "A JSON-RPC error indicating that the requested method does not exist or is not available.\n\nIn MCP, a server returns this error when a client invokes a method the server does not implement — either a genuinely unknown method, or one gated behind a server capability the server did not advertise (e.g., calling `prompts/list` when the `prompts` capability was not advertised).\n\nA request that requires a client capability the client did not declare is signalled instead by {@link MissingRequiredClientCapabilityError} (`-32021`).",
      "properties": {
        "code": {
          "const": -32601,
          "description": "The error type that occurred.",
          "type": "integer"
        },
        "data": {
          "description": "Additional information about the error. The value of this member is defined by the sender (e.g. detailed error information, nested errors etc.)."
        },
        "message": {
          "description": "A short description of the error. The message SHOULD be limited to a concise single sentence.",
          "type": "string"
        }
      },
      "required": [
        "code",
        "message"
      ],
      "type": "object"
    },
    "MissingRequiredClientCapabilityError": {
      "description": "Returned when processing a request requires a capability the client did not\ndeclare in `clientCapabilities`. For HTTP, the response status code MUST be\n`400 Bad Request`.",
      "properties": {
        "error": {
          "allOf": [
            {
              "$ref": "#/$defs/Error"
            },
            {
              "properties": {
                "code": {
                  "const": -32021,
                  "type": "integer"
                },
                "data": {
                  "properties": {
                    "requiredCapabilities": {
                      "$ref": "#/$defs/ClientCapabilities",
                      "description": "The capabilities the server requires from the client to process this request."
                    }
                  },
                  "required": [
                    "requiredCapabilities"
                  ],
                  "type": "object"
                }
              },
              "required": [
                "code",
                "data"
              ],
              "type": "object"
            }
          ]
        },
        "id": {
          "$ref": "#/$defs/RequestId"
        },
        "jsonrpc": {
          "const": "2.0",
          "type": "string"
        }
      },
      "required": [
        "error",
        "jsonrpc"
      ],
      "type": "object"
    },
    "ModelHint": {
      "description": "Hints to use for model selection.\n\nKeys not declared here are currently left unspecified by the spec and are up\nto the client to interpret.",
      "properties": {
        "name": {
          "description": "A hint for a model name.\n\nThe client SHOULD treat this as a substring of a model name; for example:\n - `claude-3-5-sonnet` should match `claude-3-5-sonnet-20241022`\n - `sonnet` should match `claude-3-5-sonnet-20241022`, `claude-3-sonnet-20240229`, etc.\n - `claude` should match any Claude model\n\nThe client MAY also map the string to a different provider's model name or a different model family, as long as it fills a similar niche; for example:\n - `gemini-1.5-flash` could match `claude-3-haiku-20240307`",
          "type": "string"
        }
      },
      "type": "object"
    },
    "ModelPreferences": {
      "description": "The server's preferences for model selection, requested of the client during sampling.\n\nBecause LLMs can vary along multiple dimensions, choosing the \"best\" model is\nrarely straightforward.  Different models excel in different areas—some are\nfaster but less capable, others are more capable but more expensive, and so\non. This interface allows servers to express their priorities across multiple\ndimensions to help clients make an appropriate selection for their use case.\n\nThese preferences are always advisory. The client MAY ignore them. It is also\nup to the client to decide how to interpret these preferences and how to\nbalance them against other considerations.",
      "properties": {
        "costPriority": {
          "description": "How much to prioritize cost when selecting a model. A value of 0 means cost\nis not important, while a value of 1 means cost is the most important\nfactor.",
          "maximum": 1,
          "minimum": 0,
          "type": "number"
        },
        "hints": {
          "description": "Optional hints to use for model selection.\n\nIf multiple hints are specified, the client MUST evaluate them in order\n(such that the first match is taken).\n\nThe client SHOULD prioritize these hints over the numeric priorities, but\nMAY still use the priorities to select from ambiguous matches.",
          "items": {
            "$ref": "#/$defs/ModelHint"
          },
          "type": "array"
        },
        "intelligencePriority": {
          "description": "How much to prioritize intelligence and capabilities when selecting a\nmodel. A value of 0 means intelligence is not important, while a value of 1\nmeans intelligence is the most important factor.",
          "maximum": 1,
          "minimum": 0,
          "type": "number"
        },
        "speedPriority": {
          "description": "How much to prioritize sampling speed (latency) when selecting a model. A\nvalue of 0 means speed is not important, while a value of 1 means speed is\nthe most important factor.",
          "maximum": 1,
          "minimum": 0,
          "type": "number"
        }
      },
      "type": "object"
    },
    "NotificationMetaObject": {
      "description": "Extends {@link MetaObject} with additional notification-specific fields. All key naming rules from `MetaObject` apply.",
      "properties": {
        "io.modelcontextprotocol/subscriptionId": {
          "$ref": "#/$defs/RequestId",
          "description": "Identifies the subscription stream a notification was delivered on. The\nserver MUST include this key on every notification delivered via a\n{@link SubscriptionsListenRequestsubscriptions/listen} stream, so the\nclient can correlate the notification with the originating subscription.\nThe key is absent on notifications not delivered via a subscription\nstream (e.g. progress notifications for an in-flight request), which is\nwhy it is optional here.\n\nThe value is the JSON-RPC ID of the `subscriptions/listen` request that\nopened the stream."
        }
      },
      "type": "object"
    },
    "NumberSchema": {
      "properties": {
        "default": {
          "type": "number"
        },
        "description": {
          "type": "string"
        },
        "maximum": {
          "type": "number"
        },
        "minimum": {
          "type": "number"
        },
        "title": {
          "type": "string"
        },
        "type": {
          "enum": [
            "integer",
            "number"
          ],
          "type": "string"
        }
      },
      "required": [
        "type"
      ],
      "type": "object"
    },
    "PrimitiveSchemaDefinition": {
      "anyOf": [
        {
          "$ref": "#/$defs/StringSchema"
        },
        {
          "$ref": "#/$defs/NumberSchema"
        },
        {
          "$ref": "#/$defs/BooleanSchema"
        },
        {
          "$ref": "#/$defs/UntitledSingleSelectEnumSchema"
        },
        {
          "$ref": "#/$defs/TitledSingleSelectEnumSchema"
        },
        {
          "$ref": "#/$defs/UntitledMultiSelectEnumSchema"
        },
        {
          "$ref": "#/$defs/TitledMultiSelectEnumSchema"
        },
        {
          "$ref": "#/$defs/LegacyTitledEnumSchema"
        }
      ],
      "description": "Restricted schema definitions that only allow primitive types\nwithout nested objects or arrays."
    },
    "ProgressToken": {
      "description": "A progress token, used to associate progress notifications with the original request.",
      "type": [
        "string",
        "integer"
      ]
    },
    "RequestId": {
      "description": "A uniquely identifying ID for a request in JSON-RPC.",
      "type": [
        "string",
        "integer"
      ]
    },
    "RequestMetaObject": {
      "description": "Extends {@link MetaObject} with additional request-specific fields. All key naming rules from `MetaObject` apply.",
      "properties": {
        "io.modelcontextprotocol/clientCapabilities": {
          "$ref": "#/$defs/ClientCapabilities",
          "description": "The client's capabilities for this specific request. Required.\n\nCapabilities are declared per-request rather than once at initialization;\nan empty object means the client supports no optional capabilities.\nServers MUST NOT infer capabilities from prior requests."
        },
        "io.modelcontextprotocol/clientInfo": {
          "$ref": "#/$defs/Implementation",
          "description": "Identifies the client software making the request. Clients SHOULD\ninclude this field on every request unless specifically configured not\nto do so.\n\nThe {@link Implementation} schema requires `name` and `version`; other\nfields are optional.\n\nThe value is self-reported by the client and is not verified by the\nprotocol. It is intended for display, logging, and debugging. Servers\nSHOULD NOT use it to change their behavior, and SHOULD NOT rely on it for\nsecurity decisions."
        },
        "io.modelcontextprotocol/logLevel": {
          "$ref": "#/$defs/LoggingLevel",
          "description": "The desired log level for this request. Optional.\n\nIf absent, the server MUST NOT send any {@link LoggingMessageNotificationnotifications/message}\nnotifications for this request. The client opts in to log messages by\nexplicitly setting a level. Replaces the former `logging/setLevel` RPC."
        },
        "io.modelcontextprotocol/protocolVersion": {
          "description": "The MCP Protocol Version being used for this request. Required.\n\nFor the HTTP transport, this value MUST match the `MCP-Protocol-Version`\nheader; otherwise the server MUST return a `400 Bad Request`. If the\nserver does not support the requested version, it MUST return an\n{@link UnsupportedProtocolVersionError}.",
          "type": "string"
        },
        "progressToken": {
          "$ref": "#/$defs/ProgressToken",
          "description": "If specified, the caller is requesting out-of-band progress notifications for this request (as represented by {@link ProgressNotificationnotifications/progress}). The value of this parameter is an opaque token that will be attached to any subsequent notifications. The receiver is not obligated to provide these notifications."
        }
      },
      "required": [
        "io.modelcontextprotocol/clientCapabilities",
        "io.modelcontextprotocol/protocolVersion"
      ],
      "type": "object"
    },
    "ResourceLink": {
      "description": "A resource that the server is capable of reading, included in a prompt or tool call result.\n\nNote: resource links returned by tools are not guaranteed to appear in the results of {@link ListResourcesRequestresources/list} requests.",
      "properties": {
        "_meta": {
          "$ref": "#/$defs/MetaObject"
        },
        "annotations": {
          "$ref": "#/$defs/Annotations",
          "description": "Optional annotations for the client."
        },
        "description": {
          "description": "A description of what this resource represents.\n\nThis can be used by clients to improve the LLM's understanding of available resources. It can be thought of like a \"hint\" to the model.",
          "type": "string"
        },
        "icons": {
          "description": "Optional set of sized icons that the client can display in a user interface.\n\nClients that support rendering icons MUST support at least the following MIME types:\n- `image/png` - PNG images (safe, universal compatibility)\n- `image/jpeg` (and `image/jpg`) - JPEG images (safe, universal compatibility)\n\nClients that support rendering icons SHOULD also support:\n- `image/svg+xml` - SVG images (scalable but requires security precautions)\n- `image/webp` - WebP images (modern, efficient format)",
          "items": {
            "$ref": "#/$defs/Icon"
          },
          "type": "array"
        },
        "mimeType": {
          "description": "The MIME type of this resource, if known.",
          "type": "string"
        },
        "name": {
          "description": "Intended for programmatic or logical use, but used as a display name in past specs or fallback (if title isn't present).",
          "type": "string"
        },
        "size": {
          "description": "The size of the raw resource content, in bytes (i.e., before base64 encoding or any tokenization), if known.\n\nThis can be used by Hosts to display file sizes and estimate context window usage.",
          "type": "integer"
        },
        "title": {
          "description": "Intended for UI and end-user contexts — optimized to be human-readable and easily understood,\neven by those unfamiliar with domain-specific terminology.\n\nIf not provided, the name should be used for display (except for {@link Tool},\nwhere `annotations.title` should be given precedence over using `name`,\nif present).",
          "type": "string"
        },
        "type": {
          "const": "resource_link",
          "type": "string"
        },
        "uri": {
          "description": "The URI of this resource.",
          "format": "uri",
          "type": "string"
        }
      },
      "required": [
        "name",
        "type",
        "uri"
      ],
      "type": "object"
    },
    "Result": {
      "additionalProperties": {},
      "description": "Common result fields.",
      "properties": {
        "_meta": {
          "$ref": "#/$defs/ResultMetaObject"
        },
        "resultType": {
          "description": "Indicates the type of the result, which allows the client to determine\nhow to parse the result object.\n\nServers implementing this protocol version MUST include this field.\nFor backward compatibility, when a client receives a result from a\nserver implementing an earlier protocol version (which does not include\n`resultType`), the client MUST treat the absent field as `\"complete\"`.",
          "type": "string"
        }
      },
      "required": [
        "resultType"
      ],
      "type": "object"
    },
    "ResultMetaObject": {
      "description": "Extends {@link MetaObject} with additional result-specific fields. All key naming rules from `MetaObject` apply.",
      "properties": {
        "io.modelcontextprotocol/serverInfo": {
          "$ref": "#/$defs/Implementation",
          "description": "Identifies the server software producing the response. Servers SHOULD\ninclude this field on every response unless specifically configured not\nto do so.\n\nThe {@link Implementation} schema requires `name` and `version`; other\nfields are optional.\n\nThe value is self-reported by the server and is not verified by the\nprotocol. It is intended for display, logging, and debugging. Clients\nSHOULD NOT use it to change their behavior, and SHOULD NOT rely on it for\nsecurity decisions."
        }
      },
      "type": "object"
    },
    "ResultType": {
      "description": "Indicates the type of a {@link Result} object, allowing the client to\ndetermine how to parse the response.\n\ncomplete - the request completed successfully and the result contains the final content.\ninput_required - the request requires additional input and the result contains an {@link InputRequiredResult} object with instructions for the client to provide additional input before retrying the original request.",
      "type": "string"
    },
    "Role": {
      "description": "The sender or recipient of messages and data in a conversation.",
      "enum": [
        "assistant",
        "user"
      ],
      "type": "string"
    },
    "Root": {
      "description": "Represents a root directory or file that the server can operate on.",
      "properties": {
        "_meta": {
          "$ref": "#/$defs/MetaObject"
        },
        "name": {
          "description": "An optional name for the root. This can be used to provide a human-readable\nidentifier for the root, which may be useful for display purposes or for\nreferencing the root in other parts of the application.",
          "type": "string"
        },
        "uri": {
          "description": "The URI identifying the root. This *must* start with `file://` for now.\nThis restriction may be relaxed in future versions of the protocol to allow\nother URI schemes.",
          "format": "uri",
          "type": "string"
        }
      },
      "required": [
        "uri"
      ],
      "type": "object"
    },
    "SamplingMessage": {
      "description": "Describes a message issued to or received from an LLM API.",
      "properties": {
        "_meta": {
          "$ref": "#/$defs/MetaObject"
        },
        "content": {
          "anyOf": [
            {
              "$ref": "#/$defs/TextContent"
            },
            {
              "$ref": "#/$defs/ImageContent"
            },
            {
              "$ref": "#/$defs/AudioContent"
            },
            {
              "$ref": "#/$defs/ToolUseContent"
            },
            {
              "$ref": "#/$defs/ToolResultContent"
            },
            {
              "items": {
                "$ref": "#/$defs/SamplingMessageContentBlock"
              },
              "type": "array"
            }
          ]
        },
        "role": {
          "$ref": "#/$defs/Role"
        }
      },
      "required": [
        "content",
        "role"
      ],
      "type": "object"
    },
    "SamplingMessageContentBlock": {
      "anyOf": [
        {
          "$ref": "#/$defs/TextContent"
        },
        {
          "$ref": "#/$defs/ImageContent"
        },
        {
          "$ref": "#/$defs/AudioContent"
        },
        {
          "$ref": "#/$defs/ToolUseContent"
        },
        {
          "$ref": "#/$defs/ToolResultContent"
        }
      ]
    },
    "ServerCapabilities": {
      "description": "Capabilities that a server may support. Known capabilities are defined here, in this schema, but this is not a closed set: any server can define its own, additional capabilities.",
      "properties": {
        "completions": {
          "$ref": "#/$defs/JSONObject",
          "description": "Present if the server supports argument autocompletion suggestions."
        },
        "experimental": {
          "additionalProperties": {
            "$ref": "#/$defs/JSONObject"
          },
          "description": "Experimental, non-standard capabilities that the server supports.",
          "type": "object"
        },
        "extensions": {
          "additionalProperties": {
            "$ref": "#/$defs/JSONObject"
          },
          "description": "Optional MCP extensions that the server supports. Keys are extension identifiers\n(e.g., \"io.modelcontextprotocol/tasks\"), and values are per-extension settings\nobjects. An empty object indicates support with no settings.\n\nKeys MUST follow the {@link MetaObject`_meta` key naming rules}, with a\nmandatory prefix.",
          "type": "object"
        },
        "logging": {
          "$ref": "#/$defs/JSONObject",
          "description": "Present if the server supports sending log messages to the client."
        },
        "prompts": {
          "description": "Present if the server offers any prompt templates.",
          "properties": {
            "listChanged": {
              "description": "Whether this server supports notifications for changes to the prompt list.",
              "type": "boolean"
            }
          },
          "type": "object"
        },
        "resources": {
          "description": "Present if the server offers any resources to read.",
          "properties": {
            "listChanged": {
              "description": "Whether this server supports notifications for changes to the resource list.",
              "type": "boolean"
            },
            "subscribe": {
              "description": "Whether this server supports subscribing to resource updates.",
              "type": "boolean"
            }
          },
          "type": "object"
        },
        "tools": {
          "description": "Present if the server offers any tools to call.",
          "properties": {
            "listChanged": {
              "description": "Whether this server supports notifications for changes to the tool list.",
              "type": "boolean"
            }
          },
          "type": "object"
        }
      },
      "type": "object"
    },
    "StringSchema": {
      "properties": {
        "default": {
          "type": "string"
        },
        "description": {
          "type": "string"
        },
        "format": {
          "enum": [
            "date",
            "date-time",
            "email",
            "uri"
          ],
          "type": "string"
        },
        "maxLength": {
          "type": "integer"
        },
        "minLength": {
          "type": "integer"
        },
        "title": {
          "type": "string"
        },
        "type": {
          "const": "string",
          "type": "string"
        }
      },
      "required": [
        "type"
      ],
      "type": "object"
    },
    "TextContent": {
      "description": "Text provided to or from an LLM.",
      "properties": {
        "_meta": {
          "$ref": "#/$defs/MetaObject"
        },
        "annotations": {
          "$ref": "#/$defs/Annotations",
          "description": "Optional annotations for the client."
        },
        "text": {
          "description": "The text content of the message.",
          "type": "string"
        },
        "type": {
          "const": "text",
          "type": "string"
        }
      },
      "required": [
        "text",
        "type"
      ],
      "type": "object"
    },
    "TextResourceContents": {
      "properties": {
        "_meta": {
          "$ref": "#/$defs/MetaObject"
        },
        "mimeType": {
          "description": "The MIME type of this resource, if known.",
          "type": "string"
        },
        "text": {
          "description": "The text of the item. This must only be set if the item can actually be represented as text (not binary data).",
          "type": "string"
        },
        "uri": {
          "description": "The URI of this resource.",
          "format": "uri",
          "type": "string"
        }
      },
      "required": [
        "text",
        "uri"
      ],
      "type": "object"
    },
    "TitledMultiSelectEnumSchema": {
      "description": "Schema for multiple-selection enumeration with display titles for each option.",
      "properties": {
        "default": {
          "description": "Optional default value.",
          "items": {
            "type": "string"
          },
          "type": "array"
        },
        "description": {
          "description": "Optional description for the enum field.",
          "type": "string"
        },
        "items": {
          "description": "Schema for array items with enum options and display labels.",
          "properties": {
            "anyOf": {
              "description": "Array of enum options with values and display labels.",
              "items": {
                "properties": {
                  "const": {
                    "description": "The constant enum value.",
                    "type": "string"
                  },
                  "title": {
                    "description": "Display title for this option.",
                    "type": "string"
                  }
                },
                "required": [
                  "const",
                  "title"
                ],
                "type": "object"
              },
              "type": "array"
            }
          },
          "required": [
            "anyOf"
          ],
          "type": "object"
        },
        "maxItems": {
          "description": "Maximum number of items to select.",
          "type": "integer"
        },
        "minItems": {
          "description": "Minimum number of items to select.",
          "type": "integer"
        },
        "title": {
          "description": "Optional title for the enum field.",
          "type": "string"
        },
        "type": {
          "const": "array",
          "type": "string"
        }
      },
      "required": [
        "items",
        "type"
      ],
      "type": "object"
    },
    "TitledSingleSelectEnumSchema": {
      "description": "Schema for single-selection enumeration with display titles for each option.",
      "properties": {
        "default": {
          "description": "Optional default value.",
          "type": "string"
        },
        "description": {
          "description": "Optional description for the enum field.",
          "type": "string"
        },
        "oneOf": {
          "description": "Array of enum options with values and display labels.",
          "items": {
            "properties": {
              "const": {
                "description": "The enum value.",
                "type": "string"
              },
              "title": {
                "description": "Display label for this option.",
                "type": "string"
              }
            },
            "required": [
              "const",
              "title"
            ],
            "type": "object"
          },
          "type": "array"
        },
        "title": {
          "description": "Optional title for the enum field.",
          "type": "string"
        },
        "type": {
          "const": "string",
          "type": "string"
        }
      },
      "required": [
        "oneOf",
        "type"
      ],
      "type": "object"
    },
    "Tool": {
      "description": "Definition for a tool the client can call.",
      "properties": {
        "_meta": {
          "$ref": "#/$defs/MetaObject"
        },
        "annotations": {
          "$ref": "#/$defs/ToolAnnotations",
          "description": "Optional additional tool information.\n\nDisplay name precedence order is: `title`, `annotations.title`, then `name`."
        },
        "description": {
          "description": "A human-readable description of the tool.\n\nThis can be used by clients to improve the LLM's understanding of available tools. It can be thought of like a \"hint\" to the model.",
          "type": "string"
        },
        "icons": {
          "description": "Optional set of sized icons that the client can display in a user interface.\n\nClients that support rendering icons MUST support at least the following MIME types:\n- `image/png` - PNG images (safe, universal compatibility)\n- `image/jpeg` (and `image/jpg`) - JPEG images (safe, universal compatibility)\n\nClients that support rendering icons SHOULD also support:\n- `image/svg+xml` - SVG images (scalable but requires security precautions)\n- `image/webp` - WebP images (modern, efficient format)",
          "items": {
            "$ref": "#/$defs/Icon"
          },
          "type": "array"
        },
        "inputSchema": {
          "additionalProperties": {},
          "description": "A JSON Schema object defining the expected parameters for the tool.\n\nTool arguments are always JSON objects, so `type: \"object\"` is required at the root.\nBeyond that, any JSON Schema 2020-12 keyword may appear alongside `type` — including\ncomposition keywords (`oneOf`, `anyOf`, `allOf`, `not`), conditional keywords\n(`if`/`then`/`else`), reference keywords (`$ref`, `$defs`, `$anchor`), and any other\nstandard validation or annotation keywords.\n\nProperty schemas may carry an `x-mcp-header` annotation to mirror the\nargument value into an HTTP header on the Streamable HTTP transport. See\nthe Streamable HTTP transport specification for the validity and\nextraction rules.\n\nDefaults to JSON Schema 2020-12 when no explicit `$schema` is provided.",
          "properties": {
            "$schema": {
              "type": "string"
            },
            "type": {
              "const": "object",
              "type": "string"
            }
          },
          "required": [
            "type"
          ],
          "type": "object"
        },
        "name": {
          "description": "Intended for programmatic or logical use, but used as a display name in past specs or fallback (if title isn't present).",
          "type": "string"
        },
        "outputSchema": {
          "additionalProperties": {},
          "description": "An optional JSON Schema object defining the structure of the tool's output returned in\nthe structuredContent field of a {@link CallToolResult}. This can be any valid JSON Schema 2020-12.\n\nDefaults to JSON Schema 2020-12 when no explicit `$schema` is provided.",
          "properties": {
            "$schema": {
              "type": "string"
            }
          },
          "type": "object"
        },
        "title": {
          "description": "Intended for UI and end-user contexts — optimized to be human-readable and easily understood,\neven by those unfamiliar with domain-specific terminology.\n\nIf not provided, the name should be used for display (except for {@link Tool},\nwhere `annotations.title` should be given precedence over using `name`,\nif present).",
          "type": "string"
        }
      },
      "required": [
        "inputSchema",
        "name"
      ],
      "type": "object"
    },
    "ToolAnnotations": {
      "description": "Additional properties describing a {@link Tool} to clients.\n\nNOTE: all properties in `ToolAnnotations` are **hints**.\nThey are not guaranteed to provide a faithful description of\ntool behavior (including descriptive properties like `title`).\n\nClients should never make tool use decisions based on `ToolAnnotations`\nreceived from untrusted servers.",
      "properties": {
        "destructiveHint": {
          "description": "If true, the tool may perform destructive updates to its environment.\nIf false, the tool performs only additive updates.\n\n(This property is meaningful only when `readOnlyHint == false`)\n\nDefault: true",
          "type": "boolean"
        },
        "idempotentHint": {
          "description": "If true, calling the tool repeatedly with the same arguments\nwill have no additional effect on its environment.\n\n(This property is meaningful only when `readOnlyHint == false`)\n\nDefault: false",
          "type": "boolean"
        },
        "openWorldHint": {
          "description": "If true, this tool may interact with an \"open world\" of external\nentities. If false, the tool's domain of interaction is closed.\nFor example, the world of a web search tool is open, whereas that\nof a memory tool is not.\n\nDefault: true",
          "type": "boolean"
        },
        "readOnlyHint": {
          "description": "If true, the tool does not modify its environment.\n\nDefault: false",
          "type": "boolean"
        },
        "title": {
          "description": "A human-readable title for the tool.",
          "type": "string"
        }
      },
      "type": "object"
    },
    "ToolChoice": {
      "description": "Controls tool selection behavior for sampling requests.",
      "properties": {
        "mode": {
          "description": "Controls the tool use ability of the model:\n- `\"auto\"`: Model decides whether to use tools (default)\n- `\"required\"`: Model MUST use at least one tool before completing\n- `\"none\"`: Model MUST NOT use any tools",
          "enum": [
            "auto",
            "none",
            "required"
          ],
          "type": "string"
        }
      },
      "type": "object"
    },
    "ToolResultContent": {
      "description": "The result of a tool use, provided by the user back to the assistant.",
      "properties": {
        "_meta": {
          "$ref": "#/$defs/MetaObject",
          "description": "Optional metadata about the tool result. Clients SHOULD preserve this field when\nincluding tool results in subsequent sampling requests to enable caching optimizations."
        },
        "content": {
          "description": "The unstructured result content of the tool use.\n\nThis has the same format as {@link CallToolResult.content} and can include text, images,\naudio, resource links, and embedded resources.",
          "items": {
            "$ref": "#/$defs/ContentBlock"
          },
          "type": "array"
        },
        "isError": {
          "description": "Whether the tool use resulted in an error.\n\nIf true, the content typically describes the error that occurred.\nDefault: false",
          "type": "boolean"
        },
        "structuredContent": {
          "description": "An optional structured result value.\n\nThis can be any JSON value (object, array, string, number, boolean, or null).\nIf the tool defined an {@link Tool.outputSchema}, this SHOULD conform to that schema."
        },
        "toolUseId": {
          "description": "The ID of the tool use this result corresponds to.\n\nThis MUST match the ID from a previous {@link ToolUseContent}.",
          "type": "string"
        },
        "type": {
          "const": "tool_result",
          "type": "string"
        }
      },
      "required": [
        "content",
        "toolUseId",
        "type"
      ],
      "type": "object"
    },
    "ToolUseContent": {
      "description": "A request from the assistant to call a tool.",
      "properties": {
        "_meta": {
          "$ref": "#/$defs/MetaObject",
          "description": "Optional metadata about the tool use. Clients SHOULD preserve this field when\nincluding tool uses in subsequent sampling requests to enable caching optimizations."
        },
        "id": {
          "description": "A unique identifier for this tool use.\n\nThis ID is used to match tool results to their corresponding tool uses.",
          "type": "string"
        },
        "input": {
          "additionalProperties": {},
          "description": "The arguments to pass to the tool, conforming to the tool's input schema.",
          "type": "object"
        },
        "name": {
          "description": "The name of the tool to call.",
          "type": "string"
        },
        "type": {
          "const": "tool_use",
          "type": "string"
        }
      },
      "required": [
        "id",
        "input",
        "name",
        "type"
      ],
      "type": "object"
    },
    "UntitledMultiSelectEnumSchema": {
      "description": "Schema for multiple-selection enumeration without display titles for options.",
      "properties": {
        "default": {
          "description": "Optional default value.",
          "items": {
            "type": "string"
          },
          "type": "array"
        },
        "description": {
          "description": "Optional description for the enum field.",
          "type": "string"
        },
        "items": {
          "description": "Schema for the array items.",
          "properties": {
            "enum": {
              "description": "Array of enum values to choose from.",
              "items": {
                "type": "string"
              },
              "type": "array"
            },
            "type": {
              "const": "string",
              "type": "string"
            }
          },
          "required": [
            "enum",
            "type"
          ],
          "type": "object"
        },
        "maxItems": {
          "description": "Maximum number of items to select.",
          "type": "integer"
        },
        "minItems": {
          "description": "Minimum number of items to select.",
          "type": "integer"
        },
        "title": {
          "description": "Optional title for the enum field.",
          "type": "string"
        },
        "type": {
          "const": "array",
          "type": "string"
        }
      },
      "required": [
        "items",
        "type"
      ],
      "type": "object"
    },
    "UntitledSingleSelectEnumSchema": {
      "description": "Schema for single-selection enumeration without display titles for options.",
      "properties": {
        "default": {
          "description": "Optional default value.",
          "type": "string"
        },
        "description": {
          "description": "Optional description for the enum field.",
          "type": "string"
        },
        "enum": {
          "description": "Array of enum values to choose from.",
          "items": {
            "type": "string"
          },
          "type": "array"
        },
        "title": {
          "description": "Optional title for the enum field.",
          "type": "string"
        },
        "type": {
          "const": "string",
          "type": "string"
        }
      },
      "required": [
        "enum",
        "type"
      ],
      "type": "object"
    },
    // ---- the extension's defs (io.modelcontextprotocol/tasks), transcribed from tasks.md ----
    "CancelTaskRequest": {
      "allOf": [
        {
          "$ref": "#/$defs/JSONRPCRequest"
        },
        {
          "properties": {
            "method": {
              "const": "tasks/cancel",
              "type": "string"
            },
            "params": {
              "properties": {
                "_meta": {
                  "$ref": "#/$defs/RequestMetaObject"
                },
                "taskId": {
                  "description": "Identifier of the task to cancel.",
                  "type": "string"
                }
              },
              "required": [
                "taskId"
              ],
              "type": "object"
            }
          },
          "required": [
            "method",
            "params"
          ],
          "type": "object"
        }
      ],
      "description": "Ask to cancel a task (cooperative)."
    },
    "CancelTaskResult": {
      "allOf": [
        {
          "$ref": "#/$defs/Result"
        },
        {
          "properties": {
            "resultType": {
              "const": "complete",
              "type": "string"
            }
          },
          "required": [
            "resultType"
          ],
          "type": "object"
        }
      ],
      "description": "Empty acknowledgement of tasks/cancel (resultType \"complete\")."
    },
    "CancelledTask": {
      "allOf": [
        {
          "$ref": "#/$defs/Task"
        },
        {
          "properties": {
            "status": {
              "const": "cancelled",
              "type": "string"
            }
          },
          "required": [
            "status"
          ],
          "type": "object"
        }
      ],
      "description": "A task that has been cancelled. Used by tasks/get and notifications/tasks."
    },
    "CompletedTask": {
      "allOf": [
        {
          "$ref": "#/$defs/Task"
        },
        {
          "properties": {
            "result": {
              "$ref": "#/$defs/JSONObject"
            },
            "status": {
              "const": "completed",
              "type": "string"
            }
          },
          "required": [
            "status",
            "result"
          ],
          "type": "object"
        }
      ],
      "description": "A task that has completed successfully (a tool result with isError: true included). Used by tasks/get and notifications/tasks."
    },
    "CreateTaskResult": {
      "allOf": [
        {
          "$ref": "#/$defs/Result"
        },
        {
          "$ref": "#/$defs/Task"
        },
        {
          "properties": {
            "resultType": {
              "const": "task",
              "type": "string"
            }
          },
          "required": [
            "resultType"
          ],
          "type": "object"
        }
      ],
      "description": "Returned in lieu of the standard result (resultType \"task\"): the task's seed state."
    },
    "DetailedTask": {
      "anyOf": [
        {
          "$ref": "#/$defs/WorkingTask"
        },
        {
          "$ref": "#/$defs/InputRequiredTask"
        },
        {
          "$ref": "#/$defs/CompletedTask"
        },
        {
          "$ref": "#/$defs/FailedTask"
        },
        {
          "$ref": "#/$defs/CancelledTask"
        }
      ],
      "description": "A task with its status-specific inlined field (result, error or inputRequests)."
    },
    "FailedTask": {
      "allOf": [
        {
          "$ref": "#/$defs/Task"
        },
        {
          "properties": {
            "error": {
              "$ref": "#/$defs/Error"
            },
            "status": {
              "const": "failed",
              "type": "string"
            }
          },
          "required": [
            "status",
            "error"
          ],
          "type": "object"
        }
      ],
      "description": "A task that has failed due to a JSON-RPC error. Used by tasks/get and notifications/tasks."
    },
    "GetTaskRequest": {
      "allOf": [
        {
          "$ref": "#/$defs/JSONRPCRequest"
        },
        {
          "properties": {
            "method": {
              "const": "tasks/get",
              "type": "string"
            },
            "params": {
              "properties": {
                "_meta": {
                  "$ref": "#/$defs/RequestMetaObject"
                },
                "taskId": {
                  "description": "Identifier of the task to query.",
                  "type": "string"
                }
              },
              "required": [
                "taskId"
              ],
              "type": "object"
            }
          },
          "required": [
            "method",
            "params"
          ],
          "type": "object"
        }
      ],
      "description": "Poll a task."
    },
    "GetTaskResult": {
      "allOf": [
        {
          "$ref": "#/$defs/Result"
        },
        {
          "$ref": "#/$defs/DetailedTask"
        },
        {
          "properties": {
            "resultType": {
              "const": "complete",
              "type": "string"
            }
          },
          "required": [
            "resultType"
          ],
          "type": "object"
        }
      ],
      "description": "The task's current state (a DetailedTask); resultType is \"complete\"."
    },
    "InputRequiredTask": {
      "allOf": [
        {
          "$ref": "#/$defs/Task"
        },
        {
          "properties": {
            "inputRequests": {
              "$ref": "#/$defs/InputRequests"
            },
            "status": {
              "const": "input_required",
              "type": "string"
            }
          },
          "required": [
            "status",
            "inputRequests"
          ],
          "type": "object"
        }
      ],
      "description": "A task that is waiting for input from the client. Used by tasks/get and notifications/tasks."
    },
    "Task": {
      "description": "Operational metadata about ongoing work.",
      "properties": {
        "createdAt": {
          "description": "ISO 8601 timestamp when the task was created.",
          "type": "string"
        },
        "lastUpdatedAt": {
          "description": "ISO 8601 timestamp when the task was last updated.",
          "type": "string"
        },
        "pollIntervalMs": {
          "description": "Suggested polling interval in integer milliseconds.",
          "type": "integer"
        },
        "status": {
          "$ref": "#/$defs/TaskStatus"
        },
        "statusMessage": {
          "description": "Optional message describing the current task state.",
          "type": "string"
        },
        "taskId": {
          "description": "Stable identifier for this task.",
          "type": "string"
        },
        "ttlMs": {
          "description": "Time-to-live duration from creation in integer milliseconds, null for unlimited.",
          "type": [
            "integer",
            "null"
          ]
        }
      },
      "required": [
        "taskId",
        "status",
        "createdAt",
        "lastUpdatedAt",
        "ttlMs"
      ],
      "type": "object"
    },
    "TaskStatus": {
      "description": "The status of a task.",
      "enum": [
        "working",
        "input_required",
        "completed",
        "cancelled",
        "failed"
      ],
      "type": "string"
    },
    "TaskStatusNotification": {
      "allOf": [
        {
          "$ref": "#/$defs/JSONRPCNotification"
        },
        {
          "properties": {
            "method": {
              "const": "notifications/tasks",
              "type": "string"
            },
            "params": {
              "$ref": "#/$defs/TaskStatusNotificationParams"
            }
          },
          "required": [
            "method",
            "params"
          ],
          "type": "object"
        }
      ],
      "description": "Pushed task status (notifications/tasks)."
    },
    "TaskStatusNotificationParams": {
      "allOf": [
        {
          "$ref": "#/$defs/DetailedTask"
        },
        {
          "properties": {
            "_meta": {
              "$ref": "#/$defs/NotificationMetaObject"
            }
          },
          "type": "object"
        }
      ],
      "description": "A complete DetailedTask, as tasks/get would return it at that moment."
    },
    "TasksCallToolResult": {
      "$comment": "Transcribed by mcp-tasks from tasks.md; the extension publishes no JSON Schema for its own types. Discriminated by resultType.",
      "description": "Result of tools/call for a client that declared the extension: CreateTaskResult when resultType is \"task\", InputRequiredResult when \"input_required\", else CallToolResult.",
      "else": {
        "else": {
          "$ref": "#/$defs/CallToolResult"
        },
        "if": {
          "properties": {
            "resultType": {
              "const": "input_required"
            }
          },
          "required": [
            "resultType"
          ]
        },
        "then": {
          "$ref": "#/$defs/InputRequiredResult"
        }
      },
      "if": {
        "properties": {
          "resultType": {
            "const": "task"
          }
        },
        "required": [
          "resultType"
        ]
      },
      "then": {
        "$ref": "#/$defs/CreateTaskResult"
      },
      "title": "TasksCallToolResult"
    },
    "UpdateTaskRequest": {
      "allOf": [
        {
          "$ref": "#/$defs/JSONRPCRequest"
        },
        {
          "properties": {
            "method": {
              "const": "tasks/update",
              "type": "string"
            },
            "params": {
              "properties": {
                "_meta": {
                  "$ref": "#/$defs/RequestMetaObject"
                },
                "inputResponses": {
                  "$ref": "#/$defs/InputResponses"
                },
                "taskId": {
                  "description": "Identifier of the task to update.",
                  "type": "string"
                }
              },
              "required": [
                "taskId",
                "inputResponses"
              ],
              "type": "object"
            }
          },
          "required": [
            "method",
            "params"
          ],
          "type": "object"
        }
      ],
      "description": "Answer outstanding inputRequests of a task."
    },
    "UpdateTaskResult": {
      "allOf": [
        {
          "$ref": "#/$defs/Result"
        },
        {
          "properties": {
            "resultType": {
              "const": "complete",
              "type": "string"
            }
          },
          "required": [
            "resultType"
          ],
          "type": "object"
        }
      ],
      "description": "Empty acknowledgement of tasks/update (resultType \"complete\")."
    },
    "WorkingTask": {
      "allOf": [
        {
          "$ref": "#/$defs/Task"
        },
        {
          "properties": {
            "status": {
              "const": "working",
              "type": "string"
            }
          },
          "required": [
            "status"
          ],
          "type": "object"
        }
      ],
      "description": "A task that is in a normal working state. Used by tasks/get and notifications/tasks."
    }
  }
} as const;

export type Tasks2026SchemaDefName = keyof typeof tasks2026Schema.$defs;
