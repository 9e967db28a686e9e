// The long SharePoint tools report progress (when the client asks) and say through MCP logging what
// they covered, in counts only: no site, file or user name reaches a log line.
import { startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import {
  CallToolResultSchema,
  type LoggingMessageNotification,
  LoggingMessageNotificationSchema,
  type Progress,
} from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sharepointServer } from '../src/index.js';

let t: TestServer;
const logs: LoggingMessageNotification['params'][] = [];
beforeAll(async () => {
  t = await startTestServer(sharepointServer, { config: { settings: { contentScanning: true } } });
  t.client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void logs.push(n.params));
});
afterAll(async () => t.close());
beforeEach(() => {
  logs.length = 0;
});

async function callWithProgress(name: string, args: Record<string, unknown>) {
  const progress: Progress[] = [];
  const result = await t.client.callTool({ name, arguments: args }, CallToolResultSchema, {
    onprogress: (p) => void progress.push(p),
  });
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  return progress;
}

const infoOf = (tool: string) =>
  logs.filter((l) => l.level === 'info' && l.logger === `m365-sharepoint/${tool}`).map((l) => l.data);

describe('progress and logs of the long SharePoint tools', () => {
  it('analyze_sharepoint_permissions reports each document library scanned, and logs the counts', async () => {
    const progress = await callWithProgress('analyze_sharepoint_permissions', {
      site_url: 'https://contoso.sharepoint.com/sites/marketing',
    });
    expect(progress.length).toBeGreaterThan(0);
    const total = progress[0]?.total ?? 0;
    expect(progress.map((p) => p.progress)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(progress.at(-1)?.message).toBe(`${total} of ${total} document libraries scanned`);
    expect(infoOf('analyze_sharepoint_permissions')).toEqual([
      {
        message: 'site audited',
        data: {
          libraries: total,
          itemsScanned: expect.any(Number),
          sharedItems: expect.any(Number),
          complete: true,
        },
      },
    ]);
  });

  it('audit_sharepoint_sites and find_sensitive_content log what they covered; debug adds each step', async () => {
    await t.client.setLoggingLevel('debug');
    try {
      await callWithProgress('audit_sharepoint_sites', {});
      expect(infoOf('audit_sharepoint_sites')).toEqual([
        expect.objectContaining({ message: 'sharing audit finished' }),
      ]);
      const steps = logs.filter(
        (l) => l.level === 'debug' && l.logger === 'm365-sharepoint/audit_sharepoint_sites',
      );
      expect(steps.length).toBeGreaterThan(0);
      expect(steps[0]?.data).toMatchObject({
        message: expect.stringMatching(/^\d+ sites, \d+ items scanned, \d+ shared$/),
      });

      await callWithProgress('find_sensitive_content', {});
      expect(infoOf('find_sensitive_content')).toEqual([
        expect.objectContaining({
          message: 'content scan finished',
          data: expect.objectContaining({ filesWithMatches: expect.any(Number) }),
        }),
      ]);
      // Counts and kinds only: no tenant name or URL in any log line.
      expect(JSON.stringify(logs)).not.toMatch(/contoso\.sharepoint\.com|Marketing|\.docx|\.txt/i);
    } finally {
      await t.client.setLoggingLevel('info');
    }
  });
});
