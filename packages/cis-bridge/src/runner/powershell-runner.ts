import { spawn } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { AuditRun } from '../audit/run.js';
import { importReport, type ReportFormat } from '../importers/detect.js';

export interface PowerShellAuditConfig {
  /** The audit script, e.g. Invoke-M365CISAudit.ps1. */
  script: string;
  /** Arguments after `-File <script>`, e.g. ['-OutJson', 'out/m365_cis_audit.json', '-Timestamped']. */
  args?: string[];
  /** `pwsh` by default (`powershell.exe` on Windows). */
  executable?: string;
  /**
   * The JSON the script writes. With `-Timestamped` the script inserts `_yyyyMMdd_HHmmss` before
   * `.json`, so the newest matching file written during the run is taken.
   */
  outputPath: string;
  format?: ReportFormat;
  timeoutMs?: number;
  cwd?: string;
}

export class PowerShellRunError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
    readonly exitCode: number | null,
  ) {
    super(message);
    this.name = 'PowerShellRunError';
  }
}

const MAX_STDERR = 8000;

function defaultExecutable(): string {
  return process.platform === 'win32' ? 'powershell.exe' : 'pwsh';
}

async function newestOutput(outputPath: string, since: number): Promise<string | undefined> {
  const dir = dirname(outputPath);
  const stem = basename(outputPath).replace(/\.json$/i, '');
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return undefined;
  }
  const candidates: { path: string; mtime: number }[] = [];
  for (const name of names) {
    if (
      name !== `${stem}.json` &&
      !new RegExp(`^${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}_\\d{8}_\\d{6}\\.json$`).test(name)
    )
      continue;
    const path = join(dir, name);
    const info = await stat(path);
    if (info.mtimeMs >= since - 1000) candidates.push({ path, mtime: info.mtimeMs });
  }
  candidates.sort((a, b) => b.mtime - a.mtime);
  return candidates[0]?.path;
}

/**
 * Runs the configured audit script (`-NoProfile -File <script> <args>`, no shell), with a timeout,
 * stderr captured and the exit code checked, then imports the JSON it wrote.
 */
export async function runPowerShellAudit(config: PowerShellAuditConfig): Promise<AuditRun> {
  const started = Date.now();
  const executable = config.executable ?? defaultExecutable();
  const args = ['-NoProfile', '-File', config.script, ...(config.args ?? [])];
  const timeoutMs = config.timeoutMs ?? 10 * 60_000;
  const { code, stderr, timedOut } = await new Promise<{
    code: number | null;
    stderr: string;
    timedOut: boolean;
  }>((resolve, reject) => {
    const child = spawn(executable, args, {
      shell: false,
      cwd: config.cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
      windowsHide: true,
    });
    let err = '';
    let timedOut = false;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (err.length < MAX_STDERR) err += chunk.slice(0, MAX_STDERR - err.length);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new PowerShellRunError(`Could not start ${executable}: ${error.message}`, err, null));
    });
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ code: exitCode, stderr: err, timedOut });
    });
  });
  if (timedOut)
    throw new PowerShellRunError(
      `The audit script did not finish within ${timeoutMs} ms and was stopped.`,
      stderr,
      code,
    );
  if (code !== 0)
    throw new PowerShellRunError(
      `The audit script exited with code ${code}.${stderr ? ` stderr: ${stderr.trim().slice(0, 500)}` : ''}`,
      stderr,
      code,
    );
  const output = await newestOutput(config.outputPath, started);
  if (!output)
    throw new PowerShellRunError(
      `The audit script finished but wrote no ${config.outputPath} (or timestamped variant) during this run.`,
      stderr,
      code,
    );
  const text = await readFile(output, 'utf8');
  const run = importReport(text, {
    ...(config.format ? { format: config.format } : {}),
    label: `PowerShell: ${basename(config.script)} -> ${basename(output)}`,
  });
  return { ...run, source: 'powershell' };
}
