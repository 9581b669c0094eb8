/**
 * VTQL as vtiger 7's lexer and parser accept it (include/Webservices/VTQL_Lexer.php and
 * VTQL_Parser.php of vtiger 7.5.0,
 * https://github.com/IT-Solutions4You/defalto/tree/1bb03aedbc28890ed45b575190f59738d8de923a):
 * mandatory trailing `;`, values in single quotes ('' escapes a quote), no parentheses or NOT,
 * AND/OR left to right, LIMIT capped at 100 rows. Written for the simulator only.
 */

import { WsError } from './wsEnvelope';

export type Operator = '=' | '!=' | '<' | '>' | '<=' | '>=' | 'LIKE' | 'IN';

export interface Condition {
	field: string;
	operator: Operator;
	values: string[];
}

export interface VtqlQuery {
	select: '*' | 'count' | string[];
	module: string;
	where: Array<{ joiner: 'AND' | 'OR' | null; condition: Condition }>;
	orderBy: string[];
	descending: boolean;
	offset: number;
	/** Rows asked for, already capped at 100. */
	limit: number;
}

export const ROW_CAP = 100;

type Token =
	| { kind: 'word'; text: string }
	| { kind: 'string'; text: string }
	| { kind: 'number'; text: string }
	| { kind: 'symbol'; text: string };

function syntaxError(detail: string): WsError {
	return new WsError('QUERY_SYNTAX_ERROR', `Syntax Error on line 1: ${detail}`);
}

function tokenize(query: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < query.length) {
		const char = query[i];
		if (/\s/.test(char)) {
			i++;
		} else if (char === "'") {
			let text = '';
			i++;
			for (;;) {
				if (i >= query.length) throw syntaxError('unterminated quoted value');
				if (query[i] === "'") {
					if (query[i + 1] === "'") {
						text += "'";
						i += 2;
						continue;
					}
					i++;
					break;
				}
				text += query[i++];
			}
			// vtiger's lexer matches '(?:[^']|'')+': an empty quoted value is no token at all.
			if (text === '') throw syntaxError(`unexpected input at "''"`);
			tokens.push({ kind: 'string', text });
		} else if (/[A-Za-z_]/.test(char)) {
			const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(query.slice(i))![0];
			tokens.push({ kind: 'word', text: match });
			i += match.length;
		} else if (/[0-9]/.test(char)) {
			const match = /^[0-9]+/.exec(query.slice(i))![0];
			// An unquoted 12.5, 2024-01-31 or 3x45 is not a token vtiger's lexer knows.
			if (/[.\-@xA-Za-z]/.test(query[i + match.length] ?? '')) throw syntaxError(`unexpected '${query.slice(i, i + match.length + 1)}'; quote values`);
			tokens.push({ kind: 'number', text: match });
			i += match.length;
		} else {
			const two = query.slice(i, i + 2);
			if (['<=', '>=', '!=', '<>'].includes(two)) {
				tokens.push({ kind: 'symbol', text: two === '<>' ? '!=' : two });
				i += 2;
			} else if ('=<>,;()*'.includes(char)) {
				tokens.push({ kind: 'symbol', text: char });
				i++;
			} else {
				throw syntaxError(`unexpected character '${char}'`);
			}
		}
	}
	return tokens;
}

class Parser {
	private position = 0;

	constructor(private readonly tokens: Token[]) {}

	private peek(): Token | undefined {
		return this.tokens[this.position];
	}

	private next(): Token {
		const token = this.tokens[this.position++];
		if (!token) throw syntaxError('unexpected end of query (is the trailing ; missing?)');
		return token;
	}

	private isWord(word: string): boolean {
		const token = this.peek();
		return token?.kind === 'word' && token.text.toUpperCase() === word;
	}

	private expectWord(word: string): void {
		const token = this.next();
		if (token.kind !== 'word' || token.text.toUpperCase() !== word) throw syntaxError(`expected ${word}, found '${token.text}'`);
	}

	private expectSymbol(symbol: string): void {
		const token = this.next();
		if (token.kind !== 'symbol' || token.text !== symbol) throw syntaxError(`expected '${symbol}', found '${token.text}'`);
	}

	private identifier(): string {
		const token = this.next();
		if (token.kind !== 'word') throw syntaxError(`expected a field name, found '${token.text}'`);
		return token.text;
	}

	private value(): string {
		const token = this.next();
		if (token.kind === 'string' || token.kind === 'number') return token.text;
		throw syntaxError(`expected a quoted value, found '${token.text}'`);
	}

	private integer(): number {
		const token = this.next();
		if (token.kind !== 'number') throw syntaxError(`expected a number, found '${token.text}'`);
		return Number(token.text);
	}

	parse(): VtqlQuery {
		this.expectWord('SELECT');
		let select: VtqlQuery['select'];
		const first = this.peek();
		if (first?.kind === 'symbol' && first.text === '*') {
			this.next();
			select = '*';
		} else if (first?.kind === 'word' && first.text.toLowerCase() === 'count') {
			this.next();
			this.expectSymbol('(');
			this.expectSymbol('*');
			this.expectSymbol(')');
			select = 'count';
		} else {
			const columns = [this.identifier()];
			while (this.peek()?.text === ',') {
				this.next();
				columns.push(this.identifier());
			}
			select = columns;
		}
		this.expectWord('FROM');
		const module = this.identifier();

		const where: VtqlQuery['where'] = [];
		if (this.isWord('WHERE')) {
			this.next();
			let joiner: 'AND' | 'OR' | null = null;
			for (;;) {
				where.push({ joiner, condition: this.condition() });
				if (this.isWord('AND') || this.isWord('OR')) joiner = this.next().text.toUpperCase() as 'AND' | 'OR';
				else break;
			}
		}

		const orderBy: string[] = [];
		let descending = false;
		if (this.isWord('ORDER')) {
			this.next();
			this.expectWord('BY');
			orderBy.push(this.identifier());
			while (this.peek()?.text === ',') {
				this.next();
				orderBy.push(this.identifier());
			}
			if (this.isWord('ASC') || this.isWord('DESC')) descending = this.next().text.toUpperCase() === 'DESC';
		}

		let offset = 0;
		let limit = ROW_CAP;
		if (this.isWord('LIMIT')) {
			this.next();
			const a = this.integer();
			if (this.peek()?.text === ',') {
				this.next();
				offset = a;
				limit = this.integer();
			} else {
				limit = a;
			}
		}
		this.expectSymbol(';');
		const rest = this.peek();
		if (rest) throw syntaxError(`unexpected '${rest.text}' after ;`);
		return { select, module, where, orderBy, descending, offset, limit: Math.min(limit, ROW_CAP) };
	}

	private condition(): Condition {
		const field = this.identifier();
		const token = this.next();
		if (token.kind === 'symbol' && ['=', '!=', '<', '>', '<=', '>='].includes(token.text)) {
			return { field, operator: token.text as Operator, values: [this.value()] };
		}
		if (token.kind === 'word' && token.text.toUpperCase() === 'LIKE') return { field, operator: 'LIKE', values: [this.value()] };
		if (token.kind === 'word' && token.text.toUpperCase() === 'IN') {
			this.expectSymbol('(');
			const values = [this.value()];
			while (this.peek()?.text === ',') {
				this.next();
				values.push(this.value());
			}
			this.expectSymbol(')');
			return { field, operator: 'IN', values };
		}
		throw syntaxError(`unsupported operator '${token.text}'`);
	}
}

export function parseVtql(query: string): VtqlQuery {
	return new Parser(tokenize(query)).parse();
}

const NUMERIC = /^-?\d+(\.\d+)?$/;
const WS_ID = /^(\d+)x(\d+)$/;

/** MySQL-like comparison: numbers as numbers, ids by their record number, text case-insensitively. */
export function compareValues(a: string, b: string): number {
	const idA = WS_ID.exec(a);
	const idB = WS_ID.exec(b);
	if (idA && idB) return Number(idA[2]) - Number(idB[2]);
	if (NUMERIC.test(a) && NUMERIC.test(b)) return Number(a) - Number(b);
	const x = a.toLowerCase();
	const y = b.toLowerCase();
	return x < y ? -1 : x > y ? 1 : 0;
}

function likeMatcher(pattern: string): RegExp {
	const source = pattern
		.split('')
		.map((char) => (char === '%' ? '.*' : char === '_' ? '.' : char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
		.join('');
	return new RegExp(`^${source}$`, 'is');
}

export function matchesCondition(value: string, condition: Condition): boolean {
	const [first] = condition.values;
	switch (condition.operator) {
		case '=':
			return compareValues(value, first) === 0;
		case '!=':
			return compareValues(value, first) !== 0;
		case '<':
			return compareValues(value, first) < 0;
		case '>':
			return compareValues(value, first) > 0;
		case '<=':
			return compareValues(value, first) <= 0;
		case '>=':
			return compareValues(value, first) >= 0;
		case 'LIKE':
			return likeMatcher(first).test(value);
		case 'IN':
			return condition.values.some((candidate) => compareValues(value, candidate) === 0);
	}
}

export function matchesWhere(record: Record<string, string>, where: VtqlQuery['where']): boolean {
	let result = true;
	for (const { joiner, condition } of where) {
		const outcome = matchesCondition(record[condition.field] ?? '', condition);
		result = joiner === null ? outcome : joiner === 'AND' ? result && outcome : result || outcome;
	}
	return result;
}
