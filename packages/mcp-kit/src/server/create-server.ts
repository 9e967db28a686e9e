import { randomUUID } from 'node:crypto';
import { osCaller } from '@m365-mcp/audit-log';
import { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { PromptDefinition } from '../prompts/define-prompt.js';
import { serveTaskMethods } from '../tasks/serve-task-methods.js';
import { TaskStore } from '../tasks/task-store.js';
import { tasksExtensionId } from '../tasks/tasks-extension.js';
import { listTenantsTool, listTenantsToolName } from '../tenants/list-tenants-tool.js';
import { untrustedDataNotice } from '../tools/tenant-text.js';
import { PlanStore } from '../writes/plan-store.js';
import { registerWriteTool } from '../writes/register-write-tool.js';
import { cleanOutgoingErrors } from './clean-outgoing-errors.js';
import { ClientLogLevel, serveSetLevel } from './client-log-level.js';
import { kitMcpServer } from './kit-mcp-server.js';
import { registerReadTool } from './register-read-tool.js';
import type { ServerDefinition } from './server-definition.js';
import type { AuditSink, ServerDeps, ServerRuntime } from './server-runtime.js';
import { serveToolCalls, type ToolCall } from './tool-calls.js';

// Said once for every tool, rather than in each tool's description (tools/list is paid every turn).
const structuredNote =
  "Each tool's text result is a short summary; its structuredContent carries the same facts in full.";

const tenantsNote =
  'This server serves many tenants: every tool but list_tenants takes a required `tenant` (a name from list_tenants); a write plan applies only with the tenant it was made for.';

function instructionsFor(definition: ServerDefinition, deps: ServerDeps): string {
  const { allowWrites } = deps;
  const writes = definition.tools.some((tool) => tool.kind === 'write')
    ? allowWrites
      ? 'Write tools are enabled: each first returns a plan and a planId and changes nothing; show the plan to the user and apply it only with their agreement by calling the tool again with the planId.'
      : 'This server runs read-only: its write tools are not available (start it with --allow-writes to enable them).'
    : '';
  const tenants = deps.tenants === undefined ? '' : tenantsNote;
  return [
    definition.instructions,
    tenants,
    structuredNote,
    untrustedDataNotice.replace(/^Note: /, ''),
    writes,
  ]
    .filter((part) => part.length > 0)
    .join('\n\n');
}

// Over HTTP the SDK builds a server instance per request; write plans must outlive it. Instances
// that share an audit log (one per server process) share a plan store unless deps names one.
const plansByAuditLog = new WeakMap<AuditSink, PlanStore>();

function planStoreFor(deps: ServerDeps): PlanStore {
  if (deps.plans !== undefined) return deps.plans;
  let plans = plansByAuditLog.get(deps.auditLog);
  if (plans === undefined) {
    plans = new PlanStore(deps.planTtlMs === undefined ? {} : { ttlMs: deps.planTtlMs });
    plansByAuditLog.set(deps.auditLog, plans);
  }
  return plans;
}

const tasksByAuditLog = new WeakMap<AuditSink, TaskStore>();

function taskStoreFor(deps: ServerDeps): TaskStore {
  if (deps.tasks !== undefined) return deps.tasks;
  let tasks = tasksByAuditLog.get(deps.auditLog);
  if (tasks === undefined) {
    tasks = new TaskStore();
    tasksByAuditLog.set(deps.auditLog, tasks);
  }
  return tasks;
}

function registerPrompt(server: McpServer, prompt: PromptDefinition): void {
  server.registerPrompt(
    prompt.name,
    {
      title: prompt.title,
      description: prompt.description,
      argsSchema: z.object(prompt.args),
    },
    (args) => ({
      messages: prompt.messages(args as Record<string, string | undefined>).map((message) => ({
        role: message.role,
        content: { type: 'text' as const, text: message.text },
      })),
    }),
  );
}

/** Builds the MCP server from a definition and its dependencies; the transport is the caller's choice. */
export function createServer(definition: ServerDefinition, deps: ServerDeps): McpServer {
  if (deps.graph === undefined && deps.tenants === undefined) {
    throw new Error(`${definition.name}: createServer needs a Graph client or tenant connections`);
  }
  // A server with a long tool offers the Tasks extension (its tasks/* methods answer either way).
  const offersTasks = definition.tools.some((tool) => tool.kind === 'tool' && tool.longRunning === true);
  const server = new McpServer(
    { name: definition.name, title: definition.title, version: definition.version },
    {
      capabilities: {
        logging: {},
        ...(offersTasks ? { extensions: { [tasksExtensionId]: {} } } : {}),
      },
      instructions: instructionsFor(definition, deps),
    },
  );
  const runtime: ServerRuntime = {
    name: definition.name,
    server: kitMcpServer(server),
    deps,
    caller: deps.caller ?? osCaller(),
    session: deps.session ?? randomUUID(),
    plans: planStoreFor(deps),
    tasks: taskStoreFor(deps),
    logLevel: new ClientLogLevel(),
  };

  const calls = new Map<string, ToolCall>();
  const writesOff = new Set<string>();
  const longRunning = new Set<string>();
  for (const tool of definition.tools) {
    if (calls.has(tool.name) || writesOff.has(tool.name)) {
      throw new Error(`${definition.name}: two tools are named ${tool.name}`);
    }
    if (tool.kind === 'tool') {
      calls.set(tool.name, registerReadTool(runtime, tool));
      if (tool.longRunning === true) longRunning.add(tool.name);
    }
    // Without --allow-writes a write tool does not exist at all: not listed, not callable.
    else if (deps.allowWrites) calls.set(tool.name, registerWriteTool(runtime, tool));
    else writesOff.add(tool.name);
  }
  if (deps.tenants !== undefined) {
    if (calls.has(listTenantsToolName) || writesOff.has(listTenantsToolName)) {
      throw new Error(
        `${definition.name}: ${listTenantsToolName} is the kit's own tool with a tenants registry`,
      );
    }
    calls.set(
      listTenantsToolName,
      registerReadTool(runtime, listTenantsTool(deps.tenants), { tenantFree: true }),
    );
  }
  // Every tools/call goes through our envelope, refused or not (see tool-calls.ts).
  serveToolCalls(runtime, { calls, writesOff, longRunning });
  serveTaskMethods(runtime.server, runtime.tasks);
  serveSetLevel(server, runtime.logLevel);
  for (const prompt of definition.prompts ?? []) registerPrompt(server, prompt);
  // Whatever transport the caller connects (stdio, a Streamable HTTP session, a test's in-memory
  // pair), the errors the SDK answers by itself leave cleaned.
  const connect = server.connect.bind(server);
  server.connect = (transport) => connect(cleanOutgoingErrors(transport));
  return server;
}
