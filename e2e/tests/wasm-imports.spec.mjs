// scripts/wasm-imports.mjs, which post-build runs on both wasm files: wasm-bindgen's
// imports get short names in the wasm and its glue alike (issue 23: 7 KB of a first
// visit's gzip), every other byte of the wasm stays, and the built files carry them.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { shortImports } from '../../scripts/wasm-imports.mjs';

const uleb = (n) => {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
};
const name = (text) => [...uleb(Buffer.byteLength(text)), ...Buffer.from(text)];
const section = (id, body) => [id, ...uleb(body.length), ...body];

const MODULE = './tiny_bg.js';
const FUNCTION = '__wbg_setAttribute_0123456789abcdef';
const TABLE = '__wbindgen_externrefs_table';
const MEMORY = '__wbindgen_memory';
const GLOBAL = '__wbg_global_fedcba9876543210';
const OTHER = 'not_wasm_bindgens';
const INVOKER = 'wasm_bindgen__convert__closures_____invoke__h0123456789abcdef';

/** The sections the renaming leaves alone: one type, one function, its code (a call of the first import). */
const tinySections = () => ({
  types: section(1, [1, 0x60, 0, 0]),
  functions: section(3, [1, 0]),
  code: section(10, [1, 4, 0, 0x10, 0, 0x0b]),
});

/** A valid module importing a function, a table, a memory and a global, and exporting a function twice. */
function tinyWasm() {
  const { types, functions, code } = tinySections();
  const imports = section(2, [
    5,
    ...name(MODULE), ...name(FUNCTION), 0, 0,
    ...name(MODULE), ...name(TABLE), 1, 0x70, 1, 1, 4, // funcref, limits 1..4
    ...name(MODULE), ...name(MEMORY), 2, 0, 1, // limits 1..
    ...name(MODULE), ...name(GLOBAL), 3, 0x7f, 0, // i32, immutable
    ...name(MODULE), ...name(OTHER), 0, 0,
  ]);
  const exports = section(7, [2, ...name('run'), 0, 2, ...name(INVOKER), 0, 2]);
  return Buffer.from([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...types, ...imports, ...functions, ...exports, ...code]);
}
const tinyGlue = () => `const imports = { "${MODULE}": { ${[FUNCTION, TABLE, MEMORY, GLOBAL, OTHER].map((n) => `${n}: 1`).join(', ')} } }; wasm.run(); wasm.${INVOKER}();`;

test("wasm-bindgen's imports get short names and the module \"a\", and hashed exports short ones, in the wasm and the glue alike; the rest of the wasm is unchanged", () => {
  const before = tinyWasm();
  const { wasm, glue, renamed } = shortImports(before, tinyGlue());
  expect(renamed).toBe(5);
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(wasm));
  expect(imports).toEqual([
    { module: 'a', name: 'a', kind: 'function' },
    { module: 'a', name: 'b', kind: 'table' },
    { module: 'a', name: 'c', kind: 'memory' },
    { module: 'a', name: 'd', kind: 'global' },
    { module: 'a', name: OTHER, kind: 'function' },
  ]);
  expect(glue).toBe(`const imports = { "a": { a: 1, b: 1, c: 1, d: 1, ${OTHER}: 1 } }; wasm.run(); wasm._a();`);
  expect(WebAssembly.Module.exports(new WebAssembly.Module(wasm))).toEqual([{ name: 'run', kind: 'function' }, { name: '_a', kind: 'function' }]);
  // The other sections (types, functions, code) are byte for byte the same, in their places.
  const { types, functions, code } = tinySections();
  expect(wasm.subarray(8, 8 + types.length)).toEqual(Buffer.from(types));
  expect(wasm.indexOf(Buffer.from(functions))).toBeGreaterThan(wasm.indexOf(Buffer.from(types)));
  expect(wasm.subarray(wasm.length - code.length)).toEqual(Buffer.from(code));
});

test('a pair renamed before is left as it is', () => {
  const once = shortImports(tinyWasm(), tinyGlue());
  const twice = shortImports(once.wasm, once.glue);
  expect(twice.renamed).toBe(0);
  expect(twice.wasm.equals(once.wasm)).toBe(true);
  expect(twice.glue).toBe(once.glue);
});

test('a glue that names an import twice, or an import or an export not at all, stops the build', () => {
  expect(() => shortImports(tinyWasm(), tinyGlue().replace(`${GLOBAL}: 1`, 'x: 1'))).toThrow(/names __wbg_global_fedcba9876543210 nowhere/);
  expect(() => shortImports(tinyWasm(), `${tinyGlue()} // ${FUNCTION}`)).toThrow(/more than once/);
  expect(() => shortImports(tinyWasm(), tinyGlue().replace(`wasm.${INVOKER}();`, ''))).toThrow(/names wasm_bindgen__convert__closures_____invoke__h0123456789abcdef nowhere/);
  expect(() => shortImports(Buffer.from('not wasm'), tinyGlue())).toThrow(/not a wasm file/);
});

test('the built wasm files import everything under short names from the module "a", and export no hashed name', () => {
  const dist = process.env.TORIKUMI_E2E_DIST ?? fileURLToPath(new URL('../../dist/', import.meta.url));
  const files = readdirSync(dist).filter((n) => n.endsWith('_bg.wasm'));
  expect(files.length).toBe(2);
  for (const file of files) {
    const imports = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(join(dist, file))));
    expect(imports.length, file).toBeGreaterThan(100);
    for (const i of imports) expect(`${i.module} ${i.name}`, file).toMatch(/^a [a-zA-Z]{1,2}$/);
    const exports = WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(join(dist, file)))).map((e) => e.name);
    expect(exports.filter((e) => /_h[0-9a-f]{16}$/.test(e)), file).toEqual([]);
    expect(exports, file).toContain('_a');
  }
});
