import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { nodeClasses } from '../harness/registry';

/**
 * What n8n 2.41's parameter panel leaves out as authentication (ParameterInputList.vue, with
 * getMainAuthField, getNodeAuthFields and isAuthRelatedParameter from
 * https://github.com/n8n-io/n8n/blob/master/packages/frontend/editor-ui/src/app/utils/nodeTypesUtils.ts):
 * the main authentication field, which moves into the credential section, and every parameter
 * named in the displayOptions.show of any field the credentials' displayOptions depend on.
 */
function hiddenAsAuthentication(description: INodeTypeDescription): string[] {
	const credentialShow = (description.credentials ?? []).map((credential) => credential.displayOptions?.show ?? {});
	const authFields = description.properties.filter((property) => credentialShow.some((show) => property.name in show));
	const shownFor = (name: string) => credentialShow.flatMap((show) => (show[name] ?? []).map(String));
	const values = (field: INodeProperties) => (field.options ?? []).flatMap((option) => ('value' in option && typeof option.value === 'string' ? [option.value] : []));
	const main =
		authFields.find((field) => field.name === 'authentication' && !values(field).includes('none')) ??
		authFields.find((field) => (field.options ?? []).length > 0 && values(field).every((value) => shownFor(field.name).includes(value)));
	if (!main) return [];
	const related = (property: INodeProperties) => authFields.some((field) => property.name in (field.displayOptions?.show ?? {}));
	return [...new Set(description.properties.filter((property) => property.name === main.name || related(property)).map((property) => property.name))];
}

describe('parameters n8n’s editor moves into the credential section', () => {
	const nodes = Object.values(nodeClasses).map((type) => type.description as INodeTypeDescription);

	it.each(nodes.map((description) => [description.displayName, description]))(
		'%s: only the authentication field, never a setting the user still has to reach (such as Registration)',
		(_name, description) => {
			const hidden = hiddenAsAuthentication(description as INodeTypeDescription);
			expect(hidden.filter((name) => name !== 'authentication')).toEqual([]);
		},
	);
});
