// Where a portfolio run writes: `<out>/<tenant>/report.{html,json,md}` per tenant (the
// single-tenant report's three formats) and `<out>/portfolio.{html,json,md}`. The previous run is
// read from `<out>/portfolio.json` (or a file the caller names) before it is replaced.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatHtml } from '../format-html.js';
import { formatMarkdown } from '../format-markdown.js';
import { writeReportFile } from '../report-files.js';
import { formatPortfolioHtml } from './format-portfolio-html.js';
import { formatPortfolioMarkdown } from './format-portfolio-markdown.js';
import { type PreviousPortfolio, parsePreviousPortfolio } from './portfolio-changes.js';
import type { PortfolioReport, TenantResult } from './portfolio-report.js';

export const DEFAULT_PORTFOLIO_DIR = 'reports/portfolio';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

// Registry names are validated as [a-z0-9-]; checked again here because they become folder names.
const SAFE_NAME = /^[a-z0-9][a-z0-9-]*$/;

/** Writes every tenant's reports and the portfolio; returns the portfolio files' paths. */
export function writePortfolio(
  outDir: string,
  portfolio: PortfolioReport,
  results: readonly TenantResult[],
): { html: string; json: string; markdown: string } {
  for (const result of results) {
    if (!SAFE_NAME.test(result.name)) throw new Error(`tenant name "${result.name}" cannot be a folder name`);
    const dir = join(outDir, result.name);
    writeReportFile(join(dir, 'report.json'), json(result.report));
    writeReportFile(join(dir, 'report.html'), formatHtml(result.report));
    writeReportFile(join(dir, 'report.md'), formatMarkdown(result.report));
  }
  return {
    json: writeReportFile(join(outDir, 'portfolio.json'), json(portfolio)),
    html: writeReportFile(join(outDir, 'portfolio.html'), formatPortfolioHtml(portfolio)),
    markdown: writeReportFile(join(outDir, 'portfolio.md'), formatPortfolioMarkdown(portfolio)),
  };
}

/**
 * The run to compare with: `file` when given (it must be readable and valid), else the last
 * portfolio.json in the output folder when there is one. A default one that cannot be read is not
 * fatal: the run goes on without a comparison and `warning` says why.
 */
export function readPreviousPortfolio(
  outDir: string,
  file: string | undefined,
): { previous?: PreviousPortfolio; warning?: string } {
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`--previous ${file}: ${(error as Error).message}`);
    }
    return { previous: parsePreviousPortfolio(text, `--previous ${file}`) };
  }
  const last = join(outDir, 'portfolio.json');
  if (!existsSync(last)) return {};
  try {
    return { previous: parsePreviousPortfolio(readFileSync(last, 'utf8'), last) };
  } catch (error) {
    return { warning: `${(error as Error).message}; this run is not compared with it` };
  }
}
