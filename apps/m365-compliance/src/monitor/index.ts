// The monitor's library surface (the CLI and tests use it).
export { type MonitorCliOptions, runMonitorCli } from './cli.js';
export { type MonitorClock, systemClock } from './clock.js';
export { DurationError, parseDuration } from './duration.js';
export {
  ComplianceMonitor,
  lastMonitorRunStart,
  MONITOR_RUN_LABEL,
  type MonitorOptions,
  type MonitorRunResult,
  type MonitorWebhook,
} from './monitor.js';
export {
  type MonitorNotification,
  type MonitorTenant,
  notificationText,
  type WebhookFormat,
  webhookFormats,
  webhookPayload,
} from './notification.js';
export {
  MONITOR_MAX_REQUESTS_IN_FLIGHT,
  registryTenants,
  type SharedMonitorOptions,
  type TenantMonitorOpenerOptions,
  tenantMonitorOpener,
} from './tenant-monitors.js';
export { parseConcurrency, runTenantsMonitor, type TenantsMonitorCliOptions } from './tenants-cli.js';
export {
  DEFAULT_TENANT_CONCURRENCY,
  type TenantMonitorHandle,
  TenantsMonitor,
  type TenantsMonitorEvent,
  type TenantsMonitorOptions,
} from './tenants-monitor.js';
export { type DeliveryResult, deliverWebhook } from './webhook.js';
export { type WorsenedControl, worsenedControls } from './worsened.js';
