// Builds, from Microsoft's Graph metadata, the part of Graph's schema that graph-sim's routes reach:
// for each route, the type it returns and the query capabilities Graph declares for it; for each type
// reachable from those routes (through structural properties, base types, derived types, and the
// navigation properties a route can $expand), its properties with their types; for each enum, its
// members. One file per Graph version, so graph-sim can refuse what Graph refuses and a test can
// check every body it sends.
//
// v1.0 comes from the full v1.0 CSDL. Beta comes from three sources, because no global beta CSDL is
// in the reference: the global beta's property and enum-member names (beta-*-types.json, the
// authority on what exists), with property types, base types and paths from the US national cloud's
// beta CSDL, and from v1.0 where that lacks a type.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsdl } from './csdl.mjs';

const COLLECTION = /^Collection\((.*)\)$/;
const elementOf = (type) => COLLECTION.exec(type)?.[1] ?? type;
const isCollection = (type) => COLLECTION.test(type);

// Global-beta properties whose types neither CSDL gives (the names are in beta-*-types.json), typed
// from their Microsoft Learn pages (adminappsandservices-get, adminforms-get, and the settings
// resources they link). Only what graph-sim's beta routes reach.
const BETA_TYPES_FROM_DOCS = {
  'microsoft.graph.admin/appsAndServices': 'microsoft.graph.adminAppsAndServices',
  'microsoft.graph.adminAppsAndServices/settings': 'microsoft.graph.appsAndServicesSettings',
  'microsoft.graph.appsAndServicesSettings/isAppAndServicesTrialEnabled': 'Edm.Boolean',
  'microsoft.graph.appsAndServicesSettings/isOfficeStoreEnabled': 'Edm.Boolean',
  'microsoft.graph.admin/forms': 'microsoft.graph.adminForms',
  'microsoft.graph.adminForms/settings': 'microsoft.graph.formsSettings',
  ...Object.fromEntries(
    [
      'isBingImageSearchEnabled',
      'isExternalSendFormEnabled',
      'isExternalShareCollaborationEnabled',
      'isExternalShareResultEnabled',
      'isExternalShareTemplateEnabled',
      'isInOrgFormsPhishingScanEnabled',
      'isRecordIdentityByDefaultEnabled',
    ].map((property) => [`microsoft.graph.formsSettings/${property}`, 'Edm.Boolean']),
  ),
};

// Navigation properties Graph sends without being asked to $expand them, as Microsoft's documented
// responses show (the metadata carries no AutoExpand annotation for them). Keyed by declaring type;
// `*AuthenticationMethodConfiguration` covers every method configuration's includeTargets.
const SENT_WITHOUT_EXPAND = [
  // rbacapplication-list-roledefinitions: each definition with inheritsPermissionsFrom inline
  ['microsoft.graph.unifiedRoleDefinition', 'inheritsPermissionsFrom'],
  // authenticationmethodspolicy-get: the policy with its authenticationMethodConfigurations inline
  ['microsoft.graph.authenticationMethodsPolicy', 'authenticationMethodConfigurations'],
  // conditionalaccessroot-list-policies: grantControls with authenticationStrength inline
  ['microsoft.graph.conditionalAccessGrantControls', 'authenticationStrength'],
  // fido2authenticationmethodconfiguration-get and its siblings: includeTargets inline
  [/AuthenticationMethodConfiguration$/, 'includeTargets'],
];

function sentWithoutExpand(typeName, type) {
  return SENT_WITHOUT_EXPAND.filter(
    ([owner, navigation]) =>
      (owner instanceof RegExp ? owner.test(typeName) : owner === typeName) &&
      type.navigation[navigation] !== undefined,
  ).map(([, navigation]) => navigation);
}

/** A version's model: the CSDL model, with beta's names overlaid when given. */
function versionModel(csdl, fallback, betaNames) {
  if (!betaNames)
    return { ...csdl, lookup: (name) => csdl.types.get(name), enumMembers: (name) => csdl.enums.get(name) };
  const typeFrom = (name) => csdl.types.get(name) ?? fallback.types.get(name);
  const lookup = (name) => {
    const names = betaNames.types.get(name);
    const typed = typeFrom(name);
    if (!names) return typed;
    const typeOfProperty = (kind, property) =>
      typed?.[kind][property] ??
      fallback.types.get(name)?.[kind][property] ??
      BETA_TYPES_FROM_DOCS[`${name}/${property}`] ??
      null;
    return {
      kind: names.kind,
      base: typed?.base,
      abstract: typed?.abstract ?? false,
      open: typed?.open ?? false,
      properties: Object.fromEntries(names.properties.map((p) => [p, typeOfProperty('properties', p)])),
      navigation: Object.fromEntries(names.navigation.map((p) => [p, typeOfProperty('navigation', p)])),
    };
  };
  return {
    ...csdl,
    lookup,
    enumMembers: (name) => betaNames.enums.get(name) ?? csdl.enums.get(name) ?? fallback.enums.get(name),
    fallback,
  };
}

function readBetaNames(directory) {
  const read = (file) => JSON.parse(readFileSync(join(directory, file), 'utf8'));
  const types = new Map();
  for (const [file, kind] of [
    ['beta-entity-types.json', 'entity'],
    ['beta-complex-types.json', 'complex'],
  ]) {
    for (const [namespace, members] of Object.entries(read(file))) {
      for (const [name, type] of Object.entries(members)) {
        types.set(`${namespace}.${name}`, {
          kind,
          properties: type.properties ?? [],
          navigation: type.navigationProperties ?? [],
        });
      }
    }
  }
  const enums = new Map();
  for (const [namespace, members] of Object.entries(read('beta-enum-types.json'))) {
    for (const [name, values] of Object.entries(members)) enums.set(`${namespace}.${name}`, values);
  }
  return { types, enums };
}

/** The type and its base types, most derived first. */
function lineage(model, name) {
  const chain = [];
  for (let type = name; type; type = model.lookup(type)?.base) chain.push(type);
  return chain;
}

function findMember(model, typeName, member) {
  for (const owner of lineage(model, typeName)) {
    const type = model.lookup(owner);
    if (type?.navigation[member] !== undefined)
      return { kind: 'navigation', owner, type: type.navigation[member] };
    if (type?.properties[member] !== undefined)
      return { kind: 'property', owner, type: type.properties[member] };
  }
  return undefined;
}

function findOperation(model, bindingType, collection, name) {
  const bindings = new Set(lineage(model, bindingType).map((t) => (collection ? `Collection(${t})` : t)));
  return model.operations.find((op) => op.name === name && bindings.has(op.binding));
}

// Keys Graph accepts in place of an id that the CSDL cannot declare: `/sites/root` is the tenant's
// root site (learn.microsoft.com/graph/api/site-get).
const KEY_ALIASES = { 'microsoft.graph.site': ['root'] };

/**
 * What a route path addresses: `{ type, collection, target }`, where `target` names the annotation
 * target of the entity set or navigation property the collection comes from. Throws when Graph has
 * no such path, which is what the generator must report.
 */
export function resolvePath(model, path) {
  const segments = path.split('/').filter(Boolean);
  const first = segments.shift();
  let state;
  if (model.container.entitySets.has(first)) {
    state = {
      type: model.container.entitySets.get(first),
      collection: true,
      targets: [model.container.target(first)],
    };
  } else if (model.container.singletons.has(first)) {
    state = {
      type: model.container.singletons.get(first),
      collection: false,
      targets: [model.container.target(first)],
    };
  } else {
    throw new Error(`no entity set or singleton named '${first}'`);
  }
  while (segments.length) {
    const segment = segments.shift();
    if (segment.endsWith(':')) {
      // Path-based addressing (`/sites/{hostname}:/sites/{path}`): the rest is one entity's address.
      if (!state.collection) throw new Error(`'${segment}' addresses by path inside a single entity`);
      segments.length = 0;
      state = { ...state, collection: false, targets: [] };
    } else if (/^\{.*\}$/.test(segment) || (state.collection && KEY_ALIASES[state.type]?.includes(segment))) {
      if (!state.collection) throw new Error(`key segment '${segment}' after a single entity`);
      state = { ...state, collection: false, targets: [] };
    } else if (!state.collection && findMember(model, state.type, segment)) {
      const member = findMember(model, state.type, segment);
      state = {
        type: elementOf(member.type),
        collection: isCollection(member.type),
        member: member.kind,
        targets: [`${member.owner}/${segment}`],
      };
    } else {
      const operation = findOperation(model, state.type, state.collection, segment);
      if (!operation) throw new Error(`'${segment}' is neither a property nor an operation of ${state.type}`);
      state = {
        type: operation.returns ? elementOf(operation.returns) : null,
        collection: operation.returns ? isCollection(operation.returns) : false,
        operation: operation.kind,
        targets: [],
      };
    }
  }
  return state;
}

const CONSISTENCY_HEADER = 'ConsistencyLevel';

/** Graph's declared query restrictions for a collection, only those that differ from the default. */
function capabilitiesOf(models, state) {
  const merged = {};
  for (const model of models) {
    for (const target of [...lineage(model, state.type).reverse(), ...state.targets]) {
      Object.assign(merged, model.annotations.get(target));
    }
  }
  const capabilities = {};
  if (merged.CountRestrictions?.Countable === false) capabilities.countable = false;
  if (merged.FilterRestrictions?.Filterable === false) capabilities.filterable = false;
  if (merged.SortRestrictions?.Sortable === false) capabilities.sortable = false;
  if (merged.SearchRestrictions?.Searchable === false) capabilities.searchable = false;
  if (merged.SkipSupported === false) capabilities.skip = false;
  if (merged.TopSupported === false) capabilities.top = false;
  if (merged.SelectSupport?.Supported === false) capabilities.select = false;
  if (merged.ExpandRestrictions?.Expandable === false) capabilities.expandable = false;
  const headers = merged.ReadRestrictions?.CustomHeaders ?? [];
  const consistency = headers.find((header) => header?.Name === CONSISTENCY_HEADER);
  if (consistency) capabilities.consistencyLevel = consistency.ExampleValues?.[0]?.Value ?? 'eventual';
  return capabilities;
}

/** Every type derived from `name`, transitively. */
function derivedTypes(model, name) {
  if (!model.children) {
    model.children = new Map();
    for (const candidate of model.types.keys()) {
      const base = model.lookup(candidate)?.base;
      if (base) model.children.set(base, [...(model.children.get(base) ?? []), candidate]);
    }
  }
  const direct = model.children.get(name) ?? [];
  return direct.flatMap((child) => [child, ...derivedTypes(model, child)]);
}

function collectTypes(model, roots) {
  const types = {};
  const enums = {};
  const pending = [...roots];
  while (pending.length) {
    const name = pending.pop();
    if (!name || name.startsWith('Edm.') || types[name] || enums[name]) continue;
    const members = model.enumMembers(name);
    if (members) {
      enums[name] = [...members].sort();
      continue;
    }
    const type = model.lookup(name);
    if (!type) throw new Error(`type ${name} is referenced but not defined`);
    types[name] = {
      kind: type.kind,
      ...(type.base ? { base: type.base } : {}),
      ...(type.abstract ? { abstract: true } : {}),
      // An open type may carry properties its declaration does not list (identity, controlScore).
      ...(type.open ? { open: true } : {}),
      properties: sortedObject(type.properties),
      ...(Object.keys(type.navigation).length ? { navigation: sortedObject(type.navigation) } : {}),
    };
    const unasked = sentWithoutExpand(name, type);
    if (unasked.length) {
      types[name].sentWithoutExpand = unasked;
      for (const navigation of unasked) {
        const target = elementOf(type.navigation[navigation]);
        pending.push(target, ...derivedTypes(model, target));
      }
    }
    if (type.base) pending.push(type.base);
    for (const propertyType of Object.values(type.properties))
      if (propertyType) pending.push(elementOf(propertyType));
    // A property typed as a complex type may hold any type derived from it (with @odata.type).
    if (type.kind === 'complex') pending.push(...derivedTypes(model, name));
  }
  return { types: sortedObject(types), enums: sortedObject(enums) };
}

function sortedObject(object) {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Builds both versions' schema for `routes` (graph-sim's RouteDefinitions: method, path, versions,
 * expand). `reference` is the graph-metadata directory.
 */
export function generateGraphSchema({ reference, routes }) {
  const v1 = readCsdl(readFileSync(join(reference, 'v1.0-cleanMetadata.xml'), 'utf8'));
  const betaCsdl = readCsdl(readFileSync(join(reference, 'beta', 'beta-USNat.csdl'), 'utf8'));
  const models = {
    'v1.0': versionModel(v1),
    beta: versionModel(betaCsdl, v1, readBetaNames(join(reference, 'beta'))),
  };
  const result = {};
  for (const [version, model] of Object.entries(models)) {
    const capabilityModels = version === 'beta' ? [models['v1.0'], model] : [model];
    const routeEntries = {};
    const roots = [];
    for (const route of routes) {
      if (route.versions && !route.versions.includes(version)) continue;
      const key = `${route.method} ${route.path}`;
      let state;
      try {
        state = resolvePath(model, route.path);
      } catch (error) {
        // Beta paths the national cloud's CSDL lacks are the same paths as in v1.0.
        if (version === 'beta') state = resolvePathOrThrow(models['v1.0'], route.path, key, error);
        else throw new Error(`${version} ${key}: ${error.message}`);
      }
      const entry = { type: state.type, collection: state.collection };
      if (state.member === 'property' && state.type && model.lookup(state.type) === undefined)
        entry.primitive = true;
      if (route.method === 'GET' && state.collection) {
        const capabilities = capabilitiesOf(capabilityModels, state);
        if (Object.keys(capabilities).length) entry.capabilities = capabilities;
      }
      const expand = {};
      for (const navigationPath of route.expand ?? []) {
        let owner = state.type;
        let found;
        for (const name of navigationPath.split('/')) {
          found = findMember(model, owner, name);
          if (found?.kind !== 'navigation')
            throw new Error(`${version} ${key}: cannot expand '${navigationPath}'`);
          owner = elementOf(found.type);
        }
        expand[navigationPath] = found.type;
        roots.push(owner, ...derivedTypes(model, owner));
      }
      if (Object.keys(expand).length) entry.expand = expand;
      routeEntries[key] = entry;
      if (state.type) {
        roots.push(state.type);
        if (model.lookup(state.type)?.kind === 'entity') roots.push(...derivedTypes(model, state.type));
      }
    }
    const { types, enums } = collectTypes(model, roots);
    result[version] = { version, routes: sortedObject(routeEntries), types, enums };
  }
  return result;
}

function resolvePathOrThrow(model, path, key, original) {
  try {
    return resolvePath(model, path);
  } catch {
    throw new Error(`beta ${key}: ${original.message}`);
  }
}
