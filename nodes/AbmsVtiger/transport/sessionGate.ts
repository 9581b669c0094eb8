/**
 * Per-execution coordination of logins. vtiger keeps one challenge per user, so two
 * logins at once make one of them fail: the first call of an execution goes alone
 * (it may log in), and when a session turns out to be gone only one call logs in
 * again while the others wait and then reuse the new stored session. Nothing here
 * outlives the execution; the session itself lives in the credential.
 */
export class SessionGate {
	private lock: Promise<void> | undefined;
	private unlockFn: (() => void) | undefined;
	private warmed = false;
	/** Bumped after every re-login. */
	generation = 0;
	/** A login that failed: later calls in this execution fail the same way instead of retrying. */
	failure: Error | undefined;

	// Each check-and-take below runs without an await between the check and the take.
	private hold(): void {
		this.lock = new Promise<void>((resolve) => (this.unlockFn = resolve));
	}

	unlock(): void {
		const resolve = this.unlockFn;
		this.lock = undefined;
		this.unlockFn = undefined;
		resolve?.();
	}

	/** Whether the caller is the first call of the execution (and then holds the lock). */
	async enter(): Promise<boolean> {
		while (this.lock) await this.lock;
		if (this.failure) throw this.failure;
		if (this.warmed) return false;
		this.warmed = true;
		this.hold();
		return true;
	}

	/**
	 * After a "session gone" answer to a call sent at `generation`: 'resend' when
	 * someone logged in again since, else 'relogin' with the lock held by the caller.
	 */
	async afterSessionError(generation: number): Promise<'resend' | 'relogin'> {
		while (this.lock) await this.lock;
		if (this.failure) throw this.failure;
		if (this.generation !== generation) return 'resend';
		this.hold();
		return 'relogin';
	}
}
