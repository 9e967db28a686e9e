import { describe, expect, it } from 'vitest';
import {
  allowedHostsFor,
  isLoopbackHost,
  parseAllowedHost,
  refuseForeignHostOrOrigin,
} from '../src/http/allowed-hosts.js';

const loopback = allowedHostsFor({ host: '127.0.0.1', address: '127.0.0.1', port: 3000 }, []);

describe('Host and Origin checks (DNS-rebinding protection)', () => {
  it('accept the bound address and localhost on the bound port, with or without a same-host Origin', () => {
    for (const host of ['127.0.0.1:3000', 'localhost:3000', 'LOCALHOST:3000']) {
      expect(refuseForeignHostOrOrigin({ host }, loopback), host).toBeUndefined();
      expect(refuseForeignHostOrOrigin({ host, origin: `http://${host}` }, loopback), host).toBeUndefined();
    }
  });

  it('refuse other names, other ports, a missing or odd Host, and foreign or malformed Origins', () => {
    for (const host of [
      undefined,
      '',
      'evil.example:3000',
      '127.0.0.1:3001',
      '127.0.0.1',
      'a@127.0.0.1:3000',
      '127.0.0.1:3000/x',
    ]) {
      expect(refuseForeignHostOrOrigin({ host }, loopback), String(host)).toMatch(/Host/);
    }
    for (const origin of [
      'http://evil.example',
      'http://127.0.0.1:3001',
      'null',
      'javascript:alert(1)',
      'http://u:p@127.0.0.1:3000',
    ]) {
      expect(refuseForeignHostOrOrigin({ host: '127.0.0.1:3000', origin }, loopback), origin).toMatch(
        /Origin/,
      );
    }
  });

  it('handle IPv6 loopback in its bracketed form', () => {
    const v6 = allowedHostsFor({ host: '::1', address: '::1', port: 8080 }, []);
    expect(
      refuseForeignHostOrOrigin({ host: '[::1]:8080', origin: 'http://[::1]:8080' }, v6),
    ).toBeUndefined();
    expect(refuseForeignHostOrOrigin({ host: 'localhost:8080' }, v6)).toBeUndefined();
    expect(refuseForeignHostOrOrigin({ host: '[::2]:8080' }, v6)).toMatch(/Host/);
  });

  it('accept a reverse proxy name on any port (its Host has none, its Origin is https on 443)', () => {
    const proxy = parseAllowedHost('MCP.example.com');
    expect(proxy).toEqual({ hostname: 'mcp.example.com', port: undefined });
    const allowed = allowedHostsFor(
      { host: '10.0.0.5', address: '10.0.0.5', port: 3000 },
      proxy ? [proxy] : [],
    );
    expect(
      refuseForeignHostOrOrigin({ host: 'mcp.example.com', origin: 'https://mcp.example.com' }, allowed),
    ).toBeUndefined();
    expect(refuseForeignHostOrOrigin({ host: '10.0.0.5:3000' }, allowed)).toBeUndefined();
    // A specific address bind does not answer to localhost.
    expect(refuseForeignHostOrOrigin({ host: 'localhost:3000' }, allowed)).toMatch(/Host/);
    expect(parseAllowedHost('mcp.example.com:8443')).toEqual({ hostname: 'mcp.example.com', port: 8443 });
    for (const bad of ['https://mcp.example.com', 'mcp.example.com/path', 'a b', 'host:99999', '']) {
      expect(parseAllowedHost(bad), bad).toBeUndefined();
    }
  });

  it('know loopback addresses from the rest', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '0:0:0:0:0:0:0:1']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ['0.0.0.0', '::', '10.0.0.1', 'example.com', '::ffff:10.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});
