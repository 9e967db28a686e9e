import {
  defineTool,
  type Finding,
  findingSchema,
  readOnlyAnnotations,
  type ToolDefinition,
} from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { DATA_FROM_CLOUD_STORAGE } from '../analysis/references.js';
import { detectSensitive, type SensitiveMatch } from '../analysis/sensitive-detectors.js';
import { isTextFile } from '../analysis/text-files.js';
import type { Now } from '../clock.js';
import { type ExposedFile, exposedFiles, tenantSites } from '../graph/exposed-files.js';
import { type LiveScope, liveExposure } from '../graph/live-exposure.js';
import { pacerFor } from '../graph/pacer-for.js';
import { readContentPrefixes } from '../graph/read-content.js';
import { readDrivesOfSites } from '../graph/read-drives.js';
import { itemKey } from '../graph/read-permissions.js';
import { resolveSite } from '../graph/resolve-site.js';
import { scanDrive } from '../graph/scan-drive.js';
import { contentScanEnvVar, readSettings } from '../settings.js';
import { includeOneDrivesInput } from './support/include-onedrives.js';

/** A file still shared, with how widely (from its live permissions). */
interface LiveFile extends ExposedFile {
  scope: LiveScope;
}

const matchOutput = z.object({ kind: z.string(), line: z.number().int(), masked: z.string() });

/** `now` is the server's clock: a file shared only through expired links is not exposed. */
export const findSensitiveContent = (now: Now): ToolDefinition =>
  defineTool({
    name: 'find_sensitive_content',
    longRunning: true,
    title: 'Find sensitive data in shared files',
    description:
      'Opt-in (server setting contentScanning or M365_SHAREPOINT_CONTENT_SCAN=1): reads the first bytes of text files ' +
      'that are shared (themselves or through a shared folder) and reports masked matches of payment card numbers ' +
      '(Luhn-checked), IBANs (checksum), US SSNs, private keys, cloud access keys and passwords in config files. ' +
      'Never returns a secret. Before a file is read, its permissions are read (5 SharePoint resource units) so a file ' +
      'shared only through expired links is not reported as exposed. Bounded by max_files and bytes; one site ' +
      '(site_url/site_id) or the first max_sites sites and OneDrives (include_onedrives=false leaves OneDrives out).',
    input: {
      site_url: z.string().max(2000).optional(),
      site_id: z.string().max(400).optional(),
      max_sites: z.number().int().min(1).max(500).default(50),
      include_onedrives: includeOneDrivesInput.describe(
        'Without a site: scan personal OneDrives too (default true, or the server setting includeOneDrives)',
      ),
      max_files: z.number().int().min(1).max(1000).default(100),
      max_bytes_per_file: z.number().int().min(1024).max(4_194_304).default(262_144),
    },
    output: {
      enabled: z.boolean(),
      sitesScanned: z.number().int(),
      exposedFiles: z
        .number()
        .int()
        .describe('Files the shared facet marks (themselves or a folder above), before expiry is checked'),
      filesScanned: z.number().int(),
      bytesScanned: z.number().int(),
      notScanned: z.object({
        notText: z.number().int(),
        overBudget: z.number().int(),
        /** Shared only through links or grants whose expiry has passed: not exposed, so not read. */
        expired: z.number().int(),
        failed: z.number().int(),
      }),
      countsByKind: z.record(z.string(), z.number().int()),
      files: z.array(
        z.object({
          site: z.string(),
          name: z.string(),
          webUrl: z.string(),
          driveId: z.string(),
          itemId: z.string(),
          sharedScope: z.string(),
          matches: z.array(matchOutput),
        }),
      ),
      sensitivityLabels: z.string(),
      complete: z.boolean(),
      findings: z.array(findingSchema),
    },
    annotations: readOnlyAnnotations,
    async handler(args, ctx) {
      const labelsNote =
        'Sensitivity labels are not read: Graph offers them only through extractSensitivityLabels, a POST that needs write permission.';
      const settings = readSettings(ctx.config.settings);
      if (!settings.contentScanning) {
        return {
          structured: {
            enabled: false,
            sitesScanned: 0,
            exposedFiles: 0,
            filesScanned: 0,
            bytesScanned: 0,
            notScanned: { notText: 0, overBudget: 0, expired: 0, failed: 0 },
            countsByKind: {},
            files: [],
            sensitivityLabels: labelsNote,
            complete: false,
            findings: [],
          },
          summary: `Content scanning is off. Start the server with ${contentScanEnvVar}=1 (or settings.contentScanning: true in the config file) to let it read file content; it reads only shared text files, and reports masked matches.`,
        };
      }
      const sites =
        args.site_url || args.site_id
          ? [await resolveSite(ctx.graph, args, ctx.signal)]
          : await tenantSites(
              ctx.graph,
              args.max_sites,
              args.include_onedrives ?? settings.includeOneDrives,
              ctx.signal,
            );
      const exposed: ExposedFile[] = [];
      const pacer = pacerFor(ctx.graph, settings.resourceUnits);
      let failed = 0;
      for (let i = 0; i < sites.length; i += 20) {
        const group = sites.slice(i, i + 20);
        const drives = await readDrivesOfSites(ctx.graph, group, ctx.signal, pacer);
        for (const site of group) {
          const listed = drives.get(site.id);
          if (!listed?.ok) {
            failed += 1;
            continue;
          }
          for (const drive of listed.drives) {
            try {
              const scan = await scanDrive(ctx.graph, drive, ctx.signal, { keepFiles: true, pacer });
              exposed.push(...exposedFiles(site, scan));
            } catch {
              if (ctx.signal.aborted) throw new Error('cancelled');
              failed += 1;
            }
          }
        }
        await ctx.progress(
          Math.min(i + 20, sites.length),
          sites.length,
          `${exposed.length} exposed files found`,
        );
      }
      const textFiles = exposed.filter((f) => isTextFile(f.name));
      const candidates = textFiles.slice(0, args.max_files);
      const at = now();
      const toScan: LiveFile[] = [];
      let expired = 0;
      for (let i = 0; i < candidates.length; i += 20) {
        const chunk = candidates.slice(i, i + 20);
        const exposure = await liveExposure(ctx.graph, chunk, at, ctx.signal, pacer);
        for (const file of chunk) {
          const live = exposure.get(itemKey(file));
          if (!live?.ok) failed += 1;
          else if (live.scope === null) expired += 1;
          else toScan.push({ ...file, scope: live.scope });
        }
      }
      const results: { file: LiveFile; matches: SensitiveMatch[] }[] = [];
      let bytesScanned = 0;
      let contentFailed = 0;
      for (let i = 0; i < toScan.length; i += 20) {
        const chunk = toScan.slice(i, i + 20);
        await pacer.acquire(chunk.length, ctx.signal);
        const contents = await readContentPrefixes(ctx.graph, chunk, args.max_bytes_per_file, ctx.signal);
        contents.forEach((c, k) => {
          const file = chunk[k] as LiveFile;
          if (!c.ok) {
            failed += 1;
            contentFailed += 1;
            return;
          }
          bytesScanned += c.bytes;
          const matches = detectSensitive(c.text, 20);
          if (matches.length > 0) results.push({ file, matches });
        });
      }
      const countsByKind: Record<string, number> = {};
      for (const r of results)
        for (const m of r.matches) countsByKind[m.kind] = (countsByKind[m.kind] ?? 0) + 1;
      // Counts and kinds only: a log line carries no tenant data and never a match.
      ctx.log.info('content scan finished', {
        sites: sites.length,
        exposedFiles: exposed.length,
        filesRead: toScan.length - contentFailed,
        bytesScanned,
        filesWithMatches: results.length,
        failed,
      });
      const files = results.map((r) => ({
        site: ctx.tenantText(r.file.site.displayName, 120),
        name: ctx.tenantText(r.file.name, 200),
        webUrl: ctx.tenantText(r.file.webUrl, 400),
        driveId: r.file.driveId,
        itemId: r.file.itemId,
        sharedScope: r.file.scope,
        matches: r.matches,
      }));
      const findings: Finding[] = files.slice(0, 50).map((f) => ({
        id: 'sharepoint.content.sensitive-shared',
        title: `Sensitive data in a file shared with ${f.sharedScope === 'anonymous' ? 'anyone' : f.sharedScope === 'organization' ? 'the whole organization' : 'specific people'}`,
        severity: f.sharedScope === 'anonymous' ? 'critical' : 'high',
        status: 'fail',
        resource: { type: 'driveItem', id: f.itemId, displayName: f.name },
        evidence: {
          site: f.site,
          webUrl: f.webUrl,
          sharedScope: f.sharedScope,
          kinds: [...new Set(f.matches.map((m) => m.kind))],
          masked: f.matches.slice(0, 5).map((m) => m.masked),
        },
        recommendation:
          'Remove the sharing (remove_sharing_link), move the data out of the file, and rotate any key or password.',
        references: [DATA_FROM_CLOUD_STORAGE],
      }));
      const overBudget = textFiles.length - candidates.length;
      const complete = overBudget === 0 && failed === 0;
      const structured = {
        enabled: true,
        sitesScanned: sites.length,
        exposedFiles: exposed.length,
        filesScanned: toScan.length - contentFailed,
        bytesScanned,
        notScanned: { notText: exposed.length - textFiles.length, overBudget, expired, failed },
        countsByKind,
        files,
        sensitivityLabels: labelsNote,
        complete,
        findings,
      };
      const summary = [
        `${files.length} shared file(s) hold sensitive data (${
          Object.entries(countsByKind)
            .map(([k, n]) => `${k} ${n}`)
            .join(', ') || 'none'
        }); ${toScan.length - contentFailed} of ${exposed.length} shared files scanned (${bytesScanned} bytes)${expired > 0 ? `; ${expired} shared only through expired links, not read` : ''}.`,
        ...files
          .slice(0, 5)
          .map(
            (f) => `- ${f.name} (${f.sharedScope}): ${[...new Set(f.matches.map((m) => m.kind))].join(', ')}`,
          ),
        complete ? '' : `PARTIAL: ${overBudget} file(s) over the budget, ${failed} read(s) failed.`,
      ].filter((l) => l !== '');
      return { structured, summary: summary.join('\n') };
    },
  });
