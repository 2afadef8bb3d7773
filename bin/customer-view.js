#!/usr/bin/env node
'use strict';
/**
 * `customer-view` (package.json "bin"; `npx customer-view`, `npm run cli --`). In a checkout the
 * TypeScript runs through tsx, so an old dist/ can never run instead of the code you are editing; in
 * the image there is neither src/ nor tsx, and the compiled dist/ of `npm run build` runs on plain
 * Node. See docs/design.md, "The production runtime".
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const source = path.join(root, 'src', 'cli', 'customer-view.ts');
const built = path.join(root, 'dist', 'cli', 'customer-view.js');

function hasTsx() {
  try {
    require.resolve('tsx/cjs', { paths: [root] });
    return true;
  } catch {
    return false;
  }
}

let entry;
if (fs.existsSync(source) && hasTsx()) {
  require(require.resolve('tsx/cjs', { paths: [root] }));
  entry = source;
} else if (fs.existsSync(built)) {
  entry = built;
} else {
  process.stderr.write(
    'customer-view: neither tsx with src/ nor a build in dist/: run `npm ci` or `npm run build`\n',
  );
  process.exit(1);
}
require(entry).main(process.argv.slice(2));
