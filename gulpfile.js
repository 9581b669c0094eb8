const { rmSync } = require('node:fs');
const { src, dest, parallel } = require('gulp');

// A stale dist/ could ship nodes that no longer exist in the sources.
function clean(done) {
	rmSync('dist', { recursive: true, force: true });
	rmSync('tsconfig.tsbuildinfo', { force: true });
	done();
}

// tsc emits only JavaScript; n8n also needs the icons and the codex files beside the built nodes.
function copyIcons() {
	return src('icons/**/*.svg').pipe(dest('dist/icons'));
}

function copyCodex() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

exports.clean = clean;
exports.build = parallel(copyIcons, copyCodex);
