import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export interface InputFile {
	data: Buffer;
	filename: string;
	mimeType: string;
}

/** The binary of an input item, with an error that names the field when it is missing. */
export async function inputFile(this: IExecuteFunctions, itemIndex: number, property: string, field: string): Promise<InputFile> {
	const name = property.trim();
	const binary = this.getInputData()[itemIndex]?.binary ?? {};
	if (!name || !binary[name]) {
		const available = Object.keys(binary);
		throw new NodeOperationError(this.getNode(), `'${field}': the input item has no binary field '${name}'`, {
			itemIndex,
			description: available.length
				? `Set '${field}' to one of the item's binary fields: ${available.join(', ')}`
				: 'The input item carries no file. Read or download the file in an earlier node (for example Read/Write Files from Disk or HTTP Request) and name its binary field here.',
		});
	}
	const metadata = binary[name];
	const data = await this.helpers.getBinaryDataBuffer(itemIndex, name);
	const extension = metadata.fileExtension ? `.${metadata.fileExtension}` : '';
	return { data, filename: metadata.fileName ?? `${name}${extension}`, mimeType: metadata.mimeType || 'application/octet-stream' };
}
