// The m365-posture command line: a whole-tenant assessment through the m365-mcp servers, printed
// as a summary (stdout) with progress on stderr, or as JSON; the exit code can gate a CI pipeline.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { type Severity, severities } from './assessment.js';
import { formatHtml } from './format-html.js';
import { formatText } from './format-text.js';
import { failingAtOrAbove } from './report.js';
import { runPosture } from './run.js';
import { parseServerOption, type ServerCommand } from './servers.js';

function collectServer(value: string, previous: ServerCommand[]): ServerCommand[] {
  try {
    return [...previous, parseServerOption(value)];
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

function writeReport(file: string, content: string): string {
  const path = resolve(file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
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
    .option('--out <file>', 'also write the JSON report to this file')
    .option('--html <file>', 'also write the report as one HTML file (offline, printable, filterable)')
    .addOption(
      new Option(
        '--fail-on <severity>',
        'exit 2 when a failing finding is at or above this severity',
      ).choices(severities),
    )
    .showHelpAfterError();
  program.parse(argv);
  const options = program.opts<{
    demo: boolean;
    server: ServerCommand[];
    json: boolean;
    out?: string;
    html?: string;
    failOn?: Severity;
  }>();

  const progress = (server: string, message: string) => process.stderr.write(`[${server}] ${message}\n`);
  const { report } = await runPosture({
    demo: options.demo,
    ...(options.server.length > 0 ? { servers: options.server } : {}),
    onProgress: progress,
  });
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatText(report));
  if (options.out) {
    const path = writeReport(options.out, `${JSON.stringify(report, null, 2)}\n`);
    process.stderr.write(`JSON report written to ${path}\n`);
  }
  if (options.html) {
    const path = writeReport(options.html, formatHtml(report));
    // On stdout, last: the one thing a person needs after the summary is where the report went.
    process.stdout.write(`\nHTML report: ${path}\n`);
  }
  if (options.failOn && failingAtOrAbove(report, options.failOn) > 0) return 2;
  return 0;
}
