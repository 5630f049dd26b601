/* eslint-disable */
/**
 * JSON Schema (draft 2020-12) for the task-related part of the MCP 2025-11-25 schema.
 *
 * Generated from modelcontextprotocol/modelcontextprotocol schema/2025-11-25/schema.json
 *   commit b0f60ba5409db7a6582440a7b473cc0398890f15
 *   sha256 268a5f82ba70fd7e4b6dc4aa1e64f116f74b4d0edcb69dc046829c79dd4e97e7
 * (pinned in schema/pin.json).
 *
 * DO NOT EDIT. Regenerate with: npm run generate
 */

/** Where the upstream part of `tasksSchema` comes from. */
export const SCHEMA_ORIGIN = {
  "repository": "modelcontextprotocol/modelcontextprotocol",
  "path": "schema/2025-11-25/schema.json",
  "commit": "b0f60ba5409db7a6582440a7b473cc0398890f15",
  "sha256": "268a5f82ba70fd7e4b6dc4aa1e64f116f74b4d0edcb69dc046829c79dd4e97e7",
  "url": "https://raw.githubusercontent.com/modelcontextprotocol/modelcontextprotocol/b0f60ba5409db7a6582440a7b473cc0398890f15/schema/2025-11-25/schema.json"
} as const;

/** `$id` of `tasksSchema`; refer to a def as `${TASKS_SCHEMA_ID}#/$defs/<Name>`. */
export const TASKS_SCHEMA_ID = "https://mcp-tasks.invalid/schema/2025-11-25/tasks.schema.json";

/** Upstream defs kept (the task-related roots and everything they reference), sorted. */
export const UPSTREAM_DEF_NAMES = [
  "Annotations",
  "AudioContent",
  "BlobResourceContents",
  "BooleanSchema",
  "CallToolRequest",
  "CallToolRequestParams",
  "CallToolResult",
  "CancelTaskRequest",
  "CancelTaskResult",
  "ClientCapabilities",
  "ContentBlock",
  "CreateMessageRequest",
  "CreateMessageRequestParams",
  "CreateMessageResult",
  "CreateTaskResult",
  "ElicitRequest",
  "ElicitRequestFormParams",
  "ElicitRequestParams",
  "ElicitRequestURLParams",
  "ElicitResult",
  "EmbeddedResource",
  "Error",
  "GetTaskPayloadRequest",
  "GetTaskPayloadResult",
  "GetTaskRequest",
  "GetTaskResult",
  "Icon",
  "ImageContent",
  "Implementation",
  "InitializeResult",
  "JSONRPCErrorResponse",
  "JSONRPCMessage",
  "JSONRPCNotification",
  "JSONRPCRequest",
  "JSONRPCResponse",
  "JSONRPCResultResponse",
  "LegacyTitledEnumSchema",
  "ListTasksRequest",
  "ListTasksResult",
  "ListToolsResult",
  "ModelHint",
  "ModelPreferences",
  "NotificationParams",
  "NumberSchema",
  "PaginatedRequestParams",
  "PrimitiveSchemaDefinition",
  "ProgressToken",
  "RelatedTaskMetadata",
  "RequestId",
  "ResourceLink",
  "Result",
  "Role",
  "SamplingMessage",
  "SamplingMessageContentBlock",
  "ServerCapabilities",
  "StringSchema",
  "Task",
  "TaskAugmentedRequestParams",
  "TaskMetadata",
  "TaskStatus",
  "TaskStatusNotification",
  "TaskStatusNotificationParams",
  "TextContent",
  "TextResourceContents",
  "TitledMultiSelectEnumSchema",
  "TitledSingleSelectEnumSchema",
  "Tool",
  "ToolAnnotations",
  "ToolChoice",
  "ToolExecution",
  "ToolResultContent",
  "ToolUseContent",
  "UntitledMultiSelectEnumSchema",
  "UntitledSingleSelectEnumSchema"
] as const;

/** The task-related roots the selection starts from: the defs `mcp-tasks/validate` names. */
export const ROOT_DEF_NAMES = [
  "Task",
  "TaskStatus",
  "TaskMetadata",
  "RelatedTaskMetadata",
  "TaskAugmentedRequestParams",
  "CreateTaskResult",
  "GetTaskRequest",
  "GetTaskResult",
  "GetTaskPayloadRequest",
  "GetTaskPayloadResult",
  "ListTasksRequest",
  "ListTasksResult",
  "CancelTaskRequest",
  "CancelTaskResult",
  "TaskStatusNotification",
  "TaskStatusNotificationParams",
  "ToolExecution",
  "Tool",
  "ListToolsResult",
  "CallToolRequest",
  "CallToolRequestParams",
  "CallToolResult",
  "CreateMessageRequest",
  "CreateMessageRequestParams",
  "CreateMessageResult",
  "ElicitRequest",
  "ElicitRequestParams",
  "ElicitResult",
  "ClientCapabilities",
  "ServerCapabilities",
  "InitializeResult",
  "JSONRPCRequest",
  "JSONRPCNotification",
  "JSONRPCResultResponse",
  "JSONRPCErrorResponse",
  "JSONRPCResponse",
  "JSONRPCMessage",
  "Error"
] as const;

/** Defs added by mcp-tasks; not upstream (TASKS-REQUIREMENTS A3). */
export const ADDED_DEF_NAMES = [
  "ToolsCallResult",
  "SamplingCreateMessageResult",
  "ElicitationCreateResult"
] as const;

/** The selected sub-schema. Upstream defs are copied verbatim (keys sorted). */
export const tasksSchema = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://mcp-tasks.invalid/schema/2025-11-25/tasks.schema.json",
  "$comment": "Subset of modelcontextprotocol/modelcontextprotocol schema/2025-11-25/schema.json @ b0f60ba5409db7a6582440a7b473cc0398890f15 (sha256 268a5f82ba70fd7e4b6dc4aa1e64f116f74b4d0edcb69dc046829c79dd4e97e7), plus mcp-tasks additions.",
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
          "additionalProperties": {},
          "description": "See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.",
          "type": "object"
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
          "additionalProperties": {},
          "description": "See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.",
          "type": "object"
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
          "additionalProperties": {},
          "description": "See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.",
          "properties": {
            "progressToken": {
              "$ref": "#/$defs/ProgressToken",
              "description": "If specified, the caller is requesting out-of-band progress notifications for this request (as represented by notifications/progress). The value of this parameter is an opaque token that will be attached to any subsequent notifications. The receiver is not obligated to provide these notifications."
            }
          },
          "type": "object"
        },
        "arguments": {
          "additionalProperties": {},
          "description": "Arguments to use for the tool call.",
          "type": "object"
        },
        "name": {
          "description": "The name of the tool.",
          "type": "string"
        },
        "task": {
          "$ref": "#/$defs/TaskMetadata",
          "description": "If specified, the caller is requesting task-augmented execution for this request.\nThe request will return a CreateTaskResult immediately, and the actual result can be\nretrieved later via tasks/result.\n\nTask augmentation is subject to capability negotiation - receivers MUST declare support\nfor task augmentation of specific request types in their capabilities."
        }
      },
      "required": [
        "name"
      ],
      "type": "object"
    },
    "CallToolResult": {
      "description": "The server's response to a tool call.",
      "properties": {
        "_meta": {
          "additionalProperties": {},
          "description": "See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.",
          "type": "object"
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
        "structuredContent": {
          "additionalProperties": {},
          "description": "An optional JSON object that represents the structured result of the tool call.",
          "type": "object"
        }
      },
      "required": [
        "content"
      ],
      "type": "object"
    },
    "CancelTaskRequest": {
      "description": "A request to cancel a task.",
      "properties": {
        "id": {
          "$ref": "#/$defs/RequestId"
        },
        "jsonrpc": {
          "const": "2.0",
          "type": "string"
        },
        "method": {
          "const": "tasks/cancel",
          "type": "string"
        },
        "params": {
          "properties": {
            "taskId": {
              "description": "The task identifier to cancel.",
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
        "id",
        "jsonrpc",
        "method",
        "params"
      ],
      "type": "object"
    },
    "CancelTaskResult": {
      "allOf": [
        {
          "$ref": "#/$defs/Result"
        },
        {
          "$ref": "#/$defs/Task"
        }
      ],
      "description": "The response to a tasks/cancel request."
    },
    "ClientCapabilities": {
      "description": "Capabilities a client may support. Known capabilities are defined here, in this schema, but this is not a closed set: any client can define its own, additional capabilities.",
      "properties": {
        "elicitation": {
          "description": "Present if the client supports elicitation from the server.",
          "properties": {
            "form": {
              "additionalProperties": true,
              "properties": {},
              "type": "object"
            },
            "url": {
              "additionalProperties": true,
              "properties": {},
              "type": "object"
            }
          },
          "type": "object"
        },
        "experimental": {
          "additionalProperties": {
            "additionalProperties": true,
            "properties": {},
            "type": "object"
          },
          "description": "Experimental, non-standard capabilities that the client supports.",
          "type": "object"
        },
        "roots": {
          "description": "Present if the client supports listing roots.",
          "properties": {
            "listChanged": {
              "description": "Whether the client supports notifications for changes to the roots list.",
              "type": "boolean"
            }
          },
          "type": "object"
        },
        "sampling": {
          "description": "Present if the client supports sampling from an LLM.",
          "properties": {
            "context": {
              "additionalProperties": true,
              "description": "Whether the client supports context inclusion via includeContext parameter.\nIf not declared, servers SHOULD only use `includeContext: \"none\"` (or omit it).",
              "properties": {},
              "type": "object"
            },
            "tools": {
              "additionalProperties": true,
              "description": "Whether the client supports tool use via tools and toolChoice parameters.",
              "properties": {},
              "type": "object"
            }
          },
          "type": "object"
        },
        "tasks": {
          "description": "Present if the client supports task-augmented requests.",
          "properties": {
            "cancel": {
              "additionalProperties": true,
              "description": "Whether this client supports tasks/cancel.",
              "properties": {},
              "type": "object"
            },
            "list": {
              "additionalProperties": true,
              "description": "Whether this client supports tasks/list.",
              "properties": {},
              "type": "object"
            },
            "requests": {
              "description": "Specifies which request types can be augmented with tasks.",
              "properties": {
                "elicitation": {
                  "description": "Task support for elicitation-related requests.",
                  "properties": {
                    "create": {
                      "additionalProperties": true,
                      "description": "Whether the client supports task-augmented elicitation/create requests.",
                      "properties": {},
                      "type": "object"
                    }
                  },
                  "type": "object"
                },
                "sampling": {
                  "description": "Task support for sampling-related requests.",
                  "properties": {
                    "createMessage": {
                      "additionalProperties": true,
                      "description": "Whether the client supports task-augmented sampling/createMessage requests.",
                      "properties": {},
                      "type": "object"
                    }
                  },
                  "type": "object"
                }
              },
              "type": "object"
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
        "id": {
          "$ref": "#/$defs/RequestId"
        },
        "jsonrpc": {
          "const": "2.0",
          "type": "string"
        },
        "method": {
          "const": "sampling/createMessage",
          "type": "string"
        },
        "params": {
          "$ref": "#/$defs/CreateMessageRequestParams"
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
    "CreateMessageRequestParams": {
      "description": "Parameters for a `sampling/createMessage` request.",
      "properties": {
        "_meta": {
          "additionalProperties": {},
          "description": "See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.",
          "properties": {
            "progressToken": {
              "$ref": "#/$defs/ProgressToken",
              "description": "If specified, the caller is requesting out-of-band progress notifications for this request (as represented by notifications/progress). The value of this parameter is an opaque token that will be attached to any subsequent notifications. The receiver is not obligated to provide these notifications."
            }
          },
          "type": "object"
        },
        "includeContext": {
          "description": "A request to include context from one or more MCP servers (including the caller), to be attached to the prompt.\nThe client MAY ignore this request.\n\nDefault is \"none\". Values \"thisServer\" and \"allServers\" are soft-deprecated. Servers SHOULD only use these values if the client\ndeclares ClientCapabilities.sampling.context. These values may be removed in future spec releases.",
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
          "additionalProperties": true,
          "description": "Optional metadata to pass through to the LLM provider. The format of this metadata is provider-specific.",
          "properties": {},
          "type": "object"
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
        "task": {
          "$ref": "#/$defs/TaskMetadata",
          "description": "If specified, the caller is requesting task-augmented execution for this request.\nThe request will return a CreateTaskResult immediately, and the actual result can be\nretrieved later via tasks/result.\n\nTask augmentation is subject to capability negotiation - receivers MUST declare support\nfor task augmentation of specific request types in their capabilities."
        },
        "temperature": {
          "type": "number"
        },
        "toolChoice": {
          "$ref": "#/$defs/ToolChoice",
          "description": "Controls how the model uses tools.\nThe client MUST return an error if this field is provided but ClientCapabilities.sampling.tools is not declared.\nDefault is `{ mode: \"auto\" }`."
        },
        "tools": {
          "description": "Tools that the model may use during generation.\nThe client MUST return an error if this field is provided but ClientCapabilities.sampling.tools is not declared.",
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
      "description": "The client's response to a sampling/createMessage request from the server.\nThe client should inform the user before returning the sampled message, to allow them\nto inspect the response (human in the loop) and decide whether to allow the server to see it.",
      "properties": {
        "_meta": {
          "additionalProperties": {},
          "description": "See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.",
          "type": "object"
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
          "description": "The reason why sampling stopped, if known.\n\nStandard values:\n- \"endTurn\": Natural end of the assistant's turn\n- \"stopSequence\": A stop sequence was encountered\n- \"maxTokens\": Maximum token limit was reached\n- \"toolUse\": The model wants to use one or more tools\n\nThis field is an open string to allow for provider-specific stop reasons.",
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
    "CreateTaskResult": {
      "description": "A response to a task-augmented request.",
      "properties": {
        "_meta": {
          "additionalProperties": {},
          "description": "See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.",
          "type": "object"
        },
        "task": {
          "$ref": "#/$defs/Task"
        }
      },
      "required": [
        "task"
      ],
      "type": "object"
    },
    "ElicitRequest": {
      "description": "A request from the server to elicit additional information from the user via the client.",
      "properties": {
        "id": {
          "$ref": "#/$defs/RequestId"
        },
        "jsonrpc": {
          "const": "2.0",
          "type": "string"
        },
        "method": {
          "const": "elicitation/create",
          "type": "string"
        },
        "params": {
          "$ref": "#/$defs/ElicitRequestParams"
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
    "ElicitRequestFormParams": {
      "description": "The parameters for a request to elicit non-sensitive information from the user via a form in the client.",
      "properties": {
        "_meta": {
          "additionalProperties": {},
          "description": "See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.",
          "properties": {
            "progressToken": {
              "$ref": "#/$defs/ProgressToken",
              "description": "If specified, the caller is requesting out-of-band progress notifications for this request (as represented by notifications/progress). The value of this parameter is an opaque token that will be attached to any subsequent notifications. The receiver is not obligated to provide these notifications."
            }
          },
          "type": "object"
        },
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
        },
        "task": {
          "$ref": "#/$defs/TaskMetadata",
          "description": "If specified, the caller is requesting task-augmented execution for this request.\nThe request will return a CreateTaskResult immediately, and the actual result can be\nretrieved later via tasks/result.\n\nTask augmentation is subject to capability negotiation - receivers MUST declare support\nfor task augmentation of specific request types in their capabilities."
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
          "$ref": "#/$defs/ElicitRequestURLParams"
        },
        {
          "$ref": "#/$defs/ElicitRequestFormParams"
        }
      ],
      "description": "The parameters for a request to elicit additional information from the user via the client."
    },
    "ElicitRequestURLParams": {
      "description": "The parameters for a request to elicit information from the user via a URL in the client.",
      "properties": {
        "_meta": {
          "additionalProperties": {},
          "description": "See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.",
          "properties": {
            "progressToken": {
              "$ref": "#/$defs/ProgressToken",
              "description": "If specified, the caller is requesting out-of-band progress notifications for this request (as represented by notifications/progress). The value of this parameter is an opaque token that will be attached to any subsequent notifications. The receiver is not obligated to provide these notifications."
            }
          },
          "type": "object"
        },
        "elicitationId": {
          "description": "The ID of the elicitation, which must be unique within the context of the server.\nThe client MUST treat this ID as an opaque value.",
          "type": "string"
        },
        "message": {
          "description": "The message to present to the user explaining why the interaction is needed.",
          "type": "string"
        },
        "mode": {
          "const": "url",
          "description": "The elicitation mode.",
          "type": "string"
        },
        "task": {
          "$ref": "#/$defs/TaskMetadata",
          "description": "If specified, the caller is requesting task-augmented execution for this request.\nThe request will return a CreateTaskResult immediately, and the actual result can be\nretrieved later via tasks/result.\n\nTask augmentation is subject to capability negotiation - receivers MUST declare support\nfor task augmentation of specific request types in their capabilities."
        },
        "url": {
          "description": "The URL that the user should navigate to.",
          "format": "uri",
          "type": "string"
        }
      },
      "required": [
        "elicitationId",
        "message",
        "mode",
        "url"
      ],
      "type": "object"
    },
    "ElicitResult": {
      "description": "The client's response to an elicitation request.",
      "properties": {
        "_meta": {
          "additionalProperties": {},
          "description": "See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.",
          "type": "object"
        },
        "action": {
          "description": "The user action in response to the elicitation.\n- \"accept\": User submitted the form/confirmed the action\n- \"decline\": User explicitly decline the action\n- \"cancel\": User dismissed without making an explicit choice",
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
          "description": "The submitted form data, only present when action is \"accept\" and mode was \"form\".\nContains values matching the requested schema.\nOmitted for out-of-band mode responses.",
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
          "additionalProperties": {},
          "description": "See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.",
          "type": "object"
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
    "GetTaskPayloadRequest": {
      "description": "A request to retrieve the result of a completed task.",
      "properties": {
        "id": {
          "$ref": "#/$defs/RequestId"
        },
        "jsonrpc": {
          "const": "2.0",
          "type": "string"
        },
        "method": {
          "const": "tasks/result",
          "type": "string"
        },
        "params": {
          "properties": {
            "taskId": {
              "description": "The task identifier to retrieve results for.",
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
        "id",
        "jsonrpc",
        "method",
        "params"
      ],
      "type": "object"
    },
    "GetTaskPayloadResult": {
      "additionalProperties": {},
      "description": "The response to a tasks/result request.\nThe structure matches the result type of the original request.\nFor example, a tools/call task would return the CallToolResult structure.",
      "properties": {
        "_meta": {
          "additionalProperties": {},
          "description": "See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.",
          "type": "object"
        }
      },
      "type": "object"
    },
    "GetTaskRequest": {
      "description": "A request to retrieve the state of a task.",
      "properties": {
        "id": {
          "$ref": "#/$defs/RequestId"
        },
        "jsonrpc": {
          "const": "2.0",
          "type": "string"
        },
        "method": {
          "const": "tasks/get",
          "type": "string"
        },
        "params": {
          "properties": {
            "taskId": {
              "description": "The task identifier to query.",
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
        "id",
        "jsonrpc",
        "method",
        "params"
      ],
      "type": "object"
    },
    "GetTaskResult": {
      "allOf": [
        {
          "$ref": "#/$defs/Result"
        },
        {
          "$ref": "#/$defs/Task"
        }
      ],
      "description": "The response to a tasks/get request."
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
          "description": "A standard URI pointing to an icon resource. May be an HTTP/HTTPS URL or a\n`data:` URI with Base64-encoded image data.\n\nConsumers SHOULD takes steps to ensure URLs serving icons are from the\nsame domain as the client/server or a trusted domain.\n\nConsumers SHOULD take appropriate precautions when consuming SVGs as they can contain\nexecutable JavaScript.",
          "format": "uri",
          "type": "string"
        },
        "theme": {
          "description": "Optional specifier for the theme this icon is designed for. `light` indicates\nthe icon is designed to be used with a light background, and `dark` indicates\nthe icon is designed to be used with a dark background.\n\nIf not provided, the client should assume the icon can be used with any theme.",
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
          "additionalProperties": {},
          "description": "See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.",
          "type": "object"
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
          "description": "Intended for UI and end-user contexts — optimized to be human-readable and easily understood,\neven by those unfamiliar with domain-specific terminology.\n\nIf not provided, the name should be used for display (except for Tool,\nwhere `annotations.title` should be given precedence over using `name`,\nif present).",
          "type": "string"
        },
        "version": {
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
    "InitializeResult": {
      "description": "After receiving an initialize request from the client, the server sends this response.",
      "properties": {
        "_meta": {
          "additionalProperties": {},
          "description": "See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.",
          "type": "object"
        },
        "capabilities": {
          "$ref": "#/$defs/ServerCapabilities"
        },
        "instructions": {
          "description": "Instructions describing how to use the server and its features.\n\nThis can be used by clients to improve the LLM's understanding of available tools, resources, etc. It can be thought of like a \"hint\" to the model. For example, this information MAY be added to the system prompt.",
          "type": "string"
        },
        "protocolVersion": {
          "description": "The version of the Model Context Protocol that the server wants to use. This may not match the version that the client requested. If the client cannot support this version, it MUST disconnect.",
          "type": "string"
        },
        "serverInfo": {
          "$ref": "#/$defs/Implementation"
        }
      },
      "required": [
        "capabilities",
        "protocolVersion",
        "serverInfo"
      ],
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
    "LegacyTitledEnumSchema": {
      "description": "Use TitledSingleSelectEnumSchema instead.\nThis interface will be removed in a future version.",
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
    "ListTasksRequest": {
      "description": "A request to retrieve a list of tasks.",
      "properties": {
        "id": {
          "$ref": "#/$defs/RequestId"
        },
        "jsonrpc": {
          "const": "2.0",
          "type": "string"
        },
        "method": {
          "const": "tasks/list",
          "type": "string"
        },
        "params": {
          "$ref": "#/$defs/PaginatedRequestParams"
        }
      },
      "required": [
        "id",
        "jsonrpc",
        "method"
      ],
      "type": "object"
    },
    "ListTasksResult": {
      "description": "The response to a tasks/list request.",
      "properties": {
        "_meta": {
          "additionalProperties": {},
          "description": "See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.",
          "type": "object"
        },
        "nextCursor": {
          "description": "An opaque token representing the pagination position after the last returned result.\nIf present, there may be more results available.",
          "type": "string"
        },
        "tasks": {
          "items": {
            "$ref": "#/$defs/Task"
          },
          "type": "array"
        }
      },
      "required": [
        "tasks"
      ],
      "type": "object"
    },
    "ListToolsResult": {
      "description": "The server's response to a tools/list request from the client.",
      "properties": {
        "_meta": {
          "additionalProperties": {},
          "description": "See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.",
          "type": "object"
        },
        "nextCursor": {
          "description": "An opaque token representing the pagination position after the last returned result.\nIf present, there may be more results available.",
          "type": "string"
        },
        "tools": {
          "items": {
            "$ref": "#/$defs/Tool"
          },
          "type": "array"
        }
      },
      "required": [
        "tools"
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
    "NotificationParams": {
      "properties": {
        "_meta": {
          "additionalProperties": {},
          "description": "See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.",
          "type": "object"
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
    "PaginatedRequestParams": {
      "description": "Common parameters for paginated requests.",
      "properties": {
        "_meta": {
          "additionalProperties": {},
          "description": "See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.",
          "properties": {
            "progressToken": {
              "$ref": "#/$defs/ProgressToken",
              "description": "If specified, the caller is requesting out-of-band progress notifications for this request (as represented by notifications/progress). The value of this parameter is an opaque token that will be attached to any subsequent notifications. The receiver is not obligated to provide these notifications."
            }
          },
          "type": "object"
        },
        "cursor": {
          "description": "An opaque token representing the current pagination position.\nIf provided, the server should return results starting after this cursor.",
          "type": "string"
        }
      },
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
    "RelatedTaskMetadata": {
      "description": "Metadata for associating messages with a task.\nInclude this in the `_meta` field under the key `io.modelcontextprotocol/related-task`.",
      "properties": {
        "taskId": {
          "description": "The task identifier this message is associated with.",
          "type": "string"
        }
      },
      "required": [
        "taskId"
      ],
      "type": "object"
    },
    "RequestId": {
      "description": "A uniquely identifying ID for a request in JSON-RPC.",
      "type": [
        "string",
        "integer"
      ]
    },
    "ResourceLink": {
      "description": "A resource that the server is capable of reading, included in a prompt or tool call result.\n\nNote: resource links returned by tools are not guaranteed to appear in the results of `resources/list` requests.",
      "properties": {
        "_meta": {
          "additionalProperties": {},
          "description": "See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.",
          "type": "object"
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
          "description": "Intended for UI and end-user contexts — optimized to be human-readable and easily understood,\neven by those unfamiliar with domain-specific terminology.\n\nIf not provided, the name should be used for display (except for Tool,\nwhere `annotations.title` should be given precedence over using `name`,\nif present).",
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
      "properties": {
        "_meta": {
          "additionalProperties": {},
          "description": "See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.",
          "type": "object"
        }
      },
      "type": "object"
    },
    "Role": {
      "description": "The sender or recipient of messages and data in a conversation.",
      "enum": [
        "assistant",
        "user"
      ],
      "type": "string"
    },
    "SamplingMessage": {
      "description": "Describes a message issued to or received from an LLM API.",
      "properties": {
        "_meta": {
          "additionalProperties": {},
          "description": "See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.",
          "type": "object"
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
          "additionalProperties": true,
          "description": "Present if the server supports argument autocompletion suggestions.",
          "properties": {},
          "type": "object"
        },
        "experimental": {
          "additionalProperties": {
            "additionalProperties": true,
            "properties": {},
            "type": "object"
          },
          "description": "Experimental, non-standard capabilities that the server supports.",
          "type": "object"
        },
        "logging": {
          "additionalProperties": true,
          "description": "Present if the server supports sending log messages to the client.",
          "properties": {},
          "type": "object"
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
        "tasks": {
          "description": "Present if the server supports task-augmented requests.",
          "properties": {
            "cancel": {
              "additionalProperties": true,
              "description": "Whether this server supports tasks/cancel.",
              "properties": {},
              "type": "object"
            },
            "list": {
              "additionalProperties": true,
              "description": "Whether this server supports tasks/list.",
              "properties": {},
              "type": "object"
            },
            "requests": {
              "description": "Specifies which request types can be augmented with tasks.",
              "properties": {
                "tools": {
                  "description": "Task support for tool-related requests.",
                  "properties": {
                    "call": {
                      "additionalProperties": true,
                      "description": "Whether the server supports task-augmented tools/call requests.",
                      "properties": {},
                      "type": "object"
                    }
                  },
                  "type": "object"
                }
              },
              "type": "object"
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
    "Task": {
      "description": "Data associated with a task.",
      "properties": {
        "createdAt": {
          "description": "ISO 8601 timestamp when the task was created.",
          "type": "string"
        },
        "lastUpdatedAt": {
          "description": "ISO 8601 timestamp when the task was last updated.",
          "type": "string"
        },
        "pollInterval": {
          "description": "Suggested polling interval in milliseconds.",
          "type": "integer"
        },
        "status": {
          "$ref": "#/$defs/TaskStatus",
          "description": "Current task state."
        },
        "statusMessage": {
          "description": "Optional human-readable message describing the current task state.\nThis can provide context for any status, including:\n- Reasons for \"cancelled\" status\n- Summaries for \"completed\" status\n- Diagnostic information for \"failed\" status (e.g., error details, what went wrong)",
          "type": "string"
        },
        "taskId": {
          "description": "The task identifier.",
          "type": "string"
        },
        "ttl": {
          "description": "Actual retention duration from creation in milliseconds, null for unlimited.",
          "type": [
            "integer",
            "null"
          ]
        }
      },
      "required": [
        "createdAt",
        "lastUpdatedAt",
        "status",
        "taskId",
        "ttl"
      ],
      "type": "object"
    },
    "TaskAugmentedRequestParams": {
      "description": "Common params for any task-augmented request.",
      "properties": {
        "_meta": {
          "additionalProperties": {},
          "description": "See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.",
          "properties": {
            "progressToken": {
              "$ref": "#/$defs/ProgressToken",
              "description": "If specified, the caller is requesting out-of-band progress notifications for this request (as represented by notifications/progress). The value of this parameter is an opaque token that will be attached to any subsequent notifications. The receiver is not obligated to provide these notifications."
            }
          },
          "type": "object"
        },
        "task": {
          "$ref": "#/$defs/TaskMetadata",
          "description": "If specified, the caller is requesting task-augmented execution for this request.\nThe request will return a CreateTaskResult immediately, and the actual result can be\nretrieved later via tasks/result.\n\nTask augmentation is subject to capability negotiation - receivers MUST declare support\nfor task augmentation of specific request types in their capabilities."
        }
      },
      "type": "object"
    },
    "TaskMetadata": {
      "description": "Metadata for augmenting a request with task execution.\nInclude this in the `task` field of the request parameters.",
      "properties": {
        "ttl": {
          "description": "Requested duration in milliseconds to retain task from creation.",
          "type": "integer"
        }
      },
      "type": "object"
    },
    "TaskStatus": {
      "description": "The status of a task.",
      "enum": [
        "cancelled",
        "completed",
        "failed",
        "input_required",
        "working"
      ],
      "type": "string"
    },
    "TaskStatusNotification": {
      "description": "An optional notification from the receiver to the requestor, informing them that a task's status has changed. Receivers are not required to send these notifications.",
      "properties": {
        "jsonrpc": {
          "const": "2.0",
          "type": "string"
        },
        "method": {
          "const": "notifications/tasks/status",
          "type": "string"
        },
        "params": {
          "$ref": "#/$defs/TaskStatusNotificationParams"
        }
      },
      "required": [
        "jsonrpc",
        "method",
        "params"
      ],
      "type": "object"
    },
    "TaskStatusNotificationParams": {
      "allOf": [
        {
          "$ref": "#/$defs/NotificationParams"
        },
        {
          "$ref": "#/$defs/Task"
        }
      ],
      "description": "Parameters for a `notifications/tasks/status` notification."
    },
    "TextContent": {
      "description": "Text provided to or from an LLM.",
      "properties": {
        "_meta": {
          "additionalProperties": {},
          "description": "See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.",
          "type": "object"
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
          "additionalProperties": {},
          "description": "See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.",
          "type": "object"
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
          "additionalProperties": {},
          "description": "See [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.",
          "type": "object"
        },
        "annotations": {
          "$ref": "#/$defs/ToolAnnotations",
          "description": "Optional additional tool information.\n\nDisplay name precedence order is: title, annotations.title, then name."
        },
        "description": {
          "description": "A human-readable description of the tool.\n\nThis can be used by clients to improve the LLM's understanding of available tools. It can be thought of like a \"hint\" to the model.",
          "type": "string"
        },
        "execution": {
          "$ref": "#/$defs/ToolExecution",
          "description": "Execution-related properties for this tool."
        },
        "icons": {
          "description": "Optional set of sized icons that the client can display in a user interface.\n\nClients that support rendering icons MUST support at least the following MIME types:\n- `image/png` - PNG images (safe, universal compatibility)\n- `image/jpeg` (and `image/jpg`) - JPEG images (safe, universal compatibility)\n\nClients that support rendering icons SHOULD also support:\n- `image/svg+xml` - SVG images (scalable but requires security precautions)\n- `image/webp` - WebP images (modern, efficient format)",
          "items": {
            "$ref": "#/$defs/Icon"
          },
          "type": "array"
        },
        "inputSchema": {
          "description": "A JSON Schema object defining the expected parameters for the tool.",
          "properties": {
            "$schema": {
              "type": "string"
            },
            "properties": {
              "additionalProperties": {
                "additionalProperties": true,
                "properties": {},
                "type": "object"
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
            "type"
          ],
          "type": "object"
        },
        "name": {
          "description": "Intended for programmatic or logical use, but used as a display name in past specs or fallback (if title isn't present).",
          "type": "string"
        },
        "outputSchema": {
          "description": "An optional JSON Schema object defining the structure of the tool's output returned in\nthe structuredContent field of a CallToolResult.\n\nDefaults to JSON Schema 2020-12 when no explicit $schema is provided.\nCurrently restricted to type: \"object\" at the root level.",
          "properties": {
            "$schema": {
              "type": "string"
            },
            "properties": {
              "additionalProperties": {
                "additionalProperties": true,
                "properties": {},
                "type": "object"
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
            "type"
          ],
          "type": "object"
        },
        "title": {
          "description": "Intended for UI and end-user contexts — optimized to be human-readable and easily understood,\neven by those unfamiliar with domain-specific terminology.\n\nIf not provided, the name should be used for display (except for Tool,\nwhere `annotations.title` should be given precedence over using `name`,\nif present).",
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
      "description": "Additional properties describing a Tool to clients.\n\nNOTE: all properties in ToolAnnotations are **hints**.\nThey are not guaranteed to provide a faithful description of\ntool behavior (including descriptive properties like `title`).\n\nClients should never make tool use decisions based on ToolAnnotations\nreceived from untrusted servers.",
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
          "description": "Controls the tool use ability of the model:\n- \"auto\": Model decides whether to use tools (default)\n- \"required\": Model MUST use at least one tool before completing\n- \"none\": Model MUST NOT use any tools",
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
    "ToolExecution": {
      "description": "Execution-related properties for a tool.",
      "properties": {
        "taskSupport": {
          "description": "Indicates whether this tool supports task-augmented execution.\nThis allows clients to handle long-running operations through polling\nthe task system.\n\n- \"forbidden\": Tool does not support task-augmented execution (default when absent)\n- \"optional\": Tool may support task-augmented execution\n- \"required\": Tool requires task-augmented execution\n\nDefault: \"forbidden\"",
          "enum": [
            "forbidden",
            "optional",
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
          "additionalProperties": {},
          "description": "Optional metadata about the tool result. Clients SHOULD preserve this field when\nincluding tool results in subsequent sampling requests to enable caching optimizations.\n\nSee [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.",
          "type": "object"
        },
        "content": {
          "description": "The unstructured result content of the tool use.\n\nThis has the same format as CallToolResult.content and can include text, images,\naudio, resource links, and embedded resources.",
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
          "additionalProperties": {},
          "description": "An optional structured result object.\n\nIf the tool defined an outputSchema, this SHOULD conform to that schema.",
          "type": "object"
        },
        "toolUseId": {
          "description": "The ID of the tool use this result corresponds to.\n\nThis MUST match the ID from a previous ToolUseContent.",
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
          "additionalProperties": {},
          "description": "Optional metadata about the tool use. Clients SHOULD preserve this field when\nincluding tool uses in subsequent sampling requests to enable caching optimizations.\n\nSee [General fields: `_meta`](/specification/2025-11-25/basic/index#meta) for notes on `_meta` usage.",
          "type": "object"
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
    // ---- mcp-tasks additions below: NOT upstream (TASKS-REQUIREMENTS A3). ----
    // "<method> result" = CreateTaskResult if the result has a top-level "task" key, else the plain result.
    "ToolsCallResult": {
      "$comment": "mcp-tasks addition, not part of the upstream schema (TASKS-REQUIREMENTS A3). Discriminated by a top-level \"task\" key.",
      "description": "Result of a tools/call request: CallToolResult, or CreateTaskResult when the request was task-augmented. mcp-tasks addition, not part of the upstream schema (TASKS-REQUIREMENTS A3).",
      "else": {
        "$ref": "#/$defs/CallToolResult"
      },
      "if": {
        "required": [
          "task"
        ]
      },
      "then": {
        "$ref": "#/$defs/CreateTaskResult"
      },
      "title": "ToolsCallResult"
    },
    "SamplingCreateMessageResult": {
      "$comment": "mcp-tasks addition, not part of the upstream schema (TASKS-REQUIREMENTS A3). Discriminated by a top-level \"task\" key.",
      "description": "Result of a sampling/createMessage request: CreateMessageResult, or CreateTaskResult when the request was task-augmented. mcp-tasks addition, not part of the upstream schema (TASKS-REQUIREMENTS A3).",
      "else": {
        "$ref": "#/$defs/CreateMessageResult"
      },
      "if": {
        "required": [
          "task"
        ]
      },
      "then": {
        "$ref": "#/$defs/CreateTaskResult"
      },
      "title": "SamplingCreateMessageResult"
    },
    "ElicitationCreateResult": {
      "$comment": "mcp-tasks addition, not part of the upstream schema (TASKS-REQUIREMENTS A3). Discriminated by a top-level \"task\" key.",
      "description": "Result of a elicitation/create request: ElicitResult, or CreateTaskResult when the request was task-augmented. mcp-tasks addition, not part of the upstream schema (TASKS-REQUIREMENTS A3).",
      "else": {
        "$ref": "#/$defs/ElicitResult"
      },
      "if": {
        "required": [
          "task"
        ]
      },
      "then": {
        "$ref": "#/$defs/CreateTaskResult"
      },
      "title": "ElicitationCreateResult"
    }
  }
} as const;

export type TasksSchemaDefName = keyof typeof tasksSchema.$defs;
