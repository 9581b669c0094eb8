import { createHash, randomBytes } from 'node:crypto';

import { WsError } from './wsEnvelope';

/**
 * vtiger's login machinery (include/Webservices/AuthToken.php, Login.php and SessionManager.php of
 * vtiger 7.5.0,
 * https://github.com/IT-Solutions4You/defalto/tree/1bb03aedbc28890ed45b575190f59738d8de923a),
 * written for the simulator: one challenge token per user (a new getchallenge replaces the previous
 * one), tokens valid for a limited time and not consumed by login, md5(token + access key) compared
 * as exact lower-case hex, and sessions with an idle and an absolute lifetime.
 */

export interface SimUser {
	id: string;
	username: string;
	accessKey: string;
	active: boolean;
}

export interface Session {
	id: string;
	user: SimUser;
	createdAt: number;
	lastUsedAt: number;
}

export interface AuthTimings {
	tokenTtlMs: number;
	sessionIdleMs: number;
	sessionMaxMs: number;
	/**
	 * What a login with a replaced challenge gets. vtiger 7.5.0's vtws_login
	 * (https://github.com/IT-Solutions4You/defalto/blob/1bb03aedbc28890ed45b575190f59738d8de923a/include/Webservices/Login.php)
	 * says INVALID_AUTH_TOKEN when the user has no unexpired challenge, and compares the access
	 * key against the newest challenge only, which says INVALID_USER_CREDENTIALS for a replaced
	 * one. Both are simulated.
	 */
	replacedTokenCode: 'INVALID_AUTH_TOKEN' | 'INVALID_USER_CREDENTIALS';
}

export class WsAuth {
	private readonly challenges = new Map<string, { token: string; expiresAt: number; replaced: string[] }>();
	readonly sessions = new Map<string, Session>();
	/** Why a session id is no longer valid, so the right error code is given. */
	private readonly ended = new Map<string, 'SESSION_EXPIRED' | 'SESSION_LEFT_IDLE'>();
	challengesIssued = 0;
	loginsSucceeded = 0;
	loginsFailed = 0;

	constructor(
		private readonly users: SimUser[],
		private readonly clock: () => number,
		private readonly timings: () => AuthTimings,
	) {}

	private user(username: string): SimUser {
		const user = this.users.find((candidate) => candidate.username === username);
		if (!user) throw new WsError('ACCESS_DENIED', 'No such user exists');
		return user;
	}

	getChallenge(username: string) {
		const user = this.user(username);
		const now = this.clock();
		const token = randomBytes(7).toString('hex').slice(0, 13);
		const expiresAt = now + this.timings().tokenTtlMs;
		const previous = this.challenges.get(user.username);
		const replaced = previous ? [...previous.replaced, previous.token].slice(-20) : [];
		this.challenges.set(user.username, { token, expiresAt, replaced });
		this.challengesIssued++;
		return { token, serverTime: Math.floor(now / 1000), expireTime: Math.floor(expiresAt / 1000) };
	}

	login(username: string, accessKey: string): Session {
		const user = this.user(username);
		const challenge = this.challenges.get(user.username);
		if (!challenge || challenge.expiresAt <= this.clock()) {
			this.loginsFailed++;
			throw new WsError('INVALID_AUTH_TOKEN', 'Specified token is invalid or expired');
		}
		if (!user.accessKey) {
			this.loginsFailed++;
			throw new WsError('ACCESSKEY_UNDEFINED', 'Access key for the user is undefined');
		}
		const proof = (token: string) => createHash('md5').update(token + user.accessKey).digest('hex');
		if (accessKey !== proof(challenge.token) && challenge.replaced.some((token) => proof(token) === accessKey)) {
			this.loginsFailed++;
			const code = this.timings().replacedTokenCode;
			throw new WsError(code, code === 'INVALID_AUTH_TOKEN' ? 'Specified token is invalid or expired' : 'Invalid username or password');
		}
		if (accessKey !== proof(challenge.token) || !user.active) {
			this.loginsFailed++;
			throw new WsError('INVALID_USER_CREDENTIALS', 'Invalid username or password');
		}
		const now = this.clock();
		const session: Session = { id: randomBytes(12).toString('hex'), user, createdAt: now, lastUsedAt: now };
		this.sessions.set(session.id, session);
		this.loginsSucceeded++;
		return session;
	}

	/** Validates and touches a session, as every non-pre-login operation does. */
	use(sessionName: string | undefined): Session {
		if (!sessionName) throw new WsError('AUTHENTICATION_REQUIRED', 'Authentication required');
		const ended = this.ended.get(sessionName);
		if (ended) throw new WsError(ended, ended === 'SESSION_EXPIRED' ? 'Session expired' : 'Session left idle for too long');
		const session = this.sessions.get(sessionName);
		if (!session) throw new WsError('INVALID_SESSIONID', 'Session Identifier provided is Invalid');
		const now = this.clock();
		const { sessionIdleMs, sessionMaxMs } = this.timings();
		const reason = now - session.createdAt >= sessionMaxMs ? 'SESSION_EXPIRED' : now - session.lastUsedAt >= sessionIdleMs ? 'SESSION_LEFT_IDLE' : undefined;
		if (reason) {
			this.sessions.delete(sessionName);
			this.ended.set(sessionName, reason);
			return this.use(sessionName);
		}
		session.lastUsedAt = now;
		return session;
	}

	logout(sessionName: string): void {
		this.sessions.delete(sessionName);
	}

	/** As PHP's session garbage collector does: the ids become unknown. */
	forgetAllSessions(): void {
		this.sessions.clear();
	}

	reset(): void {
		this.challenges.clear();
		this.sessions.clear();
		this.ended.clear();
		this.challengesIssued = 0;
		this.loginsSucceeded = 0;
		this.loginsFailed = 0;
	}
}
