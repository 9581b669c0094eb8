import { secretForms } from '../../credentials/secretForms';
import { holdsLiteral, maskDeep, maskLiterals, maskText, secretVariants } from '../../credentials/secretMask';
import { excerpt } from '../../nodes/shared/requestPolicy';

const netzme = { clientId: 'aggregator-1', clientSecret: 'sim-client-secret', invoiceToken: 'inv0ice-T0ken', accessToken: 'a1b2c3d4e5f6', withdrawalPinSecret: '123456', defaultMerchantId: 'M_czBSCDVY' };
const secrets = secretVariants(secretForms('netzmeApi', netzme));

describe('masking secrets', () => {
	it('masks a secret before the text is cut, so no fragment of a cut value survives', () => {
		const basic = Buffer.from('aggregator-1:sim-client-secret').toString('base64');
		const body = `${'x'.repeat(100)} token=${basic}`;
		const cut = excerpt(body, (text) => maskText(text, secrets));
		expect(cut).not.toContain(basic.slice(0, 8));
		expect(cut).toMatch(/token=\*\*\*$/);
	});

	it('masks URL-encoded and JSON-escaped forms, and every derived form the credential lists', () => {
		const tricky = secretVariants(['p@ss"word/1']);
		expect(maskText(`q=${encodeURIComponent('p@ss"word/1')} j=${JSON.stringify('p@ss"word/1')}`, tricky)).toBe('q=*** j="***"');
		expect(secretForms('netzmeApi', netzme)).toEqual(
			expect.arrayContaining(['sim-client-secret', 'Bearer a1b2c3d4e5f6', 'custom inv0ice-T0ken', expect.stringMatching(/^[0-9a-f]{64}$/)]),
		);
		expect(secretForms('netzmeApi', netzme)).not.toContain('123456');
	});

	it('masks secret-shaped values by pattern, and leaves prose alone', () => {
		expect(maskText('Authorization: Bearer eyJ0eXAi.abc123 and Basic YWdncmVnYXRvcjpz=')).toBe('Authorization: Bearer *** and Basic ***');
		expect(maskText('GET /webservice.php?operation=query&sessionName=5f1e2d3c4b5a')).toBe('GET /webservice.php?operation=query&sessionName=***');
		expect(maskText('Check the custom base URL and the Basic auth user')).toBe('Check the custom base URL and the Basic auth user');
		expect(maskText(`{"pin":"${'ab'.repeat(32)}"}`)).toBe('{"pin":"***"}');
	});

	it('masks every string in a response object without touching its shape', () => {
		expect(maskDeep({ a: ['x sim-client-secret'], b: 2, c: { d: 'Bearer a1b2c3d4e5f6' } }, secrets)).toEqual({ a: ['x ***'], b: 2, c: { d: '***' } });
	});

	it('finds a secret exactly where maskLiterals masks one', () => {
		let deep: unknown = 'sim-client-secret';
		for (let level = 0; level < 14; level++) deep = { level: deep };
		const values: unknown[] = [
			{ note: 'echo sim-client-secret', n: 1 },
			{ rows: [{ a: null }, { b: ['x', { c: `q=${encodeURIComponent('p@ss"word/1')}` }] }] },
			{ quoted: JSON.stringify({ secret: 'p@ss"word/1' }) },
			{ clean: 'nothing here', list: [1, true, null] },
			{ file: Buffer.from('sim-client-secret') },
			deep,
		];
		const list = [...secrets, ...secretVariants(['p@ss"word/1'])];
		for (const value of values) {
			const masked = maskLiterals(value, list);
			expect(holdsLiteral(value, list)).toBe(JSON.stringify(masked) !== JSON.stringify(value));
		}
		expect(values.map((value) => holdsLiteral(value, list))).toEqual([true, true, true, false, false, false]);
	});
});
