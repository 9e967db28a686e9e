// The container image, built and run with podman as an operator runs it: m365-security on a
// read-only root filesystem as the non-root user, pointed at graph-sim over HTTPS (its CA mounted),
// answering a real MCP client over Streamable HTTP; SIGTERM stops it cleanly within the grace period;
// the audit log, its key and nothing else are written, on the /data volume.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditRecordSchema, loadAuditKeyFile, verifyAuditLog } from '@m365-mcp/audit-log';
import { type GraphSim, startGraphSim } from '@m365-mcp/graph-sim';
import { tokenFingerprint } from '@m365-mcp/mcp-kit/http';
import { callTool } from '@m365-mcp/mcp-kit/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage, imageServers, imageUser } from '../../scripts/build-image.mjs';
import {
  containerUnavailableReason,
  podman,
  podmanEnv,
  podmanGlobal,
  runOnce,
  startContainer,
} from './podman.js';

const unavailable = containerUnavailableReason();
const tag = 'localhost/m365-mcp:test';

describe.skipIf(unavailable !== undefined)(`the container image ${unavailable ?? ''}`, () => {
  let scratch: string;
  let sim: GraphSim;
  beforeAll(async () => {
    // Cached: the base is built once per Node version, the app layer is a few MB of copies.
    buildImage({ tag });
    scratch = await mkdtemp(join(tmpdir(), 'm365-container-'));
    sim = await startGraphSim();
  }, 300_000);
  const containers: string[] = [];
  afterAll(async () => {
    // A failed run may leave its container behind.
    for (const name of containers) podman(['rm', '--force', '--volumes', '--ignore', name]);
    await sim?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('is built for the non-root user, with the server as its argument and a health check', () => {
    // podman keeps the health check beside the config (docker format), so the whole record is read.
    const [image] = JSON.parse(podman(['image', 'inspect', tag]).stdout) as {
      Config: { User: string; Entrypoint: string[]; Volumes: Record<string, unknown> };
      Healthcheck?: { Test: string[] };
    }[];
    expect(image?.Config.User).toBe(`${imageUser.uid}:${imageUser.gid}`);
    expect(image?.Config.Entrypoint).toEqual(['/nodejs/bin/node', '/app/entrypoint.mjs']);
    expect(image?.Healthcheck?.Test).toEqual(['CMD', '/nodejs/bin/node', '/app/healthcheck.mjs', '3000']);
    expect(Object.keys(image?.Config.Volumes ?? {})).toEqual(['/data']);

    // No shell: nothing can be run in the container but Node.
    const shell = runOnce(['--read-only', '--entrypoint', '/bin/sh', tag, '-c', 'true']);
    expect(shell.code).not.toBe(0);

    const unknown = runOnce(['--read-only', tag, 'm365-nope']);
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain(
      `unknown server "m365-nope": this image runs ${imageServers.join(', ')}`,
    );
  });

  it('serves m365-security to a real MCP client from a read-only root, stops cleanly on SIGTERM, and audits to /data', async () => {
    // A subcommand passes through: the permissions the server needs, as it prints them.
    const permissions = runOnce(['--read-only', tag, 'm365-security', 'permissions', '--json']);
    expect(permissions.code).toBe(0);
    const roles = (
      JSON.parse(permissions.stdout) as { permissions: { permission: string }[] }
    ).permissions.map((p) => p.permission);
    const secret = randomBytes(24).toString('hex');
    const app = sim.registerApp({ roles, secret });
    const token = randomBytes(32).toString('hex');

    const data = join(scratch, 'data');
    await mkdir(data);
    const caFile = join(scratch, 'graph-sim-ca.pem');
    await writeFile(caFile, sim.ca);
    await chmod(caFile, 0o644);

    const name = `m365-container-test-${process.pid}`;
    containers.push(name);
    const running = startContainer(
      [
        '--name',
        name,
        '--read-only',
        '--network',
        'host',
        // The health check is run below by hand; no timer (this machine has no systemd).
        '--health-interval',
        'disable',
        // :U hands the directory to the container's user, as a fresh named volume would be.
        '--volume',
        `${data}:/data:U`,
        '--volume',
        `${caFile}:/config/graph-sim-ca.pem:ro`,
        ...['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET', 'M365_MCP_HTTP_TOKEN'].flatMap(
          (variable) => ['--env', variable],
        ),
        '--env',
        `AZURE_AUTHORITY_HOST=${sim.url}`,
        '--env',
        `M365_GRAPH_URL=${sim.url}`,
        '--env',
        'NODE_EXTRA_CA_CERTS=/config/graph-sim-ca.pem',
        tag,
        'm365-security',
        '--port',
        '0',
      ],
      {
        AZURE_TENANT_ID: sim.tenantId,
        AZURE_CLIENT_ID: app.clientId,
        AZURE_CLIENT_SECRET: secret,
        M365_MCP_HTTP_TOKEN: token,
      },
    );
    const [, port] = await running.waitFor(
      /MCP server on Streamable HTTP at http:\/\/0\.0\.0\.0:(\d+)\/mcp,/,
    );
    const url = new URL(`http://127.0.0.1:${port}/mcp`);

    const [inspected] = JSON.parse(podman(['container', 'inspect', name]).stdout) as {
      Config: { User: string };
      HostConfig: { ReadonlyRootfs: boolean };
    }[];
    expect(inspected?.Config.User).toBe(`${imageUser.uid}:${imageUser.gid}`);
    expect(inspected?.HostConfig.ReadonlyRootfs).toBe(true);

    const health = podman(['exec', name, '/nodejs/bin/node', '/app/healthcheck.mjs', port ?? '']);
    expect(health).toMatchObject({ code: 0, stdout: 'healthy\n' });

    const transport = new StreamableHTTPClientTransport(url, {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    });
    const client = new Client({ name: 'container-test', version: '0.0.0' });
    await client.connect(transport);
    const result = await callTool(client, 'assess_security_posture', {});
    expect(result.isError).toBeFalsy();
    expect(result.structured.status).toBe('critical');

    // SIGTERM with the client still connected; podman would SIGKILL after 15 s (exit 137).
    const stop = spawn('podman', [...podmanGlobal, 'stop', '--time', '15', name], {
      stdio: 'ignore',
      env: podmanEnv(process.env),
    });
    expect(await new Promise((resolve) => stop.once('exit', resolve))).toBe(0);
    expect(await running.exit).toEqual({ code: 0, signal: null });
    await client.close();
    const stderr = running.stderr();
    // Stateless HTTP (SDK v2): nothing was running when the signal came.
    expect(stderr).toMatch(/m365-security: SIGTERM: shutting down \(0 running request\(s\)\)/);
    expect(stderr).toMatch(/m365-security: stopped/);
    for (const value of [token, secret]) expect(stderr).not.toContain(value);

    // The audit log and its key, on the volume, owned by the server's user; the chain and MACs verify.
    const auditLog = join(data, '.m365-mcp', 'audit', 'm365-security.jsonl');
    const keyFile = join(data, '.m365-mcp', 'keys', 'audit.key');
    const text = await readFile(auditLog, 'utf8');
    const records = text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => auditRecordSchema.parse(JSON.parse(line)));
    expect(records.map((record) => record.tool)).toEqual(['assess_security_posture']);
    expect(records[0]?.caller).toBe(`http:${tokenFingerprint(token)}@127.0.0.1`);
    for (const value of [token, secret]) expect(text).not.toContain(value);
    expect(await verifyAuditLog(auditLog, { key: await loadAuditKeyFile(keyFile) })).toMatchObject({
      ok: true,
    });
    if (process.getuid?.() === 0) {
      // Rootful podman maps the container's user to the same uid on the host.
      expect((await stat(auditLog)).uid).toBe(imageUser.uid);
      expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    }
  }, 120_000);
});
