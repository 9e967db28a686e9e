// Reads a CSDL document (Microsoft Graph's $metadata) into a model: types with their properties,
// navigation properties and base types, enums, bound operations, the entity container, and the
// capability annotations. No dependency: CSDL is plain, regular XML (elements, attributes, no
// mixed content), so a tag tokenizer is enough.

const TAG = /<(\/?)([A-Za-z][\w:.]*)((?:\s+[\w:.]+\s*=\s*"[^"]*")*)\s*(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g;
const ATTRIBUTE = /([\w:.]+)\s*=\s*"([^"]*)"/g;

function decodeEntities(text) {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Parses XML into `{ name, attrs, children }` elements; text content is ignored (CSDL has none we need). */
export function parseXml(xml) {
  const root = { name: '#document', attrs: {}, children: [] };
  const stack = [root];
  for (const match of xml.matchAll(TAG)) {
    const [, closing, name, attributeText, selfClosing] = match;
    if (!name) continue; // comment or processing instruction
    if (closing) {
      stack.pop();
      continue;
    }
    const attrs = {};
    for (const [, key, value] of (attributeText ?? '').matchAll(ATTRIBUTE))
      attrs[key] = decodeEntities(value);
    const element = { name, attrs, children: [] };
    stack.at(-1).children.push(element);
    if (!selfClosing) stack.push(element);
  }
  return root;
}

function* descendants(element, name) {
  for (const child of element.children) {
    if (child.name === name) yield child;
    yield* descendants(child, name);
  }
}

const childrenNamed = (element, name) => element.children.filter((child) => child.name === name);

/** An annotation's value as JSON: Bool/String/EnumMember attributes, Records and Collections. */
function annotationValue(element) {
  const { Bool, String: text, EnumMember, Int } = element.attrs;
  if (Bool !== undefined) return Bool === 'true';
  if (text !== undefined) return text;
  if (Int !== undefined) return Number(Int);
  if (EnumMember !== undefined) return EnumMember;
  const [inner] = element.children.filter((c) => c.name !== 'Annotation');
  return inner ? expressionValue(inner) : true;
}

function expressionValue(element) {
  switch (element.name) {
    case 'Record': {
      const record = {};
      for (const value of childrenNamed(element, 'PropertyValue')) {
        record[value.attrs.Property] = annotationValue(value);
      }
      return record;
    }
    case 'Collection':
      return element.children.map(expressionValue);
    case 'PropertyPath':
    case 'NavigationPropertyPath':
    case 'String':
      return element.children.length ? undefined : element.attrs.value;
    default:
      return annotationValue(element);
  }
}

/**
 * The model of one CSDL document. Type names are fully qualified (`microsoft.graph.user`), with
 * schema aliases (`graph.`, `self.`) expanded; collections are written `Collection(<type>)`.
 */
export function readCsdl(xml) {
  const document = parseXml(xml);
  const schemas = [...descendants(document, 'Schema')];
  const aliases = new Map();
  for (const schema of schemas) {
    if (schema.attrs.Alias) aliases.set(schema.attrs.Alias, schema.attrs.Namespace);
  }
  const qualify = (name) => {
    if (!name) return name;
    const collection = /^Collection\((.*)\)$/.exec(name);
    if (collection) return `Collection(${qualify(collection[1])})`;
    const dot = name.lastIndexOf('.');
    const prefix = name.slice(0, dot);
    return aliases.has(prefix) ? `${aliases.get(prefix)}${name.slice(dot)}` : name;
  };

  const types = new Map(); // full name -> { kind, base, abstract, properties, navigation }
  const enums = new Map(); // full name -> member names
  const operations = []; // bound functions and actions: { name, kind, binding, returns }
  const annotations = new Map(); // target -> { term: value }
  let container = { name: 'GraphService', entitySets: new Map(), singletons: new Map() };

  const annotate = (target, element) => {
    for (const annotation of childrenNamed(element, 'Annotation')) {
      const term = annotation.attrs.Term;
      if (!term?.startsWith('Org.OData.Capabilities.V1.')) continue;
      const entry = annotations.get(target) ?? {};
      const key = term.slice('Org.OData.Capabilities.V1.'.length);
      const value = annotationValue(annotation);
      // The same term may appear in several Annotations blocks for one target: merge records.
      entry[key] =
        typeof entry[key] === 'object' && typeof value === 'object' ? { ...entry[key], ...value } : value;
      annotations.set(target, entry);
    }
  };

  for (const schema of schemas) {
    const namespace = schema.attrs.Namespace;
    for (const element of schema.children) {
      const fullName = `${namespace}.${element.attrs.Name}`;
      if (element.name === 'EntityType' || element.name === 'ComplexType') {
        const properties = {};
        const navigation = {};
        for (const child of element.children) {
          if (child.name === 'Property') properties[child.attrs.Name] = qualify(child.attrs.Type);
          if (child.name === 'NavigationProperty') {
            navigation[child.attrs.Name] = qualify(child.attrs.Type);
            annotate(`${fullName}/${child.attrs.Name}`, child);
          }
        }
        types.set(fullName, {
          kind: element.name === 'EntityType' ? 'entity' : 'complex',
          base: qualify(element.attrs.BaseType),
          abstract: element.attrs.Abstract === 'true',
          open: element.attrs.OpenType === 'true',
          properties,
          navigation,
        });
        annotate(fullName, element);
      } else if (element.name === 'EnumType') {
        enums.set(
          fullName,
          childrenNamed(element, 'Member').map((member) => member.attrs.Name),
        );
      } else if (
        (element.name === 'Function' || element.name === 'Action') &&
        element.attrs.IsBound === 'true'
      ) {
        const [binding] = childrenNamed(element, 'Parameter');
        const [returns] = childrenNamed(element, 'ReturnType');
        operations.push({
          name: element.attrs.Name,
          kind: element.name,
          namespace,
          binding: qualify(binding?.attrs.Type),
          returns: qualify(returns?.attrs.Type),
        });
      } else if (element.name === 'EntityContainer') {
        container = { name: element.attrs.Name, entitySets: new Map(), singletons: new Map() };
        for (const member of element.children) {
          const target = `${namespace}.${container.name}/${member.attrs.Name}`;
          if (member.name === 'EntitySet')
            container.entitySets.set(member.attrs.Name, qualify(member.attrs.EntityType));
          if (member.name === 'Singleton')
            container.singletons.set(member.attrs.Name, qualify(member.attrs.Type));
          annotate(target, member);
        }
        container.target = (name) => `${namespace}.${container.name}/${name}`;
      } else if (element.name === 'Annotations') {
        // `graph.group/members` -> `microsoft.graph.group/members`: only the leading type is aliased.
        const [head, ...rest] = element.attrs.Target.split('/');
        annotate([qualify(head), ...rest].join('/'), element);
      }
    }
  }
  return { types, enums, operations, annotations, container };
}
