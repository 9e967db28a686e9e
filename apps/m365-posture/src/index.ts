// Public API of @m365-mcp/m365-posture: run an assessment programmatically.

export { assessmentMetaKey } from '@m365-mcp/cis-bridge';
export type { ServerOutcome } from './assess.js';
export { type Assessment, assessmentSchema, type PostureStatus } from './assessment.js';
export { type DemoEnvironment, startDemoEnvironment } from './demo.js';
export { formatMarkdown } from './format-markdown.js';
export { type DemoPortfolio, startDemoPortfolio } from './portfolio/demo-portfolio.js';
export { formatPortfolioHtml } from './portfolio/format-portfolio-html.js';
export { formatPortfolioMarkdown } from './portfolio/format-portfolio-markdown.js';
export {
  type PortfolioChange,
  type PreviousPortfolio,
  parsePreviousPortfolio,
} from './portfolio/portfolio-changes.js';
export { readPreviousPortfolio, writePortfolio } from './portfolio/portfolio-files.js';
export {
  buildPortfolio,
  PORTFOLIO_VERSION,
  type PortfolioReport,
  type PortfolioTenant,
  type TenantResult,
} from './portfolio/portfolio-report.js';
export { type PortfolioRunOptions, runPortfolio, type TenantRun } from './portfolio/portfolio-run.js';
export type { ProgressEvent } from './progress-events.js';
export { buildReport, failingAtOrAbove, OVERALL_RULE, type PostureReport, type Risk } from './report.js';
export { type PostureOptions, type PostureRun, runPosture } from './run.js';
export { discoverServers, KNOWN_SERVERS, type ServerCommand } from './servers.js';
