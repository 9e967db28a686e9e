import { readFile } from 'node:fs/promises';
import { type AuditRecord, auditRecordSchema } from '@m365-mcp/audit-log';

export async function readAudit(path: string): Promise<AuditRecord[]> {
  const text = await readFile(path, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => auditRecordSchema.parse(JSON.parse(line)));
}
