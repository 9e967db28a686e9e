// Turns the Contoso demo data into another organisation's: every string and object key that names
// Contoso (its tenant id, `contoso` in domains, UPNs and hosts, `Contoso` in display names) is
// rewritten. The demo's data is plain JSON-shaped objects and arrays (no classes, no buffers), so a
// structural copy is exact.
import { CONTOSO_TENANT_ID } from '../demo/people.js';

export interface Brand {
  /** Lower-case DNS label: `contoso` becomes this in domains, hosts and addresses. */
  name: string;
  /** `Contoso` becomes this in display names and prose. */
  displayName: string;
  tenantId: string;
}

export function rebrand<T>(value: T, brand: Brand): T {
  const contosoId = new RegExp(CONTOSO_TENANT_ID, 'gi');
  const named = new RegExp(`contoso|${CONTOSO_TENANT_ID}`, 'i');
  const text = (s: string): string =>
    named.test(s)
      ? s
          .replace(contosoId, brand.tenantId)
          .replace(/contoso/gi, (m) =>
            m === 'Contoso' ? brand.displayName : m === 'CONTOSO' ? brand.name.toUpperCase() : brand.name,
          )
      : s;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return text(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(v)) out[text(key)] = walk(inner);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}
