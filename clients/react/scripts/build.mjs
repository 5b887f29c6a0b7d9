// npm run build: dist/index.js (one ES module; react and @keyway/connect stay imports), its
// .d.ts files, dist/styles.css; then the sizes, so a change that bloats the bundle is seen.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const external = ['react', 'react/jsx-runtime', 'react-dom', '@keyway/connect'];
rmSync('dist', { recursive: true, force: true });
mkdirSync('dist');

execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
await build({
  entryPoints: ['src/index.ts'], outfile: 'dist/index.js', bundle: true, format: 'esm', platform: 'browser',
  target: 'es2020', jsx: 'automatic', external, sourcemap: true, legalComments: 'none', logLevel: 'warning',
});
copyFileSync('src/styles.css', 'dist/styles.css');

// What an app pays: minified and gzipped, without React and @keyway/connect (both its own imports).
const minified = await build({
  entryPoints: ['src/index.ts'], bundle: true, format: 'esm', platform: 'browser', target: 'es2020',
  jsx: 'automatic', external, minify: true, write: false, legalComments: 'none', logLevel: 'warning',
});
const js = minified.outputFiles[0].contents;
const css = readFileSync('dist/styles.css');
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
console.log('@keyway/react bundle size (react and @keyway/connect excluded):');
console.log(`  dist/index.js    ${kb(readFileSync('dist/index.js').length)} as built, ${kb(js.length)} minified, `
  + `${kb(gzipSync(js).length)} minified + gzip`);
console.log(`  dist/styles.css  ${kb(css.length)}, ${kb(gzipSync(css).length)} gzip`);
