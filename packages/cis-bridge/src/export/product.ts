// Who produced an export: OCSF metadata.product and SARIF tool.driver name it.
export interface ExportProduct {
  name: string;
  vendorName: string;
  /** The producing tool's version (e.g. the m365-compliance server's), when the caller knows it. */
  version?: string;
}

export const defaultProduct: ExportProduct = { name: 'm365-mcp cis-bridge', vendorName: 'm365-mcp' };
