import { catalogue } from './catalogue.js';
import { CIS_V6_SOURCE, cisControlId, cisV6Recommendations } from './cis-v6.js';
import type { Control, ReadWith } from './types.js';

// How much of CIS v6 the catalogue evaluates: each of the 140 recommendations is evaluated (Graph,
// or DNS over Graph's domain list), manual (listed with where a person reads it), or missing.
// The m365-compliance README's coverage table is written from this (a test fails when it is stale).

/** CIS v6 chapters, as the benchmark names them. */
export const CIS_CHAPTERS: Readonly<Record<string, string>> = {
  '1': 'Microsoft 365 admin center',
  '2': 'Microsoft 365 Defender',
  '3': 'Microsoft Purview',
  '4': 'Microsoft Intune admin center',
  '5': 'Microsoft Entra admin center',
  '6': 'Exchange admin center',
  '7': 'SharePoint admin center',
  '8': 'Microsoft Teams admin center',
  '9': 'Microsoft Fabric',
};

export interface ChapterCoverage {
  chapter: string;
  name: string;
  recommendations: number;
  evaluated: number;
  manual: number;
  missing: number;
  /** Where the manual ones are read, with how many each. */
  manualReadWith: Partial<Record<ReadWith, number>>;
}

export interface BenchmarkCoverage {
  benchmark: string;
  recommendations: number;
  evaluated: number;
  manual: number;
  /** v6 ids with no control in the catalogue. */
  missing: string[];
  /** v6 ids with more than one control. */
  duplicated: string[];
  chapters: ChapterCoverage[];
}

export function cisV6Coverage(from: readonly Control[] = catalogue): BenchmarkCoverage {
  const byId = new Map<string, Control[]>();
  for (const c of from) byId.set(c.id, [...(byId.get(c.id) ?? []), c]);
  const chapters = new Map<string, ChapterCoverage>();
  const missing: string[] = [];
  const duplicated: string[] = [];
  for (const r of cisV6Recommendations) {
    const chapter = r.id.split('.')[0] ?? r.id;
    const entry = chapters.get(chapter) ?? {
      chapter,
      name: CIS_CHAPTERS[chapter] ?? chapter,
      recommendations: 0,
      evaluated: 0,
      manual: 0,
      missing: 0,
      manualReadWith: {},
    };
    entry.recommendations += 1;
    const controls = byId.get(cisControlId(r.id)) ?? [];
    if (controls.length > 1) duplicated.push(r.id);
    const control = controls[0];
    if (!control) {
      entry.missing += 1;
      missing.push(r.id);
    } else if (control.kind === 'manual') {
      entry.manual += 1;
      entry.manualReadWith[control.readWith] = (entry.manualReadWith[control.readWith] ?? 0) + 1;
    } else {
      entry.evaluated += 1;
    }
    chapters.set(chapter, entry);
  }
  const list = [...chapters.values()];
  return {
    benchmark: CIS_V6_SOURCE,
    recommendations: cisV6Recommendations.length,
    evaluated: list.reduce((n, c) => n + c.evaluated, 0),
    manual: list.reduce((n, c) => n + c.manual, 0),
    missing,
    duplicated,
    chapters: list,
  };
}

/** The README's coverage table (Markdown), from the catalogue. */
export function coverageTable(coverage: BenchmarkCoverage = cisV6Coverage()): string {
  const rows = coverage.chapters.map((c) => {
    const readWith = Object.entries(c.manualReadWith)
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
      .map(([where, n]) => `${where} (${n})`)
      .join(', ');
    return `| ${c.chapter} ${c.name} | ${c.recommendations} | ${c.evaluated} | ${c.manual} | ${readWith || '—'} |`;
  });
  return [
    '| CIS v6 section | Recommendations | Evaluated | Manual | Manual ones are read with |',
    '| --- | ---: | ---: | ---: | --- |',
    ...rows,
    `| **All** | **${coverage.recommendations}** | **${coverage.evaluated}** | **${coverage.manual}** | ${coverage.missing.length === 0 ? 'none missing' : `missing: ${coverage.missing.join(', ')}`} |`,
  ].join('\n');
}
