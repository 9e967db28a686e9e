// Defender XDR data of the simulated tenant, in Graph's shapes. Extended by the security routes.
export interface SecurityData {
  alerts: Record<string, unknown>[];
  incidents: Record<string, unknown>[];
}
