import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeType, INodeTypeDescription, IVersionedNodeType } from 'n8n-workflow';

import { credentialClasses, nodeClasses } from '../harness/registry';

/**
 * n8n verifies only community nodes whose interface is in English (verification guidelines,
 * "Use English language only"). Proper names (Budi, Jakarta, Toko Sinar Jaya, Lebaran) and the
 * values a vendor's API defines stay as they are, so the list holds only everyday Indonesian words
 * that are no English word and no name: one of them in the editor is a sentence left untranslated.
 */
const INDONESIAN = new Set([
	'anda', 'apabila', 'atau', 'bahasa', 'bapak', 'bayar', 'belum', 'bisa', 'dari', 'dengan', 'dikirim', 'halo',
	'hanya', 'harga', 'jika', 'juga', 'kami', 'kasih', 'kirim', 'kita', 'lunas', 'mohon', 'pelanggan', 'pembayaran',
	'pesanan', 'saya', 'sebesar', 'segera', 'selamat', 'semua', 'setia', 'silakan', 'sudah', 'tagihan', 'telah',
	'terima', 'tidak', 'untuk', 'yang',
]);

/** The keys whose strings n8n's editor shows: labels, help texts, placeholders, option names, defaults. */
const SHOWN = new Set(['displayName', 'name', 'description', 'placeholder', 'hint', 'default', 'action', 'subtitle', 'errorMessage', 'multipleValueButtonText']);

/** Every string under a shown key, anywhere in a description (options, collections, resource locator modes…), with its path. */
function shownStrings(value: unknown, path: string, key = ''): Array<[string, string]> {
	if (typeof value === 'string') return SHOWN.has(key) ? [[path, value]] : [];
	if (Array.isArray(value)) return value.flatMap((entry, index) => shownStrings(entry, `${path}[${index}]`, key));
	if (value && typeof value === 'object') {
		return Object.entries(value).flatMap(([child, entry]) => shownStrings(entry, `${path}.${child}`, child));
	}
	return [];
}

function indonesianWords(text: string): string[] {
	return text.toLowerCase().split(/[^a-z]+/).filter((word) => INDONESIAN.has(word));
}

function descriptions(type: INodeType | IVersionedNodeType): INodeTypeDescription[] {
	if ('nodeVersions' in type) return Object.values(type.nodeVersions).map((version) => version.description);
	return [type.description];
}

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
const fileOf = (name: string) => `/${name.charAt(0).toUpperCase()}${name.slice(1)}.node.js`;
// The registry also holds test-only nodes; the packaged ones are those package.json lists.
const packaged = Object.entries(nodeClasses).filter(([name]) => pkg.n8n.nodes.some((path: string) => path.endsWith(fileOf(name))));

describe('the editor is in English', () => {
	it('reads every node and credential package.json lists', () => {
		expect(packaged.length).toBe(pkg.n8n.nodes.length);
		expect(Object.keys(credentialClasses).length).toBe(pkg.n8n.credentials.length);
	});

	it.each(packaged)('node %s: no Indonesian word in any label, description, hint, placeholder, option or default', (name, type) => {
		const found = descriptions(type).flatMap((description) =>
			shownStrings(description, name).filter(([, text]) => indonesianWords(text).length > 0),
		);
		expect(found).toEqual([]);
	});

	it.each(Object.entries(credentialClasses))('credential %s: no Indonesian word in what its form shows', (name, credential) => {
		const shown = shownStrings({ displayName: credential.displayName, properties: credential.properties }, name);
		expect(shown.filter(([, text]) => indonesianWords(text).length > 0)).toEqual([]);
	});

	it('finds a sentence deep inside a collection option, in a placeholder or an option name', () => {
		const planted = {
			properties: [
				{
					displayName: 'Message',
					name: 'message',
					type: 'fixedCollection',
					options: [{ name: 'text', displayName: 'Text', values: [{ displayName: 'Body', name: 'body', placeholder: 'Halo {{1}}, pesanan sudah dikirim.' }] }],
				},
				{ displayName: 'List', name: 'list', type: 'options', options: [{ name: 'Pelanggan setia', value: 'vip' }], default: 'vip' },
			],
		};
		expect(shownStrings(planted, 'planted').filter(([, text]) => indonesianWords(text).length > 0).map(([path]) => path)).toEqual([
			'planted.properties[0].options[0].values[0].placeholder',
			'planted.properties[1].options[0].name',
		]);
	});
});
