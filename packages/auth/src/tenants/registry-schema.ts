// The registry file's schema. Strict objects: an unknown key is a typo or a misplaced setting, and
// silently ignoring `secretenv` would sign in with the wrong credential or none. The rules between
// fields (one credential kind, unique names and ids, every tenant able to sign in) are checked here
// too, so the JSON Schema for editors (registry-json-schema.ts) and the loader agree.
import { CLOUD_NAMES } from '@m365-mcp/graph-core';
import { z } from 'zod';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
export const TENANT_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KEY_VAULT_SECRET_NAME = /^[0-9a-zA-Z-]{1,127}$/;

/** The credential kinds a sign-in may name; exactly one of them. */
export const CREDENTIAL_KEYS = [
  'certificateFile',
  'secretEnv',
  'secretFile',
  'keyVault',
  'federatedTokenFile',
] as const;

const guid = (what: string) =>
  z.string({ error: `must be ${what}, a GUID` }).regex(GUID, { error: `must be ${what}, a GUID` });

const filePath = (what: string) =>
  z
    .string({ error: `must be the path of ${what}` })
    .min(1, { error: `must be the path of ${what}` })
    .describe(`Path of ${what}; a relative path is resolved against the registry file's folder.`);

const variableName = (what: string) =>
  z
    .string({ error: `must be the name of the environment variable holding ${what}` })
    .regex(VARIABLE_NAME, {
      error: `must be the name of the environment variable holding ${what} (letters, digits, _), not the value`,
    })
    .describe(`Name of the environment variable holding ${what} (not the value).`);

const keyVaultSchema = z
  .strictObject({
    vaultUrl: z
      .url({
        protocol: /^https$/,
        error: "must be the vault's https URL, e.g. https://my-vault.vault.azure.net",
      })
      .describe("The vault's URL, e.g. https://my-vault.vault.azure.net."),
    secretName: z
      .string({ error: 'must be a Key Vault secret name (letters, digits and dashes)' })
      .regex(KEY_VAULT_SECRET_NAME, { error: 'must be a Key Vault secret name (letters, digits and dashes)' })
      .describe('Name of the Key Vault secret holding the client secret.'),
    identityClientId: guid('the client id of the user-assigned managed identity that reads the vault')
      .optional()
      .describe(
        'Client id of the user-assigned managed identity that reads the vault; default: the system-assigned one.',
      ),
  })
  .describe(
    "A client secret kept in Azure Key Vault, read with the machine's own identity (managed identity, else the Azure CLI sign-in).",
  );

export const tenantSignInSchema = z
  .strictObject({
    clientId: guid("the app registration's client (application) id").describe(
      "The app registration's client (application) id.",
    ),
    certificateFile: filePath('a PEM file with the certificate and its private key').optional(),
    certificatePasswordEnv: variableName("the certificate file's password").optional(),
    secretEnv: variableName('a client secret').optional(),
    secretFile: filePath('a file holding a client secret (e.g. /run/secrets/contoso)').optional(),
    keyVault: keyVaultSchema.optional(),
    federatedTokenFile: filePath('the federated token file (workload identity)').optional(),
  })
  .superRefine((signIn, ctx) => {
    const kinds = CREDENTIAL_KEYS.filter((key) => signIn[key] !== undefined);
    if (kinds.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: `names no credential: add one of ${CREDENTIAL_KEYS.join(', ')} (certificateFile is recommended)`,
      });
    } else if (kinds.length > 1) {
      ctx.addIssue({
        code: 'custom',
        message: `names ${kinds.length} credentials (${kinds.join(', ')}): keep exactly one`,
      });
    }
    if (signIn.certificatePasswordEnv !== undefined && signIn.certificateFile === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['certificatePasswordEnv'],
        message: 'is only for a certificateFile, and this sign-in names none',
      });
    }
  })
  .describe('How to sign in: the app (clientId) and exactly one credential kind.');

export const tenantEntrySchema = z
  .strictObject({
    name: z
      .string({ error: 'must be the short name used to pick the tenant' })
      .regex(TENANT_NAME, {
        error: 'must be 1 to 63 lower-case letters, digits and dashes, starting with a letter or digit',
      })
      .describe(
        'Short name that picks the tenant (the `tenant` argument, report file names): [a-z0-9-], unique.',
      ),
    tenantId: guid("the tenant's directory id").describe("The tenant's directory (tenant) id."),
    displayName: z
      .string({ error: 'must be text' })
      .min(1, { error: 'must not be empty' })
      .max(256, { error: 'must be at most 256 characters' })
      .optional()
      .describe('What reports call the customer; default: the name.'),
    cloud: z
      .enum(CLOUD_NAMES, { error: `must be one of ${CLOUD_NAMES.join(', ')}` })
      .optional()
      .describe("The Microsoft cloud (as M365_CLOUD); default: the environment's, else global."),
    signIn: tenantSignInSchema
      .optional()
      .describe(
        "This tenant's own sign-in (an app registered in the customer's tenant); default: the registry's.",
      ),
  })
  .describe('One customer tenant.');

export const tenantRegistrySchema = z
  .strictObject({
    $schema: z.string().optional().describe('The JSON Schema of this file, for editors.'),
    signIn: tenantSignInSchema
      .optional()
      .describe('The sign-in every tenant uses unless its entry has its own: the multi-tenant app.'),
    tenants: z
      .array(tenantEntrySchema, { error: 'must be a list of tenants' })
      .min(1, { error: 'lists no tenant: add at least one' })
      .describe('The customer tenants.'),
  })
  .superRefine((registry, ctx) => {
    const names = new Map<string, number>();
    const ids = new Map<string, number>();
    // Zod runs this beside other issues too: only well-formed names and ids are compared, so one
    // malformed id is reported once, not again as a duplicate of every other malformed one.
    if (!Array.isArray(registry.tenants)) return;
    registry.tenants.forEach((tenant, index) => {
      const name = typeof tenant.name === 'string' && TENANT_NAME.test(tenant.name) ? tenant.name : undefined;
      const sameName = name === undefined ? undefined : names.get(name);
      if (name === undefined) {
        // Reported by the name's own rule.
      } else if (sameName === undefined) names.set(name, index);
      else {
        ctx.addIssue({
          code: 'custom',
          path: ['tenants', index, 'name'],
          message: `is also the name of tenants[${sameName}]: names must be unique`,
        });
      }
      const id =
        typeof tenant.tenantId === 'string' && GUID.test(tenant.tenantId)
          ? tenant.tenantId.toLowerCase()
          : undefined;
      const sameId = id === undefined ? undefined : ids.get(id);
      if (id === undefined) {
        // Reported by the id's own rule.
      } else if (sameId === undefined) ids.set(id, index);
      else {
        ctx.addIssue({
          code: 'custom',
          path: ['tenants', index, 'tenantId'],
          message: `is also the tenant id of tenants[${sameId}]: each tenant is listed once`,
        });
      }
      if (
        tenant !== null &&
        typeof tenant === 'object' &&
        tenant.signIn === undefined &&
        registry.signIn === undefined
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['tenants', index],
          message:
            'has no signIn and the registry names none: add "signIn" to the registry (the multi-tenant app) or to this entry',
        });
      }
    });
  })
  .describe(
    'm365-mcp tenants registry: the customer tenants one installation serves and how it signs in to each.',
  );

export type TenantRegistryFile = z.infer<typeof tenantRegistrySchema>;
