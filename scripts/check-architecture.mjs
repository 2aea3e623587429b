// Checks the shape of the code, so no later change quietly undoes it:
//  - no import cycle between modules of a crate (core/src, src), looking
//    through re-exports (`crate::Field` is a use of `fields`);
//  - pages do not import each other;
//  - no source file is over 400 lines;
//  - a hook's initial value that other hooks share is a function path (`bool::default`),
//    not a closure: Yew compiles a whole hook for each closure type (2.3 KB gzip for 36).
// Prints what it finds; exits 1 when a rule is broken.
//   node scripts/check-architecture.mjs [--edges]   (--edges: list every import)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const MAX_LINES = 400;
const problems = [];

function walk(dir, keep) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'target' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path, keep));
    else if (keep(name)) out.push(path);
  }
  return out;
}

// ---- modules and what each uses ----

/** `a/b.rs` → `a::b`; `a/mod.rs` → `a`; `lib.rs` → `` (the crate root). */
function moduleOf(srcDir, file) {
  const parts = relative(srcDir, file).split(sep);
  const last = parts.pop().replace(/\.rs$/, '');
  if (!(last === 'mod' || (parts.length === 0 && last === 'lib'))) parts.push(last);
  return parts.join('::');
}

const join2 = (a, b) => (a ? `${a}::${b}` : b);
const parent = (m) => (m.includes('::') ? m.slice(0, m.lastIndexOf('::')) : '');

/** Expands `a::{b, c::{d, e}}` into `a::b`, `a::c::d`, `a::c::e`. */
function expand(tree) {
  const open = tree.indexOf('{');
  if (open < 0) return [tree.trim()];
  const prefix = tree.slice(0, open).trim();
  const inner = tree.slice(open + 1, tree.lastIndexOf('}'));
  const items = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= inner.length; i++) {
    const c = inner[i];
    if (c === '{') depth++;
    if (c === '}') depth--;
    if ((c === ',' && depth === 0) || i === inner.length) {
      const item = inner.slice(start, i).trim();
      if (item) items.push(item);
      start = i + 1;
    }
  }
  return items.flatMap((item) => expand(item)).map((p) => (p === 'self' ? prefix.replace(/::$/, '') : prefix + p));
}

function checkCrate(srcDir) {
  const files = walk(srcDir, (n) => n.endsWith('.rs')).filter((f) => !f.endsWith(`${sep}main.rs`));
  // Without comments, and without the unit tests at a file's end (their `super` is the file).
  const source = (f) => readFileSync(f, 'utf8').split('#[cfg(test)]')[0].replace(/\/\/.*$/gm, '');
  const modules = new Map(files.map((f) => [moduleOf(srcDir, f), source(f)]));
  const isModule = (m) => modules.has(m);

  /** A path as written in module `from`, made absolute (`crate::`, `super::`, `self::`, a child's name). */
  function absolute(from, path) {
    const segs = path.split('::').map((s) => s.trim()).filter(Boolean);
    let base = from;
    if (segs[0] === 'crate') return segs.slice(1);
    while (segs[0] === 'super' || segs[0] === 'self') base = segs.shift() === 'super' ? parent(base) : base;
    if (base === from && !isModule(join2(from, segs[0] ?? ''))) return null; // another crate, or a local item
    return [...(base ? base.split('::') : []), ...segs];
  }

  // Re-exports: `pub use x::Y;` in module M makes `M::Y` mean whatever `x::Y` means.
  const reexports = new Map();
  for (const [m, text] of modules) {
    for (const [, tree] of text.matchAll(/pub use ([^;]+);/g)) {
      for (const path of expand(tree)) {
        const name = path.split('::').pop().replace(/ as .*/, '');
        const abs = absolute(m, path.replace(/ as .*/, ''));
        if (abs) reexports.set(join2(m, name), abs);
      }
    }
  }

  /** The module an absolute path lands in, seen through re-exports. */
  function resolve(segs, seen = new Set()) {
    for (let n = segs.length; n >= 0; n--) {
      const m = segs.slice(0, n).join('::');
      if (!isModule(m)) continue;
      const next = segs[n];
      const item = next === undefined ? null : join2(m, next);
      if (item && reexports.has(item) && !seen.has(item)) {
        seen.add(item);
        return resolve([...reexports.get(item), ...segs.slice(n + 1)], seen);
      }
      return m;
    }
    return null;
  }

  const edges = new Map([...modules.keys()].map((m) => [m, new Set()]));
  for (const [m, text] of modules) {
    const paths = [];
    for (const [, tree] of text.matchAll(/\buse ([^;]+);/g)) paths.push(...expand(tree));
    // Paths written in the code itself (use statements are read above, whole).
    const code = text.replace(/\buse [^;]+;/g, '');
    for (const [path] of code.matchAll(/\b(?:crate|super)(?:::\w+)+/g)) paths.push(path);
    // A child module named in the code (`read::report(…)` in the parent).
    for (const [path, child] of code.matchAll(/(?<![\w:])(\w+)(?:::\w+)+/g)) {
      if (isModule(join2(m, child))) paths.push(path);
    }
    for (const path of paths) {
      const abs = absolute(m, path.replace(/ as .*/, ''));
      const to = abs && resolve(abs);
      // A module's own parts are where it is declared, not a use of it.
      if (to !== null && to !== m && !(to === parent(m) && abs.length === to.split('::').filter(Boolean).length)) edges.get(m).add(to);
    }
  }

  // Tarjan's strongly connected components: any with two or more modules is a cycle.
  let index = 0;
  const stack = [];
  const info = new Map();
  function visit(v) {
    info.set(v, { index, low: index, on: true });
    index++;
    stack.push(v);
    for (const w of edges.get(v)) {
      if (!info.has(w)) {
        visit(w);
        info.get(v).low = Math.min(info.get(v).low, info.get(w).low);
      } else if (info.get(w).on) info.get(v).low = Math.min(info.get(v).low, info.get(w).index);
    }
    if (info.get(v).low === info.get(v).index) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        info.get(w).on = false;
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) problems.push(`import cycle in ${relative(ROOT, srcDir)}: ${scc.map((s) => s || 'crate').join(' ⇄ ')}`);
    }
  }
  for (const m of modules.keys()) if (!info.has(m)) visit(m);

  for (const [m, to] of edges) {
    for (const t of to) {
      if (m.startsWith('pages::') && t.startsWith('pages::')) problems.push(`a page imports another page: ${m} → ${t}`);
    }
  }
  if (process.argv.includes('--edges')) {
    for (const [m, to] of edges) console.log(`    ${m || 'crate'} → ${[...to].map((t) => t || 'crate').join(', ')}`);
  }
  const count = [...edges.values()].reduce((n, s) => n + s.size, 0);
  console.log(`  ${relative(ROOT, srcDir)}: ${modules.size} modules, ${count} imports between them`);
}

checkCrate(join(ROOT, 'core', 'src'));
checkCrate(join(ROOT, 'src'));

// ---- file sizes ----
const sources = ['core', 'src', 'tests', 'e2e', 'scripts', 'static']
  .flatMap((d) => walk(join(ROOT, d), (n) => /\.(rs|mjs|js|css|html)$/.test(n)));
for (const file of sources) {
  const lines = readFileSync(file, 'utf8').split('\n').length - 1;
  if (lines > MAX_LINES) problems.push(`${relative(ROOT, file)} has ${lines} lines (at most ${MAX_LINES})`);
}
console.log(`  ${sources.length} source files, none over ${MAX_LINES} lines unless said below`);

// ---- hooks' shared initial values ----
// The values that have a function path: false, a String's None, a u32's 0, a WordImport's None.
const SHARED_INIT = /use_(?:state|mut_ref)\(\s*(?:move\s*)?\|\|\s*(?:false|None::<(?:String|WordImport)>|0_?u32)\s*\)/g;
for (const file of walk(join(ROOT, 'src'), (n) => n.endsWith('.rs'))) {
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(SHARED_INIT)) {
    const line = text.slice(0, m.index).split('\n').length;
    problems.push(`${relative(ROOT, file)}:${line}: \`${m[0]}\` compiles a hook of its own; start it from a function path (\`bool::default\`, \`Option::<String>::default\`, \`u32::default\`)`);
  }
}

for (const p of problems) console.log(`  PROBLEM: ${p}`);
if (problems.length > 0) process.exit(1);
console.log('  architecture: no import cycle, pages independent, files small, shared hook initial values');
