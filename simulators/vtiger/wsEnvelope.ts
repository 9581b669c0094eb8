/** vtiger's reply envelope: always HTTP 200, success or error{code, message} inside. */

export class WsError extends Error {
	constructor(
		readonly code: string | number,
		message: string,
	) {
		super(message);
	}
}

export const successBody = (result: unknown) => JSON.stringify({ success: true, result });

export const errorBody = (code: string | number, message: string) =>
	JSON.stringify({ success: false, error: { code, message } });

export const DENIED = 'Permission to perform the operation is denied';
export const NOT_FOUND = 'Record you are trying to access is not found';

/**
 * The page a PHP 8 TypeError produces with display_errors on (named arguments in
 * https://github.com/IT-Solutions4You/defalto/blob/1bb03aedbc28890ed45b575190f59738d8de923a/include/Webservices/OperationManager.php).
 */
export function phpFatalPage(operation: string): string {
	return [
		'<br />',
		`<b>Fatal error</b>:  Uncaught Error: Unknown named parameter $${operation === 'query' ? 'q' : 'element'} in /var/www/html/include/Webservices/OperationManager.php:162`,
		'Stack trace:',
		'#0 /var/www/html/include/Webservices/OperationManager.php(162): call_user_func_array()',
		'#1 /var/www/html/webservice.php(124): OperationManager->runOperation()',
		'#2 {main}',
		'  thrown in <b>/var/www/html/include/Webservices/OperationManager.php</b> on line <b>162</b><br />',
	].join('\n');
}

export const IP_BLOCKED_PAGE =
	'<!DOCTYPE html><html><head><title>403 Forbidden</title></head><body><h1>Forbidden</h1><p>Your IP address is not allowed to access this resource.</p></body></html>';
