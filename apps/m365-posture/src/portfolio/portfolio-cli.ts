// `m365-posture --tenants <file>` and `--demo-portfolio [n]`: every tenant of a registry assessed,
// one report per tenant and the portfolio written to a folder, a line per tenant on stdout, and the
// exit code by the worst tenant with --fail-on.
import { resolve } from 'node:path';
import { loadTenantRegistry, type TenantEntry, type TenantRegistry } from '@m365-mcp/auth';
import type { FindingSeverity } from '@m365-mcp/cis-bridge';
import { createProgressReporter, isLiveTerminal } from '../progress.js';
import { failingAtOrAbove } from '../report.js';
import type { ServerCommand } from '../servers.js';
import { startDemoPortfolio } from './demo-portfolio.js';
import { formatPortfolioText } from './format-portfolio-text.js';
import { DEFAULT_PORTFOLIO_DIR, readPreviousPortfolio, writePortfolio } from './portfolio-files.js';
import { buildPortfolio, type PortfolioReport, type TenantResult } from './portfolio-report.js';
import { runPortfolio } from './portfolio-run.js';

export interface PortfolioCliOptions {
  /** The registry file; absent with --demo-portfolio. */
  tenants?: string;
  /** --demo-portfolio: how many generated tenants. */
  demoTenants?: number;
  out?: string;
  previous?: string;
  concurrency?: number;
  servers?: ServerCommand[];
  json: boolean;
  quiet: boolean;
  failOn?: FindingSeverity;
}

/** Whether the portfolio fails the --fail-on gate: a tenant with such a finding, or not assessed. */
export function portfolioFailsGate(results: readonly TenantResult[], threshold: FindingSeverity): boolean {
  return results.some((r) => r.notAssessedReason !== undefined || failingAtOrAbove(r.report, threshold) > 0);
}

export async function runPortfolioCli(options: PortfolioCliOptions): Promise<number> {
  const outDir = resolve(options.out ?? DEFAULT_PORTFOLIO_DIR);
  let previous: ReturnType<typeof readPreviousPortfolio>;
  let registry: TenantRegistry | undefined;
  try {
    // Both said before the run, which can take minutes, rather than after it.
    previous = readPreviousPortfolio(outDir, options.previous);
    if (options.tenants !== undefined) registry = await loadTenantRegistry(options.tenants);
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    return 1;
  }
  if (previous.warning) process.stderr.write(`warning: ${previous.warning}\n`);

  const demo =
    options.demoTenants !== undefined
      ? await startDemoPortfolio({
          count: options.demoTenants,
          ...(options.servers ? { servers: options.servers } : {}),
        })
      : undefined;
  const progress = createProgressReporter(process.stderr, { quiet: options.quiet });
  // The live display shows which server a tenant is at; plain lines say only a tenant's start and end.
  const live = isLiveTerminal(process.stderr);
  let portfolio: PortfolioReport;
  let results: TenantResult[];
  try {
    const runRegistry = demo?.registry ?? (registry as TenantRegistry);
    results = await runPortfolio({
      registry: runRegistry,
      ...(options.servers ? { servers: options.servers } : {}),
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      ...(demo ? { extraEnv: (server: string, tenant: TenantEntry) => demo.extraEnv(server, tenant) } : {}),
      onProgress: (event) => {
        if (live || event.phase !== 'assessing') progress.update(event);
      },
    });
    portfolio = buildPortfolio({ results, ...(previous.previous ? { previous: previous.previous } : {}) });
  } finally {
    progress.finish();
    await demo?.close();
  }
  process.stdout.write(
    options.json ? `${JSON.stringify(portfolio, null, 2)}\n` : formatPortfolioText(portfolio),
  );

  let files: ReturnType<typeof writePortfolio>;
  try {
    files = writePortfolio(outDir, portfolio, results);
  } catch (error) {
    process.stderr.write(`could not write the portfolio to ${outDir}: ${(error as Error).message}\n`);
    return 1;
  }
  (options.json ? process.stderr : process.stdout).write(
    `${options.json ? '' : '\n'}Portfolio: ${files.html}\nPortfolio JSON: ${files.json}\nPortfolio Markdown: ${files.markdown}\nTenant reports: ${outDir}/<tenant>/report.{html,json,md}\n`,
  );
  if (options.failOn && portfolioFailsGate(results, options.failOn)) return 2;
  return 0;
}
