// npm run build: dist/index.js (one ES module, no imports: a browser loads it as it is) and its
// .d.ts files; then what an app pays for it, minified + gzipped, beside @nangohq/frontend measured
// the same way. Fails when ours is over BUDGET. The figures go to SIZE.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const BUDGET = 4096;
const common = { bundle: true, format: 'esm', platform: 'browser', target: 'es2020', legalComments: 'none', logLevel: 'warning' };

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist');
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
const built = await build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.js', sourcemap: true, metafile: true });
// A browser loads dist/index.js as it is (<script type="module">): it must import nothing.
const imports = built.metafile.outputs['dist/index.js'].imports;
if (imports.length) {
  console.error(`dist/index.js imports ${imports.map((i) => i.path).join(', ')}: a browser cannot load it as it is.`);
  process.exit(1);
}

async function measure(entry) {
  const out = await build({ ...common, entryPoints: [entry], minify: true, write: false });
  const js = out.outputFiles[0].contents;
  return { minified: js.length, gzipped: gzipSync(js, { level: 9 }).length };
}

const nangoPkg = '@nangohq/frontend';
const nangoVersion = createRequire(import.meta.url)(`${nangoPkg}/package.json`).version;
const ours = await measure('src/index.ts');
const nango = await measure(createRequire(import.meta.url).resolve(nangoPkg));

const rows = [
  ['@keyway/connect 0.1.0', ours],
  [`${nangoPkg} ${nangoVersion}`, nango],
];
const table = ['| package | minified | minified + gzip |', '|---|---:|---:|',
  ...rows.map(([name, s]) => `| ${name} | ${s.minified} B | ${s.gzipped} B |`)].join('\n');
console.log('Bundle size (esbuild --bundle --minify, ES2020, browser; gzip -9):');
for (const [name, s] of rows) console.log(`  ${name.padEnd(28)} ${String(s.minified).padStart(6)} B minified  ${String(s.gzipped).padStart(6)} B gzipped`);

writeFileSync('SIZE.md', `# Bundle size

What an app's bundle grows by, measured by \`npm run build\` (scripts/build.mjs): each package's
entry bundled with esbuild (\`--bundle --minify\`, ES2020, platform browser, its dependencies
included), then gzip level 9. The build fails when @keyway/connect is over ${BUDGET} bytes gzipped.

${table}

@nangohq/frontend is the closest counterpart (popup/iframe OAuth flows from the browser); it is a
pinned devDependency here only to be measured.
`);

if (ours.gzipped > BUDGET) {
  console.error(`@keyway/connect is ${ours.gzipped} B minified + gzipped: over the ${BUDGET} B budget.`);
  process.exit(1);
}
