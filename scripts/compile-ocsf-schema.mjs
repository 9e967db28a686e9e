#!/usr/bin/env node
// Compiles one OCSF event class from the OCSF schema SOURCE (github.com/ocsf/ocsf-schema) into a
// JSON Schema, the way the OCSF server's JSON-schema export (GET /schema/classes/<name>) builds it,
// so the exporters can be validated offline against the official class definition.
//
//   node scripts/compile-ocsf-schema.mjs <ocsf-schema git dir> <ref> <class> [--profiles a,b] > out.json
//
// <ref> is a tag or commit (e.g. v1.1.0). Without --profiles every profile's attributes are kept
// (the server's default); --profiles cloud keeps only the attributes of the named profiles, and
// --profiles '' drops them all (the server's ?profiles= parameter). Core schema only: extensions/
// are not read. No dependencies: it reads the files with `git cat-file --batch`.
//
// What it does, in the server's order: resolve `$include` (profiles and includes/*.json; the
// including file wins), resolve `extends` chains (the child wins; a null attribute removes it),
// drop hidden classes and objects (no uid, or a name starting with "_"), give each class its
// class_uid (category uid * 1000 + uid), category_uid and type_uid enumerations, add the
// datetime profile's <name>_dt twin of every timestamp attribute, merge each attribute over its
// dictionary entry, and encode: data types by their base type, object types as a $ref into $defs,
// is_array as an array, enums of integer and string attributes as enum (const when single),
// requirement "required" as required, constraints at_least_one / just_one as anyOf / oneOf, and
// additionalProperties false (true for an object without attributes, such as `object`).
//
// One deliberate difference from the server: it emits enums only for attributes typed exactly
// integer_t or string_t, so type_uid (long_t) loses its enumeration; here any attribute whose
// base type is an integer or a string keeps it, so type_uid = class_uid * 100 + activity_id holds.

import { execFileSync } from 'node:child_process';

const JSON_SCHEMA_DRAFT = 'http://json-schema.org/draft-07/schema#';
const CLASS_ID_BASE = 'https://schema.ocsf.io/schema/classes';

function usage(message) {
  process.stderr.write(
    `${message}\nusage: node scripts/compile-ocsf-schema.mjs <ocsf-schema git dir> <ref> <class> [--profiles a,b]\n`,
  );
  process.exit(2);
}

function parseArgs(argv) {
  const positional = [];
  let profiles;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--profiles') {
      if (i + 1 >= argv.length) usage('--profiles needs a value');
      i += 1;
      profiles = argv[i];
    } else if (arg.startsWith('--profiles=')) {
      profiles = arg.slice('--profiles='.length);
    } else if (arg.startsWith('--')) {
      usage(`unknown option ${arg}`);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length !== 3) usage('expected three arguments');
  const [gitDir, ref, className] = positional;
  const profileSet =
    profiles === undefined
      ? undefined
      : new Set(
          profiles
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean),
        );
  return { gitDir, ref, className, profiles: profileSet };
}

// ---- reading the source tree at one ref ----

function git(gitDir, args, input, mayFail = false) {
  try {
    return execFileSync('git', ['-C', gitDir, ...args], {
      input,
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['pipe', 'pipe', mayFail ? 'ignore' : 'inherit'],
    });
  } catch (error) {
    if (mayFail) return Buffer.alloc(0);
    throw error;
  }
}

/** Every JSON file of the core schema at `ref`, parsed, by path. */
function readTree(gitDir, ref) {
  // A tag first: the mirror also has branches named like the release tags.
  const commit =
    git(gitDir, ['rev-parse', '-q', '--verify', `refs/tags/${ref}^{commit}`], undefined, true)
      .toString()
      .trim() ||
    git(gitDir, ['rev-parse', '--verify', `${ref}^{commit}`])
      .toString()
      .trim();
  const paths = git(gitDir, ['ls-tree', '-r', '--name-only', commit])
    .toString()
    .split('\n')
    .filter((p) => p.endsWith('.json') && !p.startsWith('extensions/') && !p.startsWith('.'));
  const out = git(gitDir, ['cat-file', '--batch'], `${paths.map((p) => `${commit}:${p}`).join('\n')}\n`);
  const files = new Map();
  let at = 0;
  for (const path of paths) {
    const headerEnd = out.indexOf(10, at);
    const header = out.subarray(at, headerEnd).toString();
    const size = Number(header.split(' ')[2]);
    if (!/ blob \d+$/.test(header)) throw new Error(`cannot read ${path}: ${header}`);
    const body = out.subarray(headerEnd + 1, headerEnd + 1 + size).toString('utf8');
    files.set(path, JSON.parse(body));
    at = headerEnd + 1 + size + 1;
  }
  return { commit, files };
}

// ---- merging ----

const isPlainObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The server's Utils.deep_merge: maps merge recursively, anything else on the right wins. */
function deepMerge(left, right) {
  if (!isPlainObject(left) || !isPlainObject(right)) return right === undefined ? left : right;
  const merged = { ...left };
  for (const [key, value] of Object.entries(right)) merged[key] = deepMerge(left[key], value);
  return merged;
}

/** Reads one included file; a profile's attributes are tagged with the profile's name. */
function readIncluded(files, path) {
  const included = files.get(path);
  if (!included) throw new Error(`$include of a missing file: ${path}`);
  if (included.meta !== 'profile') return included;
  const attributes = {};
  for (const [name, attr] of Object.entries(included.attributes ?? {})) {
    attributes[name] = { ...attr, profile: included.name };
  }
  return { ...included, attributes };
}

/** Resolves an item's `$include` list (the item's own attributes win) and attribute-level includes. */
function resolveIncludes(files, item) {
  const own = { ...(item.attributes ?? {}) };
  const include = own.$include;
  delete own.$include;
  let attributes = {};
  for (const path of include === undefined ? [] : [include].flat()) {
    attributes = deepMerge(attributes, readIncluded(files, path).attributes ?? {});
  }
  attributes = deepMerge(attributes, own);
  for (const [name, attr] of Object.entries(attributes)) {
    if (isPlainObject(attr) && typeof attr.$include === 'string') {
      const { $include, ...rest } = attr;
      attributes[name] = deepMerge(readIncluded(files, $include), rest);
    }
  }
  return { ...item, attributes };
}

/** Resolves `extends` chains: the child's attributes over its parent's, null removing one. */
function resolveExtends(items) {
  const resolved = new Map();
  const resolve = (name, seen = []) => {
    if (resolved.has(name)) return resolved.get(name);
    const item = items.get(name);
    if (!item) throw new Error(`${seen.at(-1) ?? '?'} extends an undefined item: ${name}`);
    if (seen.includes(name)) throw new Error(`extends cycle: ${[...seen, name].join(' -> ')}`);
    let result = item;
    if (item.extends) {
      if (item.extends === item.name) throw new Error(`${name} patches its base: patching is not supported`);
      const base = resolve(item.extends, [...seen, name]);
      const attributes = Object.fromEntries(
        Object.entries(deepMerge(base.attributes ?? {}, item.attributes ?? {})).filter(([, a]) => a !== null),
      );
      const profiles = [...new Set([...(base.profiles ?? []), ...(item.profiles ?? [])])];
      result = { ...base, ...item, profiles, attributes };
    }
    resolved.set(name, result);
    return result;
  };
  for (const name of items.keys()) resolve(name);
  return resolved;
}

// ---- the dictionary and its data types ----

function dataTypes(dictionary) {
  const types = dictionary.types.attributes;
  const baseOf = (type) => {
    let t = type;
    for (let i = 0; types[t]?.type && i < 10; i += 1) t = types[t].type;
    return t;
  };
  return { isDataType: (type) => type in types, baseOf };
}

/** Dictionary attributes, object types marked object_t, plus the datetime profile's _dt twins. */
function dictionaryAttributes(dictionary, types) {
  const attributes = {};
  for (const [name, attr] of Object.entries(dictionary.attributes)) {
    if (!attr.type) throw new Error(`dictionary attribute ${name} has no type`);
    attributes[name] = types.isDataType(attr.type)
      ? attr
      : { ...attr, type: 'object_t', object_type: attr.type };
    if (attr.type === 'timestamp_t') {
      attributes[`${name}_dt`] = { ...attr, type: 'datetime_t' };
    }
  }
  return attributes;
}

/** The datetime profile: every timestamp attribute gets an optional <name>_dt string twin. */
function addDatetimeTwins(item, dictionary) {
  const attributes = { ...item.attributes };
  for (const name of Object.keys(item.attributes)) {
    if (dictionary[name]?.type === 'timestamp_t' && !attributes[`${name}_dt`]) {
      attributes[`${name}_dt`] = { profile: 'datetime', requirement: 'optional' };
    }
  }
  return { ...item, attributes };
}

/** Observable type ids the server adds to observable.type_id (dictionary types, attributes, objects, classes). */
function observableTypeIds(dictionary, objects, classes) {
  const ids = new Set();
  const collect = (entries) => {
    for (const entry of entries) if (Number.isInteger(entry?.observable)) ids.add(String(entry.observable));
  };
  collect(Object.values(dictionary.types.attributes));
  collect(Object.values(dictionary.attributes));
  for (const item of [...objects.values(), ...classes.values()]) {
    collect([item]);
    collect(Object.values(item.attributes ?? {}));
    for (const id of Object.values(item.observables ?? {})) if (Number.isInteger(id)) ids.add(String(id));
  }
  return ids;
}

// ---- classes ----

/** class_uid, category_uid and type_uid as the server derives them for a (non-extension) class. */
function classify(cls, categories) {
  const category = categories.attributes[cls.category];
  if (!category) throw new Error(`class ${cls.name} has an undefined category: ${cls.category}`);
  const classUid = category.uid * 1000 + cls.uid;
  const activities = Object.keys(
    cls.attributes.activity_id?.enum ?? cls.attributes.disposition_id?.enum ?? {},
  );
  const typeUids = new Set([classUid * 100, ...activities.map((k) => classUid * 100 + Number(k))]);
  const attributes = {
    ...cls.attributes,
    class_uid: { ...cls.attributes.class_uid, enum: { [classUid]: { caption: cls.caption } } },
    category_uid: { ...cls.attributes.category_uid, enum: { [category.uid]: { caption: category.caption } } },
    type_uid: {
      ...cls.attributes.type_uid,
      enum: Object.fromEntries([...typeUids].map((uid) => [uid, { caption: String(uid) }])),
    },
  };
  return { ...cls, uid: classUid, attributes };
}

// ---- profiles and enrichment ----

function filterProfiles(item, profiles) {
  if (profiles === undefined) return item;
  const attributes = Object.fromEntries(
    Object.entries(item.attributes).filter(([, a]) => a.profile === undefined || profiles.has(a.profile)),
  );
  return { ...item, attributes };
}

function enrich(item, dictionary, types) {
  const attributes = {};
  for (const [name, attr] of Object.entries(item.attributes)) {
    const base = dictionary[name];
    if (!base) throw new Error(`${item.name}.${name} is not in the dictionary`);
    const merged = deepMerge(base, attr);
    attributes[name] =
      merged.type === 'object_t' || types.isDataType(merged.type)
        ? merged
        : { ...merged, type: 'object_t', object_type: merged.type };
  }
  return { ...item, attributes };
}

// ---- JSON Schema encoding (the server's Schema.JsonSchema) ----

const JSON_TYPES = {
  string_t: 'string',
  integer_t: 'integer',
  long_t: 'integer',
  float_t: 'number',
  boolean_t: 'boolean',
};

const defKey = (objectType) => objectType.replaceAll('/', '_');

function encodeAttribute(attr, types) {
  const schema = { title: attr.caption };
  if (attr.type === 'object_t') {
    schema.$ref = `#/$defs/${defKey(attr.object_type)}`;
  } else if (attr.type !== 'json_t') {
    const jsonType = JSON_TYPES[types.baseOf(attr.type)];
    if (!jsonType) throw new Error(`no JSON type for ${attr.type}`);
    schema.type = jsonType;
    if (attr.enum && (jsonType === 'integer' || jsonType === 'string')) {
      const keys = Object.keys(attr.enum);
      const values =
        jsonType === 'integer'
          ? keys.map(Number).sort((a, b) => a - b)
          : keys.sort((a, b) => a.localeCompare(b));
      if (values.length === 1) schema.const = values[0];
      else schema.enum = values;
    }
  }
  if (!attr.is_array) return schema;
  const { title, ...item } = schema;
  return { title, type: 'array', items: item };
}

function encodeItem(item, types) {
  const names = Object.keys(item.attributes).sort();
  const atLeastOne = item.constraints?.at_least_one ?? [];
  const justOne = item.constraints?.just_one ?? [];
  const properties = Object.fromEntries(names.map((n) => [n, encodeAttribute(item.attributes[n], types)]));
  const required = names.filter(
    (n) => item.attributes[n].requirement === 'required' && !atLeastOne.includes(n) && !justOne.includes(n),
  );
  const schema = {
    title: item.caption,
    type: 'object',
    properties,
    additionalProperties: names.length === 0,
  };
  if (required.length > 0) schema.required = required;
  const oneOf = names.filter((n) => justOne.includes(n));
  if (oneOf.length > 0) {
    schema.oneOf = oneOf.map((n) => ({ required: [n], not: { required: oneOf.filter((o) => o !== n) } }));
  }
  const anyOf = names.filter((n) => atLeastOne.includes(n));
  if (anyOf.length > 0) schema.anyOf = anyOf.map((n) => ({ required: [n] }));
  return schema;
}

// ---- putting it together ----

function compile({ gitDir, ref, className, profiles }) {
  const { commit, files } = readTree(gitDir, ref);
  const version = files.get('version.json')?.version;
  const dictionarySource = files.get('dictionary.json');
  const categories = files.get('categories.json');
  if (!version || !dictionarySource || !categories) throw new Error(`${ref} does not look like ocsf-schema`);
  const types = dataTypes(dictionarySource);
  const dictionary = dictionaryAttributes(dictionarySource, types);

  const read = (dir) =>
    new Map(
      [...files]
        .filter(([path]) => path.startsWith(`${dir}/`))
        .map(([, item]) => resolveIncludes(files, item))
        .map((item) => [item.name, item]),
    );
  const classes = resolveExtends(read('events'));
  const objects = resolveExtends(read('objects'));

  const source = classes.get(className);
  if (!source) throw new Error(`no class named ${className} at ${ref}`);
  if (source.uid === undefined) throw new Error(`${className} is a hidden class (it has no uid)`);

  const observableIds = observableTypeIds(dictionarySource, objects, classes);
  const prepare = (item) =>
    enrich(filterProfiles(addDatetimeTwins(item, dictionary), profiles), dictionary, types);
  const cls = prepare(classify(source, categories));

  // The objects the class reaches, each compiled once.
  const defs = {};
  const pending = Object.values(cls.attributes).filter((a) => a.type === 'object_t');
  while (pending.length > 0) {
    const name = pending.shift().object_type;
    if (defs[defKey(name)]) continue;
    if (name.startsWith('_') || !objects.has(name)) throw new Error(`no object named ${name}`);
    let object = objects.get(name);
    if (name === 'observable') {
      const enumeration = { ...object.attributes.type_id.enum };
      for (const id of observableIds) enumeration[id] ??= { caption: id };
      object = deepMerge(object, { attributes: { type_id: { enum: enumeration } } });
    }
    const prepared = prepare(object);
    defs[defKey(name)] = encodeItem(prepared, types);
    pending.push(...Object.values(prepared.attributes).filter((a) => a.type === 'object_t'));
  }

  const profileNote =
    profiles === undefined ? 'all profiles' : `profiles: ${[...profiles].join(', ') || '(none)'}`;
  return {
    $schema: JSON_SCHEMA_DRAFT,
    $id: `${CLASS_ID_BASE}/${className}`,
    $comment:
      `Generated by scripts/compile-ocsf-schema.mjs from ocsf/ocsf-schema ${ref} (commit ${commit}), ` +
      `OCSF ${version}, class ${className}, ${profileNote}. Do not edit: regenerate.`,
    ...encodeItem(cls, types),
    $defs: Object.fromEntries(Object.entries(defs).sort(([a], [b]) => a.localeCompare(b))),
  };
}

try {
  process.stdout.write(`${JSON.stringify(compile(parseArgs(process.argv.slice(2))), null, 2)}\n`);
} catch (error) {
  process.stderr.write(`compile-ocsf-schema: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
