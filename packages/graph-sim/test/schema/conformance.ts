// Checks a response body against Graph's schema for its version: every property exists on the
// object's type (its declared type, or the derived type its `@odata.type` names), every value has
// its property's type, every enum value is a member of its enum in that version. It returns the
// problems, each with the JSON path, so one run lists everything that is wrong.
import { elementType, type GraphSchema, isCollectionType } from '../../src/schema/graph-schema.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_OF_DAY = /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const DURATION = /^-?P(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

// Enums Graph serialises in PascalCase although the metadata's members are camelCase; the docs list
// the values as Graph sends them ("Allowed values are: All, Activate, Deactivate, ...":
// learn.microsoft.com/graph/api/resources/unifiedrolemanagementpolicyruletarget).
const PASCAL_CASE_ENUMS = new Set(['microsoft.graph.unifiedRoleManagementPolicyRuleTargetOperations']);

function primitiveProblem(type: string, value: unknown): string | undefined {
  const is = (ok: boolean) => (ok ? undefined : `expected ${type}, got ${JSON.stringify(value)}`);
  switch (type) {
    case 'Edm.String':
      return is(typeof value === 'string');
    case 'Edm.Boolean':
      return is(typeof value === 'boolean');
    case 'Edm.Byte':
    case 'Edm.SByte':
    case 'Edm.Int16':
    case 'Edm.Int32':
    case 'Edm.Int64':
      return is(Number.isInteger(value));
    case 'Edm.Single':
    case 'Edm.Double':
    case 'Edm.Decimal':
      return is(typeof value === 'number' || value === 'NaN' || value === 'INF' || value === '-INF');
    case 'Edm.Guid':
      return is(typeof value === 'string' && GUID.test(value));
    case 'Edm.DateTimeOffset':
      return is(typeof value === 'string' && DATE_TIME.test(value));
    case 'Edm.Date':
      return is(typeof value === 'string' && DATE.test(value));
    case 'Edm.TimeOfDay':
      return is(typeof value === 'string' && TIME_OF_DAY.test(value));
    case 'Edm.Duration':
      return is(typeof value === 'string' && DURATION.test(value));
    case 'Edm.Binary':
      return is(typeof value === 'string' && BASE64.test(value));
    default:
      return undefined; // Edm.Stream, Edm.Untyped and geography types: any JSON
  }
}

/** The navigation properties a request expanded, nested: `policy($expand=rules)` -> { policy: { rules: {} } }. */
export type ExpandTree = { readonly [navigation: string]: ExpandTree };

export class BodyChecker {
  readonly problems: string[] = [];

  constructor(private readonly schema: GraphSchema) {}

  /** Checks a value declared with `type` (a schema type, `Collection(...)`, or null when unknown). */
  value(type: string | null, value: unknown, path: string, expand: ExpandTree = {}): void {
    if (type === null || value === null) return;
    if (isCollectionType(type)) {
      if (!Array.isArray(value)) {
        this.report(path, `expected a collection, got ${JSON.stringify(value)}`);
        return;
      }
      value.forEach((item, i) => {
        this.value(elementType(type), item, `${path}[${i}]`, expand);
      });
      return;
    }
    if (type.startsWith('Edm.')) {
      const problem = primitiveProblem(type, value);
      if (problem) this.report(path, problem);
      return;
    }
    const members = this.schema.enumMembers(type);
    if (members) {
      // Flags enums serialise as a comma-separated list of members.
      const values = typeof value === 'string' ? value.split(',').map((v) => v.trim()) : [value];
      const caseInsensitive = PASCAL_CASE_ENUMS.has(type);
      const known = (member: unknown) =>
        caseInsensitive
          ? members.some((m) => m.toLowerCase() === String(member).toLowerCase())
          : members.includes(member as string);
      for (const member of values) {
        if (!known(member)) {
          this.report(path, `'${String(member)}' is not a member of ${type} in ${this.schema.version}`);
        }
      }
      return;
    }
    this.object(type, value, path, expand);
  }

  /** Checks an entity or complex value of `declared` type (or of a type derived from it, named by `@odata.type`). */
  object(declared: string, value: unknown, path: string, expand: ExpandTree = {}): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.report(path, `expected a ${declared} object, got ${JSON.stringify(value)}`);
      return;
    }
    const record = value as Record<string, unknown>;
    let actual = declared;
    const odataType = record['@odata.type'];
    if (odataType !== undefined) {
      const named = typeof odataType === 'string' ? odataType.replace(/^#/, '') : '';
      if (!this.schema.type(named)) {
        this.report(path, `@odata.type '${String(odataType)}' is not a type in ${this.schema.version}`);
        return;
      }
      if (!this.schema.isA(named, declared)) {
        this.report(path, `@odata.type ${named} is not a ${declared}`);
        return;
      }
      actual = named;
    }
    if (!this.schema.type(actual)) return; // a navigation target the schema does not carry
    for (const [key, inner] of Object.entries(record)) {
      if (key.includes('@')) continue; // instance annotations: @odata.type, x@odata.context, ...
      const member = this.schema.member(actual, key);
      if (!member && this.schema.isOpen(actual)) continue; // a dynamic property of an open type
      if (!member || member.name !== key) {
        this.report(`${path}.${key}`, `${actual} has no property '${key}' in ${this.schema.version}`);
        continue;
      }
      if (member.kind === 'navigation') {
        // Graph sends a relationship only when the request expands it.
        const nested = expand[key] ?? (this.schema.sentWithoutExpand(actual, key) ? {} : undefined);
        if (!nested) this.report(`${path}.${key}`, `navigation property '${key}' sent without $expand`);
        else this.value(member.type, inner, `${path}.${key}`, nested);
        continue;
      }
      this.value(member.type, inner, `${path}.${key}`);
    }
  }

  private report(path: string, problem: string): void {
    this.problems.push(`${path}: ${problem}`);
  }
}
