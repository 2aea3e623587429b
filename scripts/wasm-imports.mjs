// Short names for what a wasm-bindgen module imports from its glue.
//
// wasm-bindgen names each import after its Rust binding and a 16-digit hash
// (`__wbg_setAttribute_0c1a…`), under the module name "./torikumi_bg.js". The names
// stand once in the wasm's import section and once in the glue, and the hashes do not
// compress. Here every import of wasm-bindgen's (`__wbg…`, `__wbindgen…`) gets a name of
// one or two letters, and the module the name "a", in the wasm and in the glue alike; so
// do the exports named with such a hash (the invokers of closures, `…__invoke__h6524…`),
// as `_a`, `_b`, …: 7.5 KB of a first visit's gzip (223 imports and 7 exports; wasm 4.6,
// glue 2.9). Every other section of the wasm stays as it was. A pair renamed before is
// left as it is; anything of a shape this script does not know stops the build.

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

/** Reads an unsigned LEB128 (at most 64 bits) at `at`: [value, the offset after it]. */
function leb(bytes, at) {
  let value = 0;
  for (let shift = 0; shift < 64; shift += 7) {
    if (at >= bytes.length) throw new Error('wasm-imports: a number runs past the end of its section');
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, at];
  }
  throw new Error('wasm-imports: a number longer than 64 bits');
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
  if (start + length > bytes.length) throw new Error('wasm-imports: a name runs past the end of its section');
  return [bytes.subarray(start, start + length).toString('utf8'), start + length];
}

const named = (text) => {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([uleb(bytes.length), bytes]);
};

// The one-byte value types: i32, i64, f32, f64, v128, funcref, externref. (The typed
// references of newer proposals are longer: refused below rather than misread.)
const VALUE_TYPES = new Set([0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f]);
const REFERENCE_TYPES = new Set([0x70, 0x6f]);

function known(set, byte, what) {
  if (!set.has(byte)) throw new Error(`wasm-imports: ${what} 0x${(byte ?? 0).toString(16)}, which this script does not know`);
}

/** Where limits at `at` end: flags (a maximum 0x01, shared 0x02, 64-bit 0x04), minimum, maximum. */
function limitsEnd(body, at) {
  const flags = body[at];
  if (flags === undefined || flags & ~0x07) throw new Error(`wasm-imports: limits with flags 0x${(flags ?? 0).toString(16)}, which this script does not know`);
  let end = leb(body, at + 1)[1];
  if (flags & 0x01) end = leb(body, end)[1];
  return end;
}

/** Where an import's description (after its kind byte) ends. */
function descriptionEnd(body, kind, at) {
  switch (kind) {
    case 0: return leb(body, at)[1]; // a function: its type's index
    case 1: // a table: reference type, limits
      known(REFERENCE_TYPES, body[at], 'a table of type');
      return limitsEnd(body, at + 1);
    case 2: return limitsEnd(body, at); // a memory
    case 3: // a global: value type, mutability
      known(VALUE_TYPES, body[at], 'a global of type');
      return at + 2;
    default: throw new Error(`wasm-imports: an import of kind ${kind}, which this script does not know`);
  }
}

/** The import section rewritten: [section body, { names: Map(old → new), kept: names not renamed, modules: the old module names }]. */
function renamedImports(body) {
  let [count, at] = leb(body, 0);
  const parts = [uleb(count)];
  const names = new Map();
  const kept = new Set();
  const modules = new Set();
  while (count-- > 0) {
    let module, field;
    [module, at] = readName(body, at);
    [field, at] = readName(body, at);
    const kind = body[at];
    const end = descriptionEnd(body, kind, at + 1);
    const wasmBindgens = /^__wbg|^__wbindgen/.test(field);
    if (wasmBindgens && !names.has(field)) names.set(field, shortName(names.size));
    if (!wasmBindgens) kept.add(field);
    if (module !== SHORT_MODULE) modules.add(module);
    parts.push(named(SHORT_MODULE), named(wasmBindgens ? names.get(field) : field), body.subarray(at, end));
    at = end;
  }
  if (at !== body.length) throw new Error('wasm-imports: the import section has bytes after its last import');
  return [Buffer.concat(parts), { names, kept, modules }];
}

/** The export section with hashed names shortened: [section body, { names: Map(old → new), kept: names not renamed }]. */
function renamedExports(body) {
  let [count, at] = leb(body, 0);
  const parts = [uleb(count)];
  const names = new Map();
  const kept = new Set();
  while (count-- > 0) {
    let field;
    [field, at] = readName(body, at);
    const end = leb(body, at + 1)[1]; // kind, index
    if (HASHED_EXPORT.test(field)) names.set(field, `_${shortName(names.size)}`);
    else kept.add(field);
    parts.push(named(names.get(field) ?? field), body.subarray(at, end));
    at = end;
  }
  if (at !== body.length) throw new Error('wasm-imports: the export section has bytes after its last export');
  return [Buffer.concat(parts), { names, kept }];
}

/** `text` (a name, or a quoted module name) as a whole word in the glue, not inside a longer name. */
const word = (text) => new RegExp(`(?<![\\w$])${text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![\\w$])`, 'g');

/** Replaces `from` in `text` where it stands `count` times (`null`: at least once), or throws: the glue changed shape. */
function replaceWord(text, from, to, count) {
  const found = text.match(word(from))?.length ?? 0;
  if (found === 0 || (count !== null && found !== count)) {
    throw new Error(`wasm-imports: the glue names ${from} ${found === 0 ? 'nowhere' : `${found} times`}; update scripts/wasm-imports.mjs`);
  }
  return text.replace(word(from), to);
}

/** Throws if a new name is also one kept: two things would answer to it. */
function noClash(renamed, kept, what) {
  for (const name of renamed.values()) {
    if (kept.has(name)) throw new Error(`wasm-imports: the short name ${name} is also ${what}`);
  }
}

/**
 * A wasm-bindgen module's wasm and glue with short import names (and hashed export
 * names): { wasm, glue, renamed }. Throws when the glue does not name each import exactly
 * once, or an export at all, or still names a hashed one the wasm no longer has.
 */
export function shortImports(wasm, glue) {
  if (wasm.length < 8 || wasm.readUInt32LE(0) !== 0x6d736100) throw new Error('wasm-imports: not a wasm file');
  const parts = [wasm.subarray(0, 8)];
  let imports = { names: new Map(), kept: new Set(), modules: new Set() };
  let exports = { names: new Map(), kept: new Set() };
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, start] = leb(wasm, at + 1);
    const end = start + size;
    if (end > wasm.length) throw new Error('wasm-imports: a section runs past the end of the file');
    if (id === IMPORT_SECTION || id === EXPORT_SECTION) {
      let body;
      if (id === IMPORT_SECTION) [body, imports] = renamedImports(wasm.subarray(start, end));
      else [body, exports] = renamedExports(wasm.subarray(start, end));
      parts.push(Buffer.from([id]), uleb(body.length), body);
    } else {
      parts.push(wasm.subarray(at, end));
    }
    at = end;
  }
  noClash(imports.names, imports.kept, 'an import kept');
  noClash(exports.names, exports.kept, 'an export kept');
  if (imports.modules.size > 1) throw new Error(`wasm-imports: imports from ${imports.modules.size} modules; this script knows one`);
  for (const module of imports.modules) glue = replaceWord(glue, JSON.stringify(module), JSON.stringify(SHORT_MODULE), 1);
  for (const [from, to] of imports.names) glue = replaceWord(glue, from, to, 1);
  // An export is called wherever the glue needs it (its name, with the hash, is its own).
  for (const [from, to] of exports.names) glue = replaceWord(glue, from, to, null);
  // A wasm renamed before beside a glue that was not (a run cut short between the two).
  const stale = glue.match(/(?<![\w$])(__wbg\w*_[0-9a-f]{16}|\w*_h[0-9a-f]{16})(?![\w$])/);
  if (stale) throw new Error(`wasm-imports: the glue names ${stale[1]}, which the wasm does not import or export`);
  return { wasm: Buffer.concat(parts), glue, renamed: imports.names.size + exports.names.size };
}
