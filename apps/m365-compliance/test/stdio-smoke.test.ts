import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '..', 'bin', 'm365-compliance.js');
const built = existsSync(join(import.meta.dirname, '..', 'dist', 'bin.js'));

// The repo's test command builds first; while developing, build with turbo before running this.
describe.skipIf(!built)('built bin over stdio', () => {
  it('lists the tools and answers the assessment with --demo', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'compliance-smoke-'));
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin, '--demo', '--audit-log', join(dir, 'audit.jsonl')],
      stderr: 'ignore',
    });
    const client = new Client({ name: 'smoke', version: '0.0.0' });
    await client.connect(transport);
    try {
      const tools = (await client.listTools()).tools.map((t) => t.name);
      expect(tools).toContain('assess_compliance_posture');
      expect(tools).not.toContain('remediate_control');
      const result = await client.callTool({ name: 'assess_compliance_posture', arguments: {} });
      expect(result.isError).toBeFalsy();
      expect((result.structuredContent as { status: string }).status).toBe('critical');
    } finally {
      await client.close();
    }
  });
});
