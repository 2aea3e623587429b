// Short names for what a wasm-bindgen module imports from its glue.
//
// wasm-bindgen names each import after its Rust binding and a 16-digit hash
// (`__wbg_setAttribute_0c1a…`), under the module name "./torikumi_bg.js". The names
// stand once in the wasm's import section and once in the glue, and the hashes do not
// compress: 223 imports cost the page 7.1 KB of a first visit's gzip (wasm 4.4, glue 2.9).
// Here every import of wasm-bindgen's (`__wbg…`, `__wbindgen…`) gets a name of one or two
// letters, and the module the name "a", in the wasm and in the glue alike; so do the
// exports named with such a hash (the invokers of closures, `…__invoke__h6524…`), as
// `_a`, `_b`, …; every other byte of the wasm stays as it was. A pair renamed before is
// left as it is.

const SHORT_MODULE = 'a';
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const IMPORT_SECTION = 2;
const EXPORT_SECTION = 7;
/** An export named with a hash: wasm-bindgen's closure invokers. */
const HASHED_EXPORT = /_h[0-9a-f]{16}$/;

/** The `n`th short name: a … Z, ba … ZZ, … (letters only: a plain key in the glue's object). */
function shortName(n) {
  let name = '';
  do {
    name = LETTERS[n % LETTERS.length] + name;
    n = Math.floor(n / LETTERS.length);
  } while (n > 0);
  return name;
}

/** Reads an unsigned LEB128 at `at`: [value, the offset after it]. */
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

function uleb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
}

/** Reads a name (its length, then UTF-8) at `at`: [the name, the offset after it]. */
function readName(bytes, at) {
  const [length, start] = leb(bytes, at);
  return [bytes.subarray(start, start + length).toString('utf8'), start + length];
}

const named = (text) => {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([uleb(bytes.length), bytes]);
};

/** Where an import's description (after its kind byte) ends. */
function descriptionEnd(body, kind, at) {
  switch (kind) {
    case 0: return leb(body, at)[1]; // a function: its type's index
    case 1: { // a table: reference type, limits
      const flags = body[at + 1];
      let end = leb(body, at + 2)[1];
      if (flags & 1) end = leb(body, end)[1];
      return end;
    }
    case 2: { // a memory: limits
      const flags = body[at];
      let end = leb(body, at + 1)[1];
      if (flags & 1) end = leb(body, end)[1];
      return end;
    }
    case 3: return at + 2; // a global: value type, mutability
    default: throw new Error(`wasm-imports: an import of kind ${kind}, which this script does not know`);
  }
}

/** The import section rewritten, and the names changed: [section body, Map(old → new), the old module names]. */
function renamedImports(body) {
  let [count, at] = leb(body, 0);
  const parts = [uleb(count)];
  const names = new Map();
  const modules = new Set();
  while (count-- > 0) {
    let module, field;
    [module, at] = readName(body, at);
    [field, at] = readName(body, at);
    const kind = body[at];
    const end = descriptionEnd(body, kind, at + 1);
    const wasmBindgens = /^__wbg|^__wbindgen/.test(field);
    if (wasmBindgens && !names.has(field)) names.set(field, shortName(names.size));
    if (module !== SHORT_MODULE) modules.add(module);
    parts.push(named(SHORT_MODULE), named(wasmBindgens ? names.get(field) : field), body.subarray(at, end));
    at = end;
  }
  if (at !== body.length) throw new Error('wasm-imports: the import section has bytes after its last import');
  return [Buffer.concat(parts), names, modules];
}

/** The export section with hashed names shortened: [section body, Map(old → new)]. */
function renamedExports(body) {
  let [count, at] = leb(body, 0);
  const parts = [uleb(count)];
  const names = new Map();
  while (count-- > 0) {
    let field;
    [field, at] = readName(body, at);
    const end = leb(body, at + 1)[1]; // kind, index
    if (HASHED_EXPORT.test(field)) names.set(field, `_${shortName(names.size)}`);
    parts.push(named(names.get(field) ?? field), body.subarray(at, end));
    at = end;
  }
  if (at !== body.length) throw new Error('wasm-imports: the export section has bytes after its last export');
  return [Buffer.concat(parts), names];
}

/** Replaces the one occurrence of `from` in `text`, or throws: the glue changed shape. */
function replaceOnce(text, from, to) {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + from.length) >= 0) {
    throw new Error(`wasm-imports: the glue names ${from} ${at < 0 ? 'nowhere' : 'more than once'}; update scripts/wasm-imports.mjs`);
  }
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/**
 * A wasm-bindgen module's wasm and glue with short import names (and hashed export
 * names): { wasm, glue, renamed }. Throws when the glue does not name each import exactly
 * once, or an export at all.
 */
export function shortImports(wasm, glue) {
  if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error('wasm-imports: not a wasm file');
  const parts = [wasm.subarray(0, 8)];
  let names = new Map();
  let exports = new Map();
  let modules = new Set();
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, start] = leb(wasm, at + 1);
    const end = start + size;
    if (id === IMPORT_SECTION || id === EXPORT_SECTION) {
      let body;
      if (id === IMPORT_SECTION) [body, names, modules] = renamedImports(wasm.subarray(start, end));
      else [body, exports] = renamedExports(wasm.subarray(start, end));
      parts.push(Buffer.from([id]), uleb(body.length), body);
    } else {
      parts.push(wasm.subarray(at, end));
    }
    at = end;
  }
  if (modules.size > 1) throw new Error(`wasm-imports: imports from ${modules.size} modules; this script knows one`);
  for (const module of modules) glue = replaceOnce(glue, JSON.stringify(module), JSON.stringify(SHORT_MODULE));
  for (const [from, to] of names) glue = replaceOnce(glue, from, to);
  // An export is called wherever the glue needs it (its name, with the hash, is its own).
  for (const [from, to] of exports) {
    if (!glue.includes(from)) throw new Error(`wasm-imports: the glue names ${from} nowhere; update scripts/wasm-imports.mjs`);
    glue = glue.replaceAll(from, to);
  }
  return { wasm: Buffer.concat(parts), glue, renamed: names.size + exports.size };
}
