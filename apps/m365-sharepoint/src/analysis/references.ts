// Benchmark references used by this server's findings, with their versions.
import type { FindingReference } from '@m365-mcp/mcp-kit';

export const cis = (id: string, title: string): FindingReference => ({
  framework: 'CIS',
  id,
  version: '6.0.0',
  title: `CIS Microsoft 365 Foundations ${id}: ${title}`,
});

export const cisa = (id: string, title: string): FindingReference => ({
  framework: 'CISA-SCuBA',
  id,
  version: '1.5',
  title,
});

export const mitre = (id: string, title: string): FindingReference => ({
  framework: 'MITRE-ATTACK',
  id,
  title,
});

export const DATA_FROM_CLOUD_STORAGE = mitre('T1530', 'Data from Cloud Storage');
export const EXFIL_WEB_SERVICE = mitre('T1567', 'Exfiltration Over Web Service');
