/* The shape of vtiger's describe answer, as far as the node reads it. */

export interface VtigerFieldType {
	name: string;
	picklistValues?: Array<{ label: string; value: string }>;
	refersTo?: string[];
	format?: string;
}

export interface VtigerField {
	name: string;
	label: string;
	mandatory: boolean;
	editable: boolean;
	type: VtigerFieldType;
}

export interface VtigerDescribe {
	name: string;
	label: string;
	idPrefix: string;
	labelFields?: string;
	fields: VtigerField[];
}
