// The m365-posture command line: a whole-tenant assessment through the m365-mcp servers, printed
// as a summary (stdout) with progress on stderr, or as JSON; reports can also be written as JSON,
// HTML and Markdown files; the exit code can gate a CI pipeline. With --tenants (or the
// --demo-portfolio) every tenant of a registry is assessed instead (portfolio/portfolio-cli.ts).

import { statSync } from 'node:fs';
import { type FindingSeverity, findingSeverities } from '@m365-mcp/cis-bridge';
import { DemoUnavailableError } from '@m365-mcp/mcp-kit/demo';
import { Command, InvalidArgumentError, Option } from 'commander';
import { formatHtml } from './format-html.js';
import { formatMarkdown } from './format-markdown.js';
import { formatText } from './format-text.js';
import { DEFAULT_DEMO_TENANTS, MAX_DEMO_TENANTS } from './portfolio/demo-portfolio.js';
import { runPortfolioCli } from './portfolio/portfolio-cli.js';
import { DEFAULT_TENANT_CONCURRENCY } from './portfolio/portfolio-run.js';
import { createProgressReporter } from './progress.js';
import { failingAtOrAbove, type PostureReport } from './report.js';
import { type ReportTarget, reportTargetProblem, writeReportFile } from './report-files.js';
import { runPosture } from './run.js';
import { parseServerOption, type ServerCommand } from './servers.js';

function collectServer(value: string, previous: ServerCommand[]): ServerCommand[] {
  try {
    return [...previous, parseServerOption(value)];
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

function positiveInteger(option: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
      throw new InvalidArgumentError(`${option} takes a whole number of at least 1, got "${value}"`);
    }
    return n;
  };
}

interface CliOptions {
  demo: boolean;
  tenants?: string;
  demoPortfolio?: number | true;
  concurrency?: number;
  previous?: string;
  server: ServerCommand[];
  json: boolean;
  out?: string;
  html?: string;
  markdown?: string;
  quiet: boolean;
  failOn?: FindingSeverity;
}

interface CliReport extends ReportTarget {
  format: (report: PostureReport) => string;
}

const formatJson = (report: PostureReport) => `${JSON.stringify(report, null, 2)}\n`;

function reportTargets(options: CliOptions): CliReport[] {
  const targets: CliReport[] = [];
  if (options.out) targets.push({ option: '--out', kind: 'JSON', file: options.out, format: formatJson });
  if (options.html) targets.push({ option: '--html', kind: 'HTML', file: options.html, format: formatHtml });
  if (options.markdown) {
    targets.push({ option: '--markdown', kind: 'Markdown', file: options.markdown, format: formatMarkdown });
  }
  return targets;
}

/** Options that do not go together, said before anything runs. */
function usageProblem(options: CliOptions): string | undefined {
  const portfolio = options.tenants !== undefined || options.demoPortfolio !== undefined;
  if (options.tenants !== undefined && options.demoPortfolio !== undefined) {
    return '--tenants and --demo-portfolio both name the tenants; give one';
  }
  if (portfolio && options.demo) return '--demo is one demo tenant; --demo-portfolio is the portfolio demo';
  if (portfolio && (options.html !== undefined || options.markdown !== undefined)) {
    return "with --tenants every report goes to the --out folder (each tenant's and portfolio.{html,json,md}); --html and --markdown are for one tenant";
  }
  if (typeof options.demoPortfolio === 'number' && options.demoPortfolio > MAX_DEMO_TENANTS) {
    return `--demo-portfolio runs at most ${MAX_DEMO_TENANTS} tenants, got ${options.demoPortfolio}`;
  }
  if (portfolio && options.out !== undefined && statSync(options.out, { throwIfNoEntry: false })?.isFile()) {
    return `--out ${options.out}: is a file; with --tenants it is the folder for every report`;
  }
  if (!portfolio && (options.concurrency !== undefined || options.previous !== undefined)) {
    return '--concurrency and --previous are for a portfolio run (--tenants or --demo-portfolio)';
  }
  return undefined;
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command('m365-posture')
    .description('Assess a Microsoft 365 tenant through the m365-mcp servers and print its posture.')
    .option('--demo', 'run against the built-in demo tenant (graph-sim); no credentials needed', false)
    .option(
      '--server <name=command>',
      'run this server instead of discovering them (repeatable), e.g. m365-security=node ./bin.js',
      collectServer,
      [] as ServerCommand[],
    )
    .option('--json', 'print the report as JSON instead of the summary', false)
    .option(
      '--tenants <file>',
      'assess every tenant of this registry (JSON) and write a portfolio report; see the README',
    )
    .option(
      '--demo-portfolio [count]',
      `a portfolio of generated demo tenants on one graph-sim (default ${DEFAULT_DEMO_TENANTS}); no credentials needed`,
      positiveInteger('--demo-portfolio'),
    )
    .option(
      '--concurrency <n>',
      `with --tenants: tenants assessed at once (default ${DEFAULT_TENANT_CONCURRENCY})`,
      positiveInteger('--concurrency'),
    )
    .option(
      '--previous <file>',
      'with --tenants: the portfolio.json to compare with (default: the last one in --out)',
    )
    .option(
      '--out <file>',
      'also write the JSON report to this file; with --tenants, the folder for every report (default reports/portfolio)',
    )
    .option('--html <file>', 'also write the report as one HTML file (offline, printable, filterable)')
    .option('--markdown <file>', 'also write the report as GitHub-flavoured Markdown')
    .option('--quiet', 'show no progress on stderr while the servers run', false)
    .addOption(
      new Option(
        '--fail-on <severity>',
        'exit 2 when a failing finding is at or above this severity',
      ).choices(findingSeverities),
    )
    .showHelpAfterError();
  program.parse(argv);
  const options = program.opts<CliOptions>();

  const usage = usageProblem(options);
  if (usage) {
    process.stderr.write(`error: ${usage}\n`);
    return 1;
  }
  if (options.tenants !== undefined || options.demoPortfolio !== undefined) {
    try {
      return await runPortfolioCli({
        ...(options.tenants !== undefined ? { tenants: options.tenants } : {}),
        ...(options.demoPortfolio !== undefined
          ? { demoTenants: options.demoPortfolio === true ? DEFAULT_DEMO_TENANTS : options.demoPortfolio }
          : {}),
        ...(options.out !== undefined ? { out: options.out } : {}),
        ...(options.previous !== undefined ? { previous: options.previous } : {}),
        ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
        ...(options.server.length > 0 ? { servers: options.server } : {}),
        ...(options.failOn !== undefined ? { failOn: options.failOn } : {}),
        json: options.json,
        quiet: options.quiet,
      });
    } catch (error) {
      if (!(error instanceof DemoUnavailableError)) throw error;
      process.stderr.write(`m365-posture: ${error.message}\n`);
      return 1;
    }
  }

  const targets = reportTargets(options);
  const problem = reportTargetProblem(targets);
  // Said before the run, which can take minutes, rather than after it; no usage text, the options are fine.
  if (problem) {
    process.stderr.write(`error: ${problem}\n`);
    return 1;
  }

  const progress = createProgressReporter(process.stderr, { quiet: options.quiet });
  let report: PostureReport;
  try {
    ({ report } = await runPosture({
      demo: options.demo,
      ...(options.server.length > 0 ? { servers: options.server } : {}),
      onProgress: (_server, _message, event) => progress.update(event),
    }));
  } catch (error) {
    // --demo without the simulator installed says what to install; it is no crash.
    if (!(error instanceof DemoUnavailableError)) throw error;
    progress.finish();
    process.stderr.write(`m365-posture: ${error.message}\n`);
    return 1;
  } finally {
    progress.finish();
  }
  process.stdout.write(options.json ? formatJson(report) : formatText(report));

  // Where the files went: after the summary on stdout, or on stderr when stdout carries the JSON.
  const notes: string[] = [];
  let exitCode = 0;
  for (const target of targets) {
    try {
      notes.push(`${target.kind} report: ${writeReportFile(target.file, target.format(report))}`);
    } catch (error) {
      process.stderr.write(
        `could not write the ${target.kind} report to ${target.file}: ${(error as Error).message}\n`,
      );
      exitCode = 1;
    }
  }
  if (notes.length > 0) {
    (options.json ? process.stderr : process.stdout).write(
      `${options.json ? '' : '\n'}${notes.join('\n')}\n`,
    );
  }
  // A report that could not be written is a failed run, whatever the findings say.
  if (exitCode !== 0) return exitCode;
  if (options.failOn && failingAtOrAbove(report, options.failOn) > 0) return 2;
  return 0;
}
