// The assessment says through MCP logging which areas it ran, in names and counts only (no tenant
// data), at info: a client that never set a level sees it, one that set `error` does not.
import { startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import {
  type LoggingMessageNotification,
  LoggingMessageNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { identityServer } from '../src/index.js';

let t: TestServer;
const logs: LoggingMessageNotification['params'][] = [];
beforeAll(async () => {
  t = await startTestServer(identityServer);
  t.client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void logs.push(n.params));
});
afterAll(async () => t.close());

it('assess_identity_posture logs the areas it ran at info, and nothing at level error', async () => {
  const result = await t.client.callTool({ name: 'assess_identity_posture', arguments: {} });
  expect(result.isError).toBeFalsy();
  expect(
    logs.filter((l) => l.logger === 'm365-identity/assess_identity_posture' && l.level === 'info'),
  ).toEqual([
    {
      level: 'info',
      logger: 'm365-identity/assess_identity_posture',
      data: {
        message: 'identity areas ran',
        data: { checked: expect.arrayContaining(['privilegedAccess']), couldNotRun: [] },
      },
    },
  ]);

  logs.length = 0;
  await t.client.setLoggingLevel('error');
  await t.client.callTool({ name: 'assess_identity_posture', arguments: {} });
  expect(logs).toEqual([]);
});
