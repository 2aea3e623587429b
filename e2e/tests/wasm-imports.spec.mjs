// scripts/wasm-imports.mjs, which post-build runs on both wasm files: wasm-bindgen's
// imports (and hashed exports) get short names in the wasm and its glue alike (issue 23:
// 7.5 KB of a first visit's gzip), every other section of the wasm stays as it was, a
// file or glue of another shape stops the build, and the built files carry the names.
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

/** The sections of a wasm file, in order: [{ id, body }]. */
function sections(bytes) {
  const out = [];
  for (let at = 8; at < bytes.length;) {
    const id = bytes[at];
    let size = 0;
    let shift = 0;
    let byte;
    at += 1;
    do {
      byte = bytes[at++];
      size += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte >= 0x80);
    out.push({ id, body: Buffer.from(bytes.subarray(at, at + size)) });
    at += size;
  }
  return out;
}

const MODULE = './tiny_bg.js';
const FUNCTION = '__wbg_setAttribute_0123456789abcdef';
const TABLE = '__wbindgen_externrefs_table';
const MEMORY = '__wbindgen_memory';
const GLOBAL = '__wbg_global_fedcba9876543210';
const OTHER = 'not_wasm_bindgens';
const INVOKER = 'wasm_bindgen__convert__closures_____invoke__h0123456789abcdef';
// A name longer than 127 bytes: its length takes two bytes.
const LONG = `__wbg_${'x'.repeat(130)}_00112233445566ff`;

/** A function's import (type 0), marked as one: the module's own function is numbered after them. */
const functionImport = (field, module = MODULE) => Object.assign([...name(module), ...name(field), 0, 0], { isFunction: true });
const IMPORTS = [
  functionImport(FUNCTION),
  [...name(MODULE), ...name(TABLE), 1, 0x70, 1, 1, 4], // funcref, limits 1..4
  [...name(MODULE), ...name(MEMORY), 2, 0x03, 1, 2], // shared, limits 1..2
  [...name(MODULE), ...name(GLOBAL), 3, 0x7f, 0], // i32, immutable
  [...name(MODULE), ...name(`${TABLE}_open`), 1, 0x6f, 0, 0], // externref, no maximum
  functionImport(LONG),
  functionImport(OTHER),
];

/** A valid module with `imports` (each an import's bytes), exporting its one function twice. */
function tinyWasm(imports = IMPORTS, exports = ['run', INVOKER]) {
  const importedFunctions = imports.filter((bytes) => bytes.isFunction).length;
  const types = section(1, [1, 0x60, 0, 0]);
  const importSection = section(2, [...uleb(imports.length), ...imports.flat()]);
  const functions = section(3, [1, 0]);
  const exportSection = section(7, [...uleb(exports.length), ...exports.flatMap((e) => [...name(e), 0, importedFunctions])]);
  const code = section(10, [1, 4, 0, 0x10, 0, 0x0b]); // calls the first import
  return Buffer.from([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...types, ...importSection, ...functions, ...exportSection, ...code]);
}
const FIELDS = [FUNCTION, TABLE, MEMORY, GLOBAL, `${TABLE}_open`, LONG, OTHER];
const tinyGlue = () => `const imports = { "${MODULE}": { ${FIELDS.map((n) => `${n}: 1`).join(', ')} } }; wasm.run(); wasm.${INVOKER}(); wasm.${INVOKER}();`;

test("wasm-bindgen's imports get short names and the module \"a\", and hashed exports short ones, in the wasm and the glue alike; every other section is unchanged", () => {
  const before = tinyWasm();
  const { wasm, glue, renamed } = shortImports(before, tinyGlue());
  expect(renamed).toBe(7);
  const module = new WebAssembly.Module(wasm);
  expect(WebAssembly.Module.imports(module)).toEqual([
    { module: 'a', name: 'a', kind: 'function' },
    { module: 'a', name: 'b', kind: 'table' },
    { module: 'a', name: 'c', kind: 'memory' },
    { module: 'a', name: 'd', kind: 'global' },
    { module: 'a', name: 'e', kind: 'table' },
    { module: 'a', name: 'f', kind: 'function' },
    { module: 'a', name: OTHER, kind: 'function' },
  ]);
  expect(WebAssembly.Module.exports(module)).toEqual([{ name: 'run', kind: 'function' }, { name: '_a', kind: 'function' }]);
  expect(glue).toBe(`const imports = { "a": { a: 1, b: 1, c: 1, d: 1, e: 1, f: 1, ${OTHER}: 1 } }; wasm.run(); wasm._a(); wasm._a();`);
  const [was, is] = [sections(before), sections(wasm)];
  expect(is.map((s) => s.id)).toEqual(was.map((s) => s.id));
  for (const [i, s] of is.entries()) if (s.id !== 2 && s.id !== 7) expect(s.body.equals(was[i].body), `section ${s.id}`).toBe(true);
});

test('a pair renamed before is left as it is', () => {
  const once = shortImports(tinyWasm(), tinyGlue());
  const twice = shortImports(once.wasm, once.glue);
  expect(twice.renamed).toBe(0);
  expect(twice.wasm.equals(once.wasm)).toBe(true);
  expect(twice.glue).toBe(once.glue);
});

test('a glue of another shape stops the build: an import named twice or nowhere, an export named nowhere, a name the wasm no longer has', () => {
  expect(() => shortImports(tinyWasm(), tinyGlue().replace(`${GLOBAL}: 1`, 'x: 1'))).toThrow(/names __wbg_global_fedcba9876543210 nowhere/);
  expect(() => shortImports(tinyWasm(), `${tinyGlue()} // ${FUNCTION}`)).toThrow(/names __wbg_setAttribute_0123456789abcdef 2 times/);
  expect(() => shortImports(tinyWasm(), tinyGlue().replaceAll(`wasm.${INVOKER}();`, ''))).toThrow(/names wasm_bindgen__convert__closures_____invoke__h0123456789abcdef nowhere/);
  // A longer name holding a renamed one is not touched, so it stays unknown to the wasm.
  expect(() => shortImports(tinyWasm(), `${tinyGlue()} ${FUNCTION}x;`)).not.toThrow();
  const renamed = shortImports(tinyWasm(), tinyGlue());
  expect(() => shortImports(renamed.wasm, tinyGlue())).toThrow(/the glue names __wbg_setAttribute_0123456789abcdef, which the wasm does not import or export/);
});

test('a wasm file of another shape stops the build, never loops or misreads', () => {
  expect(() => shortImports(Buffer.from('not wasm'), tinyGlue())).toThrow(/not a wasm file/);
  expect(() => shortImports(tinyWasm([functionImport(FUNCTION), functionImport(OTHER, './other_bg.js')]), tinyGlue())).toThrow(/imports from 2 modules/);
  expect(() => shortImports(tinyWasm([[...name(MODULE), ...name(FUNCTION), 4, 0]]), tinyGlue())).toThrow(/an import of kind 4/);
  expect(() => shortImports(tinyWasm([[...name(MODULE), ...name(MEMORY), 2, 0x08, 1, 16]]), tinyGlue())).toThrow(/limits with flags 0x8/);
  expect(() => shortImports(tinyWasm([[...name(MODULE), ...name(GLOBAL), 3, 0x63, 0x70, 0]]), tinyGlue())).toThrow(/a global of type 0x63/);
  // Cut short inside the import section, and a section longer than the file.
  const whole = tinyWasm();
  const cut = Buffer.from(whole.subarray(0, whole.indexOf(Buffer.from(FUNCTION)) + 5));
  expect(() => shortImports(cut, tinyGlue())).toThrow(/past the end/);
  // A short name that is already an import's own: two would answer to it.
  expect(() => shortImports(tinyWasm([functionImport(FUNCTION), functionImport('a')]), `"${MODULE}" ${FUNCTION} a`)).toThrow(/the short name a is also an import kept/);
});

test('the built wasm files import everything under short names from the module "a", and export no hashed name', () => {
  const dist = process.env.TORIKUMI_E2E_DIST ?? fileURLToPath(new URL('../../dist/', import.meta.url));
  const files = readdirSync(dist).filter((n) => n.endsWith('_bg.wasm'));
  expect(files.length).toBe(2);
  for (const file of files) {
    const module = new WebAssembly.Module(readFileSync(join(dist, file)));
    const imports = WebAssembly.Module.imports(module);
    expect(imports.length, file).toBeGreaterThan(100);
    for (const i of imports) expect(`${i.module} ${i.name}`, file).toMatch(/^a [a-zA-Z]{1,2}$/);
    const exports = WebAssembly.Module.exports(module).map((e) => e.name);
    expect(exports.filter((e) => /_h[0-9a-f]{16}$/.test(e)), file).toEqual([]);
    expect(exports, file).toContain('_a');
  }
});
