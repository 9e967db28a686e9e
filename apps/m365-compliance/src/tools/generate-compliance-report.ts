import { randomUUID } from 'node:crypto';
import { lstat, mkdir, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import {
  type AuditRun,
  type ExportProduct,
  exportRunCsv,
  exportRunHtml,
  exportRunJson,
  exportRunMarkdown,
  exportRunOcsf,
  exportRunSarif,
} from '@m365-mcp/cis-bridge';
import { defineTool, quoteArgument, ToolInputError } from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { complianceSettings } from '../analysis/settings.js';
import { countsLine, safeFinding, type TenantText } from '../analysis/shapes.js';
import { runsFor } from '../store/tenant-runs.js';

// Writes a stored run as a report file, only inside one allowed directory (the configured
// `settings.reportsDirectory`, or `reports` beside the run database): the path comes from the model,
// so a path that leaves the directory (.., absolute elsewhere, a symlink out) is refused, and an
// existing file is replaced only with `overwrite: true` (and never through a symlink). Files hold
// the run verbatim (each format escapes for itself); inline Markdown goes to the model, so its
// tenant strings are cleaned first.

export const reportFormats = ['json', 'markdown', 'csv', 'ocsf', 'sarif', 'html'] as const;
type ReportFormat = (typeof reportFormats)[number];

const extension: Record<ReportFormat, string> = {
  json: 'json',
  markdown: 'md',
  csv: 'csv',
  ocsf: 'ocsf.json',
  sarif: 'sarif',
  html: 'html',
};

const reportSettingsSchema = z.object({ reportsDirectory: z.string().min(1).optional() }).passthrough();

const MAX_INLINE = 30_000;

function packageVersion(): string | undefined {
  // src/tools/ in development and tests, dist/ when bundled: try both, keep the one that is ours.
  const require = createRequire(import.meta.url);
  for (const candidate of ['../package.json', '../../package.json']) {
    try {
      const pkg = require(candidate) as { name?: string; version?: string };
      if (pkg.name === '@m365-mcp/m365-compliance') return pkg.version;
    } catch {
      // Not at this level.
    }
  }
  return undefined;
}

const version = packageVersion();
const product: ExportProduct = {
  name: 'm365-compliance',
  vendorName: 'm365-mcp',
  ...(version ? { version } : {}),
};

function render(run: AuditRun, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return exportRunJson(run);
    case 'markdown':
      return exportRunMarkdown(run);
    case 'csv':
      return exportRunCsv(run);
    case 'ocsf':
      return exportRunOcsf(run, product);
    case 'sarif':
      return exportRunSarif(run, product);
    case 'html':
      return exportRunHtml(run);
  }
}

function cleanRun(run: AuditRun, text: TenantText): AuditRun {
  return {
    ...run,
    // An imported report's start time is kept as written.
    startedAt: text(run.startedAt),
    ...(run.tenantName ? { tenantName: text(run.tenantName) } : {}),
    ...(run.label ? { label: text(run.label) } : {}),
    results: run.results.map((r) => ({ ...r, finding: safeFinding(r.finding, text) })),
  };
}

/** The absolute target inside `root`, or a ToolInputError saying why not. */
/** The longest file name most file systems take (bytes, not characters). */
const MAX_NAME_BYTES = 255;

async function targetInside(root: string, requested: string): Promise<string> {
  const target = resolve(root, requested);
  // The path comes from the model: errors repeat it cleaned and bounded like tenant text.
  const shown = quoteArgument(requested, 300);
  if (Buffer.byteLength(basename(target)) > MAX_NAME_BYTES)
    throw new ToolInputError(`The file name is longer than ${MAX_NAME_BYTES} bytes; choose a shorter one.`);
  const rel = relative(root, target);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel))
    throw new ToolInputError(`Refused: ${shown} is outside the reports directory ${root}.`);
  await mkdir(root, { recursive: true, mode: 0o700 });
  // Only the root is created: making subfolders could follow a symlink inside the root out of it.
  const realRoot = await realpath(root);
  const realParent = await realpath(dirname(target)).catch(() => {
    throw new ToolInputError(
      `The folder ${quoteArgument(dirname(target), 300)} does not exist inside the reports directory.`,
    );
  });
  if (realParent !== realRoot && !realParent.startsWith(`${realRoot}${sep}`))
    throw new ToolInputError(`Refused: ${shown} leads outside the reports directory ${root}.`);
  return join(realParent, basename(target));
}

async function writeReport(target: string, body: string, overwrite: boolean): Promise<void> {
  const existing = await lstat(target).catch(() => undefined);
  if (existing && !overwrite)
    throw new ToolInputError(
      `${quoteArgument(target, 300)} already exists; pass overwrite: true to replace it.`,
    );
  if (existing && !existing.isFile())
    throw new ToolInputError(
      `${quoteArgument(target, 300)} is not a regular file (a symlink or folder); not replaced.`,
    );
  if (!existing) {
    // 'wx' fails if something appeared since the check (or is a dangling symlink).
    await writeFile(target, body, { flag: 'wx', mode: 0o600 });
    return;
  }
  // Replace by rename, which swaps the directory entry and never follows a link.
  const temporary = `${target}.${randomUUID()}.tmp`;
  await writeFile(temporary, body, { flag: 'wx', mode: 0o600 });
  try {
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export const generateComplianceReport = defineTool({
  name: 'generate_compliance_report',
  title: 'Write a report of a compliance run',
  description:
    'Renders a stored run (the latest by default) as json, markdown, csv (one finding a row), ocsf (OCSF 1.1 Detection Finding events for a SIEM), sarif (SARIF 2.1.0) or html (a single-file report with charts and filters), and writes it to `path` inside the reports directory (relative paths are taken from there; nothing outside it is written; an existing file is replaced only with overwrite: true). Without a path, markdown comes back inline in structuredContent.markdown and other formats go to a file named after the run. No Graph calls.',
  input: {
    runId: z.string().uuid().optional(),
    format: z.enum(reportFormats).default('markdown'),
    path: z.string().min(1).max(500).optional(),
    overwrite: z.boolean().default(false),
  },
  output: {
    runId: z.string(),
    format: z.enum(reportFormats),
    destination: z.enum(['file', 'inline']),
    path: z.string().optional(),
    reportsDirectory: z.string(),
    bytes: z.number().int(),
    markdown: z.string().optional(),
    truncated: z.boolean().optional(),
  },
  // Destructive only with overwrite: true, which replaces an earlier report file.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
  tenantData: true,
  async handler(args, ctx) {
    const settings = complianceSettings(ctx.config);
    const configured = reportSettingsSchema.parse(ctx.config.settings).reportsDirectory;
    const reportsDirectory = configured
      ? resolve(configured)
      : join(dirname(resolve(settings.databasePath)), 'reports');
    const runs = await runsFor(ctx, settings);
    const run = args.runId ? await runs.get(args.runId) : await runs.latest();
    if (!run)
      throw new ToolInputError(
        args.runId
          ? `No stored run ${args.runId}.`
          : 'No run is stored yet: call run_security_audit or import_audit_report first.',
      );
    const base = { runId: run.id, format: args.format, reportsDirectory };
    if (!args.path && args.format === 'markdown') {
      const full = exportRunMarkdown(cleanRun(run, ctx.tenantText));
      const truncated = full.length > MAX_INLINE;
      const markdown = truncated ? `${full.slice(0, MAX_INLINE)}\n\n(truncated)\n` : full;
      return {
        structured: {
          ...base,
          destination: 'inline' as const,
          bytes: Buffer.byteLength(markdown),
          markdown,
          ...(truncated ? { truncated } : {}),
        },
        summary: `Markdown report of run ${run.id} (${countsLine(run)}) returned inline in structuredContent.markdown: ${Buffer.byteLength(markdown)} bytes${truncated ? ', truncated; pass a path for the whole report' : ''}.`,
      };
    }
    const requested = args.path ?? `compliance-${run.id}.${extension[args.format]}`;
    const target = await targetInside(reportsDirectory, requested);
    const body = render(run, args.format);
    await writeReport(target, body, args.overwrite);
    const bytes = Buffer.byteLength(body);
    return {
      structured: { ...base, destination: 'file' as const, path: target, bytes },
      summary: `Wrote the ${args.format} report of run ${run.id} (${countsLine(run)}) to ${target} (${bytes} bytes).`,
    };
  },
});
