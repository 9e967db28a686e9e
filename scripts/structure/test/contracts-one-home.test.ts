// Each shared contract (the finding model, the assessment contract, Microsoft's well-known ids) is
// defined once, in graph-core/src/contracts/. This fails when a package declares one again: the same
// exported name, the same GUID or key written out, or the same list of severities or statuses.
// The read-only annotation set is the kit's (every server defines its tools with mcp-kit), beside
// ToolAnnotations; it fails the same way when a read tool's hints are written out again.
import { describe, expect, it } from 'vitest';
import { packageSources, readSource, typeScriptFiles, withoutComments } from './source-files.ts';

const homeFolder = 'packages/graph-core/src/contracts';
const homeFiles = typeScriptFiles(homeFolder);

// graph-sim is the simulated Microsoft side and depends on nothing of ours (DESIGN), so it states
// Microsoft's ids itself, as Graph would.
const exemptPackages = ['packages/graph-sim/'];

// Names the contracts had before they had one home; a new declaration under one is a copy too.
const formerNames = [
  'ASSESSMENT_META_KEY',
  'GLOBAL_ADMIN',
  'GLOBAL_ADMIN_ROLE_ID',
  'globalAdministratorTemplateId',
  'MICROSOFT_GRAPH_APP_ID',
  'DIRECTORY_SYNC_ROLE',
  'DIRECTORY_SYNC_ROLE_ID',
  'PRIVILEGED_ROLE_ADMIN',
  'severities',
  'statuses',
  'frameworks',
];

const guidPattern = /'([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})'/gi;

interface Contract {
  /** What a finding says, e.g. "exported name findingSchema". */
  label: string;
  /** The contract's name in its home (`globalAdministrator`, `findingSchema`). */
  key: string;
  pattern: RegExp;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function contracts(): Contract[] {
  const list: Contract[] = [];
  const homeText = homeFiles.map((file) => withoutComments(readSource(file))).join('\n');
  const names = new Set([...homeText.matchAll(/export const (\w+)/g)].map((m) => m[1] as string));
  for (const name of [...names, ...formerNames]) {
    list.push({
      label: `exported name ${name}`,
      key: name,
      pattern: new RegExp(`export\\s+const\\s+${name}\\b`),
    });
  }
  // Every GUID in the home, under the key it has there (`globalAdministrator: '62e9…'`).
  for (const match of homeText.matchAll(/(\w+):\s*'([0-9a-f-]{36})'/gi)) {
    const [, key, guid] = match as unknown as [string, string, string];
    list.push({ label: `the id of ${key} (${guid})`, key, pattern: new RegExp(`'${guid}'`, 'i') });
  }
  for (const match of homeText.matchAll(/export const (\w+) = '([^']*)'/g)) {
    const [, key, value] = match as unknown as [string, string, string];
    list.push({
      label: `the value of ${key} ('${value}')`,
      key,
      pattern: new RegExp(`'${escapeRegExp(value)}'`),
    });
  }
  // The enumerations (severities, statuses, frameworks), written out as a list again.
  for (const match of homeText.matchAll(/export const (\w+) = \[([^\]]+)\]/g)) {
    const [, key, items] = match as unknown as [string, string, string];
    const values = [...items.matchAll(/'([^']+)'/g)].map((m) => escapeRegExp(m[1] as string));
    list.push({
      label: `the list ${key}`,
      key,
      pattern: new RegExp(values.map((v) => `'${v}'`).join(',\\s*')),
    });
  }
  return list;
}

describe('one home for each shared contract', () => {
  it('finds the contracts in graph-core', () => {
    const keys = contracts().map((c) => c.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'findingSchema',
        'findingSeverities',
        'assessmentMetaKey',
        'postureStatuses',
        'directoryRoleTemplateIds',
        'globalAdministrator',
        'microsoftGraphAppId',
      ]),
    );
    expect(homeFiles.map((f) => readSource(f)).join('\n')).toMatch(guidPattern);
  });

  it('no other package declares one again', () => {
    const all = contracts();
    const copies: string[] = [];
    for (const file of packageSources()) {
      if (file.startsWith(`${homeFolder}/`) || exemptPackages.some((p) => file.startsWith(p))) continue;
      const text = withoutComments(readSource(file));
      for (const contract of all) {
        if (!contract.pattern.test(text)) continue;
        copies.push(`${file}: ${contract.label}; import it from @m365-mcp/graph-core instead`);
      }
    }
    expect(copies).toEqual([]);
  });
});

// A read tool takes its hints from readOnlyAnnotations (spread, to change one, as a tool that reads
// only the server's store does: `{ ...readOnlyAnnotations, openWorldHint: false }`); so any
// `readOnlyHint: true` written out in a source outside the home is a copy.
const annotationsHome = 'packages/mcp-kit/src/tools/define-tool.ts';
const readOnlyHintWrittenOut = /readOnlyHint\s*:\s*true\b/;

describe('one home for the read-only annotation set', () => {
  it('finds it beside ToolAnnotations in mcp-kit', () => {
    const home = withoutComments(readSource(annotationsHome));
    const declaration = home.match(/export const readOnlyAnnotations\b[^{]*\{([^}]*)\}/)?.[1] ?? '';
    const hints = Object.fromEntries(
      [...declaration.matchAll(/(\w+)\s*:\s*(true|false)/g)].map((m) => [m[1], m[2] === 'true']),
    );
    expect(hints).toEqual({
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    });
  });

  it('no other source writes the set out again', () => {
    const copies = packageSources()
      .filter((file) => file !== annotationsHome)
      .filter((file) => readOnlyHintWrittenOut.test(withoutComments(readSource(file))))
      .map((file) => `${file}: read-only hints written out; use readOnlyAnnotations from @m365-mcp/mcp-kit`);
    expect(copies).toEqual([]);
  });
});
