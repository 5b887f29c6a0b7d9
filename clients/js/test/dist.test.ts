// @vitest-environment node
/// <reference types="node" />
// What `npm run build` made: one ES module a browser can load as it is. Skipped before a build.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dist = new URL('../dist/index.js', import.meta.url);

describe.skipIf(!existsSync(dist))('dist/index.js', () => {
  it('importsNothing_andExportsThePublicApi', async () => {
    const code = readFileSync(dist, 'utf8');
    expect(code).not.toMatch(/^\s*import\b|\bimport\s*\(|\brequire\s*\(/m);
    const mod = await import(/* @vite-ignore */ dist.href);
    expect(Object.keys(mod).sort()).toEqual(['KeywayError', 'createConnect']);
    expect(new mod.KeywayError('popup_blocked', 'x')).toMatchObject({ name: 'KeywayError', code: 'popup_blocked' });
  });

  it('shipsTypeDeclarations', () => {
    const types = readFileSync(new URL('../dist/index.d.ts', import.meta.url), 'utf8');
    for (const name of ['createConnect', 'KeywayError', 'KeywayEvent', 'KeywayErrorCode', 'ConnectResult', 'KeywayConnect', 'Connector']) {
      expect(types).toContain(name);
    }
  });
});
