const { src, dest, parallel } = require('gulp');

// tsc emits only JavaScript; n8n also needs the icons and the codex files beside the built nodes.
function copyIcons() {
	return src('icons/**/*.svg').pipe(dest('dist/icons'));
}

function copyCodex() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

exports.build = parallel(copyIcons, copyCodex);
