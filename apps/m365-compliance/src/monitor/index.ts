// The monitor's library surface (the CLI and tests use it).
export { type MonitorCliOptions, runMonitorCli } from './cli.js';
export { DurationError, parseDuration } from './duration.js';
export {
  ComplianceMonitor,
  MONITOR_RUN_LABEL,
  type MonitorOptions,
  type MonitorRunResult,
  type MonitorWebhook,
} from './monitor.js';
export {
  type MonitorNotification,
  notificationText,
  type WebhookFormat,
  webhookFormats,
  webhookPayload,
} from './notification.js';
export { type DeliveryResult, deliverWebhook } from './webhook.js';
export { type WorsenedControl, worsenedControls } from './worsened.js';
