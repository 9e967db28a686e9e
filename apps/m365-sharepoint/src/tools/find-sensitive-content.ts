import type { GraphClient } from '@m365-mcp/graph-core';
import { defineTool, type Finding, findingSchema } from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { DATA_FROM_CLOUD_STORAGE } from '../analysis/references.js';
import { detectSensitive, type SensitiveMatch } from '../analysis/sensitive-detectors.js';
import { pacerFor } from '../graph/pacer-for.js';
import { readContentPrefixes } from '../graph/read-content.js';
import { readDrivesOfSites } from '../graph/read-drives.js';
import { resolveSite } from '../graph/resolve-site.js';
import { type DriveScan, scanDrive } from '../graph/scan-drive.js';
import { SITE_SELECT, type SiteRef, siteRef, siteSchema } from '../graph/shapes.js';
import { contentScanEnvVar, readSettings } from '../settings.js';
import { READ_ONLY } from './annotations.js';

/** Text formats worth reading; Office files are zip containers and are not parsed here. */
const TEXT_EXTENSIONS = new Set([
  'txt',
  'csv',
  'tsv',
  'json',
  'xml',
  'config',
  'yml',
  'yaml',
  'env',
  'ini',
  'properties',
  'pem',
  'key',
  'ps1',
  'sh',
  'bat',
  'cmd',
  'sql',
  'log',
  'md',
  'tf',
  'tfvars',
  'conf',
  'cfg',
  'js',
  'ts',
  'py',
  'cs',
]);

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? name.toLowerCase() : name.slice(dot + 1).toLowerCase();
}

interface ExposedFile {
  site: SiteRef;
  driveId: string;
  itemId: string;
  name: string;
  webUrl: string;
  scope: string;
}

/** Files shared themselves or sitting under a shared folder, with the scope that exposes them. */
function exposedFiles(site: SiteRef, scan: DriveScan): ExposedFile[] {
  const sharedScope = new Map(scan.shared.map((s) => [s.id, s.scope ?? 'users']));
  const out: ExposedFile[] = [];
  for (const file of scan.files) {
    let scope = sharedScope.get(file.id);
    let parent = file.parentId;
    for (let hops = 0; scope === undefined && parent !== undefined && hops < 64; hops++) {
      scope = sharedScope.get(parent);
      parent = scan.parentOf.get(parent);
    }
    if (scope !== undefined)
      out.push({
        site,
        driveId: scan.drive.id,
        itemId: file.id,
        name: file.name,
        webUrl: file.webUrl,
        scope,
      });
  }
  return out;
}

async function tenantSites(graph: GraphClient, maxSites: number, signal: AbortSignal): Promise<SiteRef[]> {
  const listed = await graph.list('/sites/getAllSites', {
    query: { $select: SITE_SELECT },
    schema: siteSchema,
    maxItems: maxSites * 4,
    signal,
  });
  return listed.items
    .map(siteRef)
    .filter((s) => !s.isPersonalSite)
    .slice(0, maxSites);
}

const matchOutput = z.object({ kind: z.string(), line: z.number().int(), masked: z.string() });

export const findSensitiveContent = defineTool({
  name: 'find_sensitive_content',
  title: 'Find sensitive data in shared files',
  description:
    'Opt-in (server setting contentScanning or M365_SHAREPOINT_CONTENT_SCAN=1): reads the first bytes of text files ' +
    'that are shared (themselves or through a shared folder) and reports masked matches of payment card numbers ' +
    '(Luhn-checked), IBANs (checksum), US SSNs, private keys, cloud access keys and passwords in config files. ' +
    'Never returns a secret. Bounded by max_files and bytes; one site (site_url/site_id) or the first max_sites sites.',
  input: {
    site_url: z.string().max(2000).optional(),
    site_id: z.string().max(400).optional(),
    max_sites: z.number().int().min(1).max(500).default(50),
    max_files: z.number().int().min(1).max(1000).default(100),
    max_bytes_per_file: z.number().int().min(1024).max(4_194_304).default(262_144),
  },
  output: {
    enabled: z.boolean(),
    sitesScanned: z.number().int(),
    exposedFiles: z.number().int(),
    filesScanned: z.number().int(),
    bytesScanned: z.number().int(),
    notScanned: z.object({
      notText: z.number().int(),
      overBudget: z.number().int(),
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
  annotations: READ_ONLY,
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
          notScanned: { notText: 0, overBudget: 0, failed: 0 },
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
        : await tenantSites(ctx.graph, args.max_sites, ctx.signal);
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
    const textFiles = exposed.filter((f) => TEXT_EXTENSIONS.has(extensionOf(f.name)));
    const toScan = textFiles.slice(0, args.max_files);
    const results: { file: ExposedFile; matches: SensitiveMatch[] }[] = [];
    let bytesScanned = 0;
    let contentFailed = 0;
    for (let i = 0; i < toScan.length; i += 20) {
      const chunk = toScan.slice(i, i + 20);
      await pacer.acquire(chunk.length, ctx.signal);
      const contents = await readContentPrefixes(ctx.graph, chunk, args.max_bytes_per_file, ctx.signal);
      contents.forEach((c, k) => {
        const file = chunk[k] as ExposedFile;
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
    const overBudget = textFiles.length - toScan.length;
    const complete = overBudget === 0 && failed === 0;
    const structured = {
      enabled: true,
      sitesScanned: sites.length,
      exposedFiles: exposed.length,
      filesScanned: toScan.length - contentFailed,
      bytesScanned,
      notScanned: { notText: exposed.length - textFiles.length, overBudget, failed },
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
      }); ${toScan.length} of ${exposed.length} exposed files scanned (${bytesScanned} bytes).`,
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
