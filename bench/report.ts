import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Figures = Record<string, string | number>;

/** Prints a benchmark's figures and keeps them in bench/out/<name>.json for the README and notes. */
export function report(name: string, figures: Figures): void {
	const width = Math.max(...Object.keys(figures).map((key) => key.length));
	const lines = Object.entries(figures).map(([key, value]) => `  ${key.padEnd(width)}  ${value}`);
	process.stdout.write(`\n${name}\n${lines.join('\n')}\n`);
	const dir = join(__dirname, 'out');
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(figures, null, 2)}\n`);
}

/** Samples RSS while `work` runs; returns the peak in MiB. */
export async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakRssMiB: number }> {
	let peak = process.memoryUsage().rss;
	const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
	try {
		const result = await work();
		peak = Math.max(peak, process.memoryUsage().rss);
		return { result, peakRssMiB: Math.round(peak / 1024 / 1024) };
	} finally {
		clearInterval(timer);
	}
}
