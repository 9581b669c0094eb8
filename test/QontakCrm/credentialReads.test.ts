import { runCrm, useQontak } from './setup';

const env = useQontak();

it('reads and decrypts the Mekari credential once per run, not once per item', async () => {
	const input = Array.from({ length: 12 }, (_, index) => ({ first_name: `Item ${index}` }));
	const { items, nodeError } = await runCrm(
		env,
		{ resource: 'contact', operation: 'create', fields: { mappingMode: 'defineBelow', value: { first_name: '={{ $json.first_name }}' } } },
		{ input },
	);
	expect(nodeError).toBeUndefined();
	expect(items).toHaveLength(12);
	// One read signs every request; one more, after the items ran, masks the output.
	expect(env.store.decryptions.get('mekariHmacApi')).toBe(2);
});
