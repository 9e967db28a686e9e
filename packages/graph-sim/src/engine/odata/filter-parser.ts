// A real (small) parser for OData $filter, the subset Graph supports on the endpoints we simulate.
// Literals are tokenised before anything else, so a quoted value can never become syntax:
// 'O''Brien' is one string, and so is ''' or 1 eq 1'. Anything outside the grammar is an error.

export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'datetime'; value: number; text: string }
  | { kind: 'guid'; value: string };

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type FilterNode =
  | { kind: 'literal'; literal: Literal }
  | { kind: 'member'; path: string[]; variable?: string }
  | { kind: 'compare'; op: ComparisonOperator; left: FilterNode; right: FilterNode }
  | { kind: 'in'; left: FilterNode; values: Literal[] }
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'function'; name: 'startswith' | 'endswith' | 'contains'; args: [FilterNode, FilterNode] }
  | {
      kind: 'lambda';
      quantifier: 'any' | 'all';
      collection: Extract<FilterNode, { kind: 'member' }>;
      variable: string;
      body: FilterNode;
    };

export class FilterSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterSyntaxError';
  }
}

type Token =
  | { kind: 'literal'; literal: Literal; pos: number }
  | { kind: 'ident'; text: string; pos: number }
  | { kind: 'punct'; text: '(' | ')' | ',' | ':' | '/'; pos: number };

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])/;
const DATETIME =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2}))?(?![\w:.-])/;
const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w.])/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < input.length) {
    const ch = input[pos] as string;
    if (/\s/.test(ch)) {
      pos++;
      continue;
    }
    if (ch === "'") {
      let value = '';
      let i = pos + 1;
      for (;;) {
        if (i >= input.length) throw new FilterSyntaxError(`Unterminated string literal at position ${pos}.`);
        const c = input[i] as string;
        if (c === "'") {
          if (input[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          break;
        }
        value += c;
        i++;
      }
      tokens.push({ kind: 'literal', literal: { kind: 'string', value }, pos });
      pos = i + 1;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',' || ch === ':' || ch === '/') {
      tokens.push({ kind: 'punct', text: ch, pos });
      pos++;
      continue;
    }
    const rest = input.slice(pos);
    const guid = GUID.exec(rest);
    if (guid) {
      tokens.push({ kind: 'literal', literal: { kind: 'guid', value: guid[0].toLowerCase() }, pos });
      pos += guid[0].length;
      continue;
    }
    const datetime = DATETIME.exec(rest);
    if (datetime) {
      const text = datetime[0];
      const value = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
      if (Number.isNaN(value)) throw new FilterSyntaxError(`Invalid date/time literal '${text}'.`);
      tokens.push({ kind: 'literal', literal: { kind: 'datetime', value, text }, pos });
      pos += text.length;
      continue;
    }
    const number = NUMBER.exec(rest);
    if (number) {
      tokens.push({ kind: 'literal', literal: { kind: 'number', value: Number(number[0]) }, pos });
      pos += number[0].length;
      continue;
    }
    const ident = IDENT.exec(rest);
    if (ident) {
      const text = ident[0];
      if (text === 'true' || text === 'false') {
        tokens.push({ kind: 'literal', literal: { kind: 'boolean', value: text === 'true' }, pos });
      } else if (text === 'null') {
        tokens.push({ kind: 'literal', literal: { kind: 'null' }, pos });
      } else {
        tokens.push({ kind: 'ident', text, pos });
      }
      pos += text.length;
      continue;
    }
    throw new FilterSyntaxError(`Syntax error: character '${ch}' is not valid at position ${pos}.`);
  }
  return tokens;
}

const COMPARISONS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FUNCTIONS = new Set<string>(['startswith', 'endswith', 'contains']);
const MAX_DEPTH = 64;

class Parser {
  private index = 0;
  private depth = 0;
  /** Lambda variables in scope; a member path starting with one refers to the element. */
  private readonly variables: string[] = [];

  constructor(private readonly tokens: Token[]) {}

  parse(): FilterNode {
    if (this.tokens.length === 0) throw new FilterSyntaxError('The $filter expression is empty.');
    const node = this.parseOr();
    const extra = this.peek();
    if (extra)
      throw new FilterSyntaxError(`Syntax error at position ${extra.pos}: unexpected '${describe(extra)}'.`);
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.tokens[this.index++];
    if (!token) throw new FilterSyntaxError('Syntax error: the $filter expression ends unexpectedly.');
    return token;
  }

  private isKeyword(word: string): boolean {
    const token = this.peek();
    return token?.kind === 'ident' && token.text === word;
  }

  private expectPunct(text: string): void {
    const token = this.next();
    if (token.kind !== 'punct' || token.text !== text) {
      throw new FilterSyntaxError(`Syntax error at position ${token.pos}: expected '${text}'.`);
    }
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw new FilterSyntaxError('The $filter expression is nested too deeply.');
  }

  private parseOr(): FilterNode {
    this.enter();
    let left = this.parseAnd();
    while (this.isKeyword('or')) {
      this.index++;
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    this.depth--;
    return left;
  }

  private parseAnd(): FilterNode {
    let left = this.parseNot();
    while (this.isKeyword('and')) {
      this.index++;
      left = { kind: 'and', left, right: this.parseNot() };
    }
    return left;
  }

  private parseNot(): FilterNode {
    if (this.isKeyword('not')) {
      this.index++;
      this.enter();
      const operand = this.parseNot();
      this.depth--;
      return { kind: 'not', operand };
    }
    return this.parseComparison();
  }

  private parseComparison(): FilterNode {
    const left = this.parsePrimary();
    const token = this.peek();
    if (token?.kind === 'ident' && COMPARISONS.has(token.text)) {
      this.index++;
      const right = this.parsePrimary();
      return { kind: 'compare', op: token.text as ComparisonOperator, left, right };
    }
    if (token?.kind === 'ident' && token.text === 'in') {
      this.index++;
      this.expectPunct('(');
      const values: Literal[] = [];
      for (;;) {
        const value = this.next();
        if (value.kind !== 'literal') {
          throw new FilterSyntaxError(
            `Syntax error at position ${value.pos}: 'in' takes a list of literals.`,
          );
        }
        values.push(value.literal);
        const separator = this.next();
        if (separator.kind === 'punct' && separator.text === ')') break;
        if (separator.kind !== 'punct' || separator.text !== ',') {
          throw new FilterSyntaxError(`Syntax error at position ${separator.pos}: expected ',' or ')'.`);
        }
      }
      return { kind: 'in', left, values };
    }
    return left;
  }

  private parsePrimary(): FilterNode {
    const token = this.next();
    if (token.kind === 'literal') return { kind: 'literal', literal: token.literal };
    if (token.kind === 'punct') {
      if (token.text !== '(') {
        throw new FilterSyntaxError(`Syntax error at position ${token.pos}: unexpected '${token.text}'.`);
      }
      const inner = this.parseOr();
      this.expectPunct(')');
      return inner;
    }
    const after = this.peek();
    if (FUNCTIONS.has(token.text) && after?.kind === 'punct' && after.text === '(') {
      this.index++;
      const first = this.parseOr();
      this.expectPunct(',');
      const second = this.parseOr();
      this.expectPunct(')');
      return {
        kind: 'function',
        name: token.text as 'startswith' | 'endswith' | 'contains',
        args: [first, second],
      };
    }
    return this.parseMemberPath(token);
  }

  private parseMemberPath(first: Extract<Token, { kind: 'ident' }>): FilterNode {
    if (COMPARISONS.has(first.text) || ['and', 'or', 'not', 'in'].includes(first.text)) {
      throw new FilterSyntaxError(`Syntax error at position ${first.pos}: unexpected '${first.text}'.`);
    }
    const path = [first.text];
    while (this.peek()?.kind === 'punct' && (this.peek() as { text: string }).text === '/') {
      this.index++;
      const segment = this.next();
      if (segment.kind !== 'ident') {
        throw new FilterSyntaxError(`Syntax error at position ${segment.pos}: expected a property name.`);
      }
      const open = this.peek();
      if ((segment.text === 'any' || segment.text === 'all') && open?.kind === 'punct' && open.text === '(') {
        return this.parseLambda(segment.text, this.member(path));
      }
      path.push(segment.text);
    }
    return this.member(path);
  }

  private member(path: string[]): Extract<FilterNode, { kind: 'member' }> {
    const variable = this.variables.includes(path[0] as string) ? path[0] : undefined;
    if (variable) return { kind: 'member', path: path.slice(1), variable };
    return { kind: 'member', path };
  }

  private parseLambda(
    quantifier: 'any' | 'all',
    collection: Extract<FilterNode, { kind: 'member' }>,
  ): FilterNode {
    this.expectPunct('(');
    const variable = this.next();
    if (variable.kind !== 'ident') {
      throw new FilterSyntaxError(`Syntax error at position ${variable.pos}: expected a lambda variable.`);
    }
    this.expectPunct(':');
    this.variables.push(variable.text);
    const body = this.parseOr();
    this.variables.pop();
    this.expectPunct(')');
    return { kind: 'lambda', quantifier, collection, variable: variable.text, body };
  }
}

function describe(token: Token): string {
  if (token.kind === 'literal') return 'literal';
  return token.text;
}

export function parseFilter(input: string): FilterNode {
  if (input.length > 8_000) throw new FilterSyntaxError('The $filter expression is too long.');
  return new Parser(tokenize(input)).parse();
}

/** The top-level properties a filter reads (lambda variables excluded), for a route's `filterable` list. */
export function filterProperties(node: FilterNode): string[] {
  const found = new Set<string>();
  const visit = (n: FilterNode): void => {
    switch (n.kind) {
      case 'member':
        if (!n.variable && n.path[0]) found.add(n.path[0]);
        return;
      case 'compare':
      case 'and':
      case 'or':
        visit(n.left);
        visit(n.right);
        return;
      case 'in':
        visit(n.left);
        return;
      case 'not':
        visit(n.operand);
        return;
      case 'function':
        visit(n.args[0]);
        visit(n.args[1]);
        return;
      case 'lambda':
        visit(n.collection);
        return;
      case 'literal':
        return;
    }
  };
  visit(node);
  return [...found];
}
