// A server's `src/tools/` holds its tools, one a file; what they share (views, presenters, failure
// wording) lives in `src/tools/support/`, so the folder reads as the server's list of tools.
import { describe, expect, it } from 'vitest';
import { readSource, typeScriptFiles, workspacePackages } from './source-files.ts';

const servers = workspacePackages().filter((pkg) => /^apps\/m365-(?!posture)/.test(pkg));

describe('tool rooms', () => {
  it('are found for the four servers', () => {
    expect(servers).toHaveLength(4);
  });

  it.each(servers)('%s/src/tools holds tools only', (server) => {
    const direct = typeScriptFiles(`${server}/src/tools`).filter(
      (file) => !file.slice(`${server}/src/tools/`.length).includes('/'),
    );
    expect(direct.length).toBeGreaterThan(3);
    const notTools = direct.filter((file) => !/\bdefine(Write)?Tool\s*\(/.test(readSource(file)));
    expect(notTools).toEqual([]);
  });
});
