export class AuditLogError extends Error {
  override readonly name = 'AuditLogError';
}
