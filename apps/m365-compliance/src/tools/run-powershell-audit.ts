import { PowerShellRunError, ReportImportError, runPowerShellAudit } from '@m365-mcp/cis-bridge';
import { defineTool, ToolInputError } from '@m365-mcp/mcp-kit';
import { complianceSettings } from '../analysis/settings.js';
import { countsLine, runInfo, runInfoSchema, summarizeRun, summarySchema } from '../analysis/shapes.js';
import { runsFor } from '../store/tenant-runs.js';

export const runPowershellAudit = defineTool({
  name: 'run_powershell_audit',
  title: 'Run the configured PowerShell CIS audit and store its results',
  description:
    'Runs the audit script configured in settings.powershell (pwsh -NoProfile -File <script> <args>, no shell, with a timeout), imports the JSON it writes, and stores it as a run. Use for the Exchange, Teams and SharePoint controls Graph cannot read. Takes as long as the script.',
  input: {},
  output: { run: runInfoSchema, summary: summarySchema },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  tenantData: true,
  async handler(_args, ctx) {
    const settings = complianceSettings(ctx.config);
    if (!settings.powershell) {
      throw new ToolInputError(
        'No PowerShell audit is configured: set settings.powershell { script, outputPath, args } in the config file.',
      );
    }
    try {
      // The script is a black box: one step when it starts, one when its report is stored.
      await ctx.progress(0, 1, 'running the PowerShell audit script');
      const runs = await runsFor(ctx, settings);
      const run = await runs.save(await runPowerShellAudit(settings.powershell));
      await ctx.progress(1, 1, `stored the script's report as run ${run.id}`);
      ctx.log.info(`PowerShell audit stored as run ${run.id}`, { controls: run.results.length });
      return {
        structured: { run: runInfo(run), summary: summarizeRun(run) },
        summary: `PowerShell audit stored as run ${run.id}: ${countsLine(run)}.`,
      };
    } catch (error) {
      if (error instanceof PowerShellRunError || error instanceof ReportImportError) {
        throw new ToolInputError(`${ctx.tenantText(error.message, 800)} Nothing was stored.`);
      }
      throw error;
    }
  },
});
