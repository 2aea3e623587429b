// The service worker. scripts/post-build.mjs writes dist/sw.js from this text,
// with the build's constants before it:
//   VERSION    this build's version;
//   FILES      every file of the app's shell ('./path') and the SHA-256 of its bytes;
//   ON_DEMAND  the files served beside the app that are not its shell (the offline
//              file torikumi.html, the published schemas), path and SHA-256; the
//              paths without './', so scripts/size.mjs does not count them as loaded;
//   ON_FIRST_USE the on-demand module's files (src/on_demand/: 取りまとめ, Word), in the
//              same form: not fetched on the first visit; kept once the page has asked
//              for them, and fetched by every later update for as long as they were.
// Serves the app shell cache-first, so the app opens with no network or behind a
// captive portal. A new version installs in the background and waits until the
// page asks it to take over (never under the user's hands).

// Two copies of the app on one origin (/a/ and /b/) share the origin's caches:
// every name carries this worker's scope, and a worker deletes only its own
// scope's old versions. A scope is a URL, which has no space: the version begins
// after the space, so /a/ never matches /a/b/'s caches. A worker of the older
// naming ('torikumi-' + version) deletes only names beginning 'torikumi-', so it
// never deletes these.
const SCOPE = self.registration.scope;
const PREFIX = `torikumi ${SCOPE} `;
const CACHE = PREFIX + VERSION;

// The app's own page: the one index.html (the view is in the hash).
const APP_PAGES = new Set([SCOPE, `${SCOPE}index.html`]);

// An update is stored only when every file has exactly these bytes. A captive
// portal answers with its login page and status 200, a download may be cut
// short: then the install fails and the installed version stays in control,
// instead of a broken app being cached and opened offline.
self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    // Everything is downloaded and checked before anything is stored, so a cache
    // holding some checked and some unchecked files never exists.
    // The module, if an earlier version of this scope kept it: what worked offline still does after the update.
    const module = (await moduleWasUsed()) ? Object.entries(ON_FIRST_USE).map(([path, hash]) => [`./${path}`, hash]) : [];
    const responses = await Promise.all([
      ...Object.entries(FILES).map(([path, hash]) => verified(path, hash)),
      ...module.map(([path, hash]) => verified(path, hash)),
      installConfig(),
    ]);
    const existed = await caches.has(CACHE);
    try {
      const cache = await caches.open(CACHE);
      await Promise.all(responses.map(([path, response]) => cache.put(path, response)));
    } catch (error) {
      if (!existed) await caches.delete(CACHE);
      throw error;
    }
  })());
});

/** Whether a cache of this scope (this naming, any version) holds an on-demand module. */
async function moduleWasUsed() {
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX)) continue;
    const kept = await (await caches.open(name)).keys();
    if (kept.some((r) => new URL(r.url).pathname.split('/').pop().startsWith('torikumi-on-demand-'))) return true;
  }
  return false;
}

/** The SHA-256 of a response's bytes, as FILES writes it. */
async function digest(response) {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', await response.arrayBuffer()));
  return 'sha256-' + btoa(String.fromCharCode(...bytes));
}

/** A file with the hash: the browser's cached copy when it has these bytes, else downloaded
 * again; throws when the download's bytes are not these either. On a first visit the page
 * has just downloaded every file: fetching them all again ('reload' alone) sent the whole
 * app twice over venue Wi-Fi (the wasm's 300 KB a second time). A cached copy that is
 * stale, cut short or a portal's page fails the hash and is never stored. */
async function verified(path, hash) {
  const cached = await fetch(new Request(path, { cache: 'force-cache' })).catch(() => null);
  if (cached?.ok) {
    const copy = cached.clone();
    if ((await digest(cached)) === hash) return [path, copy];
  }
  const response = await fetch(new Request(path, { cache: 'reload' }));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  // The untouched response is what gets stored, as cache.addAll would store it.
  const copy = response.clone();
  if ((await digest(response)) !== hash) throw new Error(`${path}: not the bytes of version ${VERSION}`);
  return [path, copy];
}

/** config.json has no fixed hash: it must at least be JSON, as freshConfig checks. */
async function installConfig() {
  const response = await fetch(new Request(CONFIG, { cache: 'reload' }));
  if (!isConfig(response)) throw new Error(`config.json: HTTP ${response.status}, not JSON`);
  return [CONFIG, response];
}

/** This scope's old caches go: of this naming, every other version; of the older naming
 * ('torikumi-' + version), this scope's entries, and the cache once nothing is left in it. */
async function deleteOldCaches() {
  for (const name of await caches.keys()) {
    if (name === CACHE) continue;
    if (name.startsWith(PREFIX)) await caches.delete(name);
    else if (/^torikumi-[0-9a-f]+$/.test(name)) await leaveOldCache(name);
  }
}

/** A cache of the older naming is shared by every copy on the origin that had that
 * version. Each copy cached its version.json, which marks its scope; an entry is the
 * copy's with the longest such scope over it. */
async function leaveOldCache(name) {
  const cache = await caches.open(name);
  const requests = await cache.keys();
  const scopes = requests.map((r) => r.url).filter((u) => u.endsWith('/version.json')).map((u) => u.slice(0, -'version.json'.length));
  const owner = (url) => scopes.filter((scope) => url.startsWith(scope)).sort((x, y) => y.length - x.length)[0];
  const ours = requests.filter((r) => owner(r.url) === SCOPE);
  await Promise.all(ours.map((r) => cache.delete(r)));
  if (ours.length === requests.length) await caches.delete(name);
}

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    await deleteOldCaches();
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

// config.json is edited on the server without a rebuild: network first, so a
// change reaches users; the cached copy when offline, or when a captive portal
// answers with something that is not JSON.
const CONFIG = new URL('config.json', SCOPE).href;

function isConfig(response) {
  return response.ok && (response.headers.get('content-type') || '').includes('json');
}

async function freshConfig(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request, { cache: 'no-store' });
    if (isConfig(response)) {
      await cache.put(CONFIG, response.clone());
      return response;
    }
  } catch {
    // Offline: the cached copy below.
  }
  return (await cache.match(CONFIG)) ?? Response.error();
}

/** What a file that is neither cached nor reachable gets: a page that says so, never
 * another file (index.html) in its place. Status 503, so a download of it fails. */
function unavailable(url) {
  const last = url.pathname.split('/').pop() || url.pathname;
  let name = last;
  try {
    name = decodeURIComponent(last);
  } catch {
    // A malformed escape: the name as it was asked for.
  }
  const escaped = name.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const body = `<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>オフラインのため開けません</title></head>
<body><h1>オフラインのため、「${escaped}」を開けません</h1>
<p>このファイルは、まだこのブラウザーに保存されていません。ネットワークにつながっているときに、もう一度開くかダウンロードしてください。</p>
<p><a href="${SCOPE}">取組状況の作成に戻る</a></p></body></html>`;
  return new Response(body, {
    status: 503,
    statusText: 'Offline',
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/** A file beside the app: from the network, keeping a copy for offline use when its
 * bytes are this version's; offline, that copy, or a clear answer. */
async function onDemand(event, path, hash, offline = unavailable) {
  let response;
  try {
    response = await fetch(event.request);
  } catch {
    const cached = await (await caches.open(CACHE)).match(path);
    return cached ?? offline(new URL(event.request.url));
  }
  if (response.ok) {
    // Checked beside the download, not before it: the page gets the bytes as they arrive.
    const copy = response.clone();
    // A failure here only means no offline copy (the worker's console has it): offline,
    // the page then gets the clear answer of unavailable().
    event.waitUntil((async () => {
      const kept = copy.clone();
      if ((await digest(copy)) === hash) await (await caches.open(CACHE)).put(path, kept);
    })());
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  const address = url.origin + url.pathname;
  if (address === CONFIG) {
    event.respondWith(freshConfig(request));
    return;
  }
  if (request.mode === 'navigate' && APP_PAGES.has(address)) {
    event.respondWith((async () => (await (await caches.open(CACHE)).match('./index.html')) ?? fetch(request))());
    return;
  }
  const path = address.startsWith(SCOPE) ? address.slice(SCOPE.length) : null;
  if (path !== null && `./${path}` in FILES) {
    event.respondWith((async () => (await (await caches.open(CACHE)).match(`./${path}`)) ?? fetch(request))());
  } else if (path !== null && Object.hasOwn(ON_FIRST_USE, path)) {
    // The module's names carry a hash of its bytes: a kept copy is never stale. Offline and
    // never kept, a network error, which the page says in its words: a script gets no
    // 503 page (Firefox refuses a made-up response for a module script with a console error).
    event.respondWith((async () => (await (await caches.open(CACHE)).match(`./${path}`))
      ?? onDemand(event, `./${path}`, ON_FIRST_USE[path], () => Response.error()))());
  } else if (path !== null && Object.hasOwn(ON_DEMAND, path)) {
    event.respondWith(onDemand(event, `./${path}`, ON_DEMAND[path]));
  } else if (request.mode === 'navigate') {
    // Any other page or file opened in a tab is the server's, or, offline, a clear answer.
    event.respondWith(fetch(request).catch(() => unavailable(url)));
  }
  // Anything else the page asks for goes to the network untouched.
});
