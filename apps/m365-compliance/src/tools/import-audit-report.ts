import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { compareSources, importReport, ReportImportError, reportFormats } from '@m365-mcp/cis-bridge';
import { defineTool, ToolInputError } from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { complianceSettings } from '../analysis/settings.js';
import { countsLine, runInfo, runInfoSchema, summarizeRun, summarySchema } from '../analysis/shapes.js';
import { runsFor } from '../store/tenant-runs.js';
import { importSource } from './support/import-source.js';
import {
  comparisonSchema,
  comparisonText,
  comparisonView,
  evaluatedCounterpart,
} from './support/source-comparison.js';

const MAX_BYTES = 50 * 1024 * 1024;

export const importAuditReport = defineTool({
  name: 'import_audit_report',
  title: 'Import an existing audit report as a run',
  description:
    "Imports a report file from the server's imports directory (Invoke-M365CISAudit m365_cis_audit.json, a Maester results JSON, or a ScubaGear ScubaResults JSON; format detected or given), validates it and stores it as a run, so status and drift cover it. Compares it with the newest run this server evaluated for the same tenant: controls in common, agreements, and each control where the report and this server disagree. Malformed files are refused and nothing is stored.",
  input: {
    path: z
      .string()
      .min(1)
      .max(1024)
      .describe(
        "The JSON report, inside the server's imports directory (settings.importsDirectory): its name there, or its full path",
      ),
    format: z.enum(reportFormats).optional(),
  },
  output: {
    run: runInfoSchema,
    summary: summarySchema,
    comparison: comparisonSchema
      .optional()
      .describe('Absent when no evaluated run of this tenant is stored (the text says why)'),
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  tenantData: true,
  async handler(args, ctx) {
    const settings = complianceSettings(ctx.config);
    const source = await importSource(settings.importsDirectory, args.path, MAX_BYTES);
    let imported: ReturnType<typeof importReport>;
    try {
      imported = importReport(await readFile(source, 'utf8'), {
        ...(args.format ? { format: args.format } : {}),
        label: `Imported ${basename(args.path)}`,
      });
    } catch (error) {
      if (error instanceof ReportImportError)
        throw new ToolInputError(`${error.message} Nothing was stored.`);
      throw error;
    }
    const runs = await runsFor(ctx, settings);
    const run = await runs.save(imported);
    const counterpart = await evaluatedCounterpart(runs, run, ctx.tenantText);
    const comparison =
      'run' in counterpart ? comparisonView(compareSources(run, counterpart.run), ctx.tenantText) : undefined;
    return {
      structured: { run: runInfo(run), summary: summarizeRun(run), ...(comparison ? { comparison } : {}) },
      summary: `Imported ${ctx.tenantText(basename(args.path))} as ${run.source} run ${run.id}: ${countsLine(run)}. ${comparison ? comparisonText(comparison) : 'note' in counterpart ? counterpart.note : ''}`,
    };
  },
});
