// The long compliance tools report progress (when the client asks) and say through MCP logging what
// they ran, in a few short lines free of tenant data.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import {
  CallToolResultSchema,
  type LoggingMessageNotification,
  LoggingMessageNotificationSchema,
  type Progress,
} from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { complianceServer } from '../src/index.js';

const FAKE_PWSH = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'packages',
  'cis-bridge',
  'test',
  'fixtures',
  'fake-pwsh.mjs',
);

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start() {
  const dir = await mkdtemp(join(tmpdir(), 'compliance-progress-'));
  server = await startTestServer(complianceServer, {
    config: {
      settings: {
        databasePath: join(dir, 'runs.db'),
        powershell: {
          executable: FAKE_PWSH,
          script: 'Invoke-M365CISAudit.ps1',
          args: ['success', dir],
          outputPath: join(dir, 'm365_cis_audit.json'),
        },
      },
    },
  });
  const logs: LoggingMessageNotification['params'][] = [];
  server.client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void logs.push(n.params));
  return { s: server, logs };
}

async function callWithProgress(s: TestServer, name: string) {
  const progress: Progress[] = [];
  const result = await s.client.callTool({ name, arguments: {} }, CallToolResultSchema, {
    onprogress: (p) => void progress.push(p),
  });
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  return progress;
}

describe('progress and logs of the long compliance tools', () => {
  it('assess_compliance_posture reports the controls evaluated as it runs the audit, and logs the run', async () => {
    const { s, logs } = await start();
    const progress = await callWithProgress(s, 'assess_compliance_posture');
    expect(progress.length).toBeGreaterThan(1);
    const last = progress.at(-1);
    expect(last?.progress).toBe(last?.total);
    expect(last?.message).toBe(`${last?.total} of ${last?.total} controls evaluated`);
    const info = logs.filter(
      (l) => l.level === 'info' && l.logger === 'm365-compliance/assess_compliance_posture',
    );
    expect(info).toHaveLength(1);
    expect(info[0]?.data).toMatchObject({ message: expect.stringMatching(/^ran and stored audit run /) });

    // A fresh run is reused: nothing long left to report.
    expect(await callWithProgress(s, 'assess_compliance_posture')).toEqual([]);
    expect(logs.at(-1)?.data).toMatchObject({
      message: expect.stringMatching(/^reused the fresh audit run /),
    });
  });

  it('run_powershell_audit says when the script starts and when its report is stored', async () => {
    const { s, logs } = await start();
    const progress = await callWithProgress(s, 'run_powershell_audit');
    expect(progress.map((p) => [p.progress, p.total])).toEqual([
      [0, 1],
      [1, 1],
    ]);
    expect(progress[0]?.message).toBe('running the PowerShell audit script');
    expect(progress[1]?.message).toMatch(/^stored the script's report as run /);
    expect(logs.filter((l) => l.level === 'info').map((l) => l.logger)).toEqual([
      'm365-compliance/run_powershell_audit',
    ]);
  });
});
