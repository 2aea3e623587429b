// A classic script, so it runs even where module scripts and WebAssembly are
// blocked, and keeps working when the app (the wasm) has stopped.
(function () {
  'use strict';

  // Whether a message that stops the page (start-up failure, fatal error) is shown: one is enough.
  var shown = false;

  // ---- The first paint (index.html's #boot-frame): the app's frame and start page as
  // static HTML, readable before the wasm. Its start part shows only on the start route
  // (no hash, '#' or '#/'); elsewhere (#/draft/…) only the header and 「準備しています…」.
  // index.html's first script marks it before the body paints (this script is deferred);
  // the offline file runs this one in <head>. Here it also follows the address.
  function markRoute() {
    var path = location.hash.replace(/^#\/?/, '');
    document.documentElement.setAttribute('data-boot-route', path === '' ? 'start' : 'other');
  }
  markRoute();
  window.addEventListener('hashchange', markRoute);

  // A click on a static button is kept, and carried out on the app's button of the same
  // name once the app has taken over: it does what it says, a moment later, as on a slow
  // computer (a disabled button would change its look when the app takes over). One click
  // is kept: the last one, and one made before this script ran (index.html keeps it).
  var waiting = null;
  function staticStatus() {
    return document.querySelector('#boot-frame .boot-preparing');
  }
  document.addEventListener('click', function (event) {
    var button = event.target && event.target.closest ? event.target.closest('#boot-frame [data-boot-action]') : null;
    if (button) keep(button.textContent);
  });
  function keep(label) {
    waiting = label;
    var status = staticStatus();
    if (status) {
      status.textContent = '準備しています…　' + waitingText();
    } else if (loading && loading.parentNode) {
      // The slow start's note stands in the status's place: it says so there.
      var note = loading.querySelector('.boot-waiting');
      if (!note) note = loading.insertBefore(element('p', '', 'boot-waiting'), loading.children[1] || null);
      note.textContent = waitingText();
    }
  }
  if (window.torikumiEarlyClick) keep(window.torikumiEarlyClick);
  function waitingText() {
    return '準備ができしだい「' + waiting + '」を行います。';
  }

  function removeFrame() {
    var frame = document.getElementById('boot-frame');
    if (frame) frame.remove();
  }

  // The app's start button named `label`, if the app shows the start page.
  function appButton(label) {
    var buttons = document.querySelectorAll('#app .start-actions button');
    for (var i = 0; i < buttons.length; i++) if (buttons[i].textContent === label) return buttons[i];
    return null;
  }

  // Called by the app (src/platform/boot_frame.rs) once its first page is rendered, within
  // the same task: the frame goes and the app shows, with no paint in between.
  window.torikumiTakeOver = function () {
    var frame = document.getElementById('boot-frame');
    var focused = frame && frame.contains(document.activeElement) && document.activeElement.hasAttribute('data-boot-action')
      ? document.activeElement.textContent : null;
    removeFrame();
    var app = document.getElementById('app');
    if (app) app.hidden = false;
    var target = focused && appButton(focused);
    if (target) target.focus();
    var label = waiting;
    waiting = null;
    // After the app's own work of this task: the click is a new event, as the person's was.
    if (label) {
      setTimeout(function () {
        var button = appButton(label);
        if (button) button.click();
      }, 0);
    }
  };

  function element(tag, text, className) {
    var el = document.createElement(tag);
    if (text) el.textContent = text;
    if (className) el.className = className;
    return el;
  }

  // The configuration is asked for at once, while the app's wasm downloads and
  // compiles, rather than after (a slow network's round trip no longer delays the
  // start); the app (src/platform/served_files.rs) takes this answer.
  if (location.protocol !== 'file:' && typeof fetch === 'function') {
    window.torikumiConfigText = fetch('config.json').then(function (r) {
      return r.ok ? r.text() : null;
    }).catch(function () { return null; });
  }

  // The hosted app opened from a file (file://) cannot start: say how to open it.
  // The one-file build (torikumi.html, <html data-standalone>) is made for file://.
  if (location.protocol === 'file:' && !document.documentElement.hasAttribute('data-standalone')) {
    // This is the answer: the start-up failure that follows says nothing more.
    shown = true;
    document.addEventListener('DOMContentLoaded', function () {
      removeFrame();
      var box = element('div', '', 'boot-message');
      box.setAttribute('role', 'alert');
      box.appendChild(element('h1', 'このページはファイルとして開かれているため、動きません。'));
      box.appendChild(element('p', 'ブラウザーは、ファイルとして開いたページでアプリの部品（モジュールとWebAssembly）を読み込みません。'));
      box.appendChild(element('p', 'https:// で始まるアドレス（市のイントラネットなど）から開くか、ファイルのまま使うときは「オフライン版」（torikumi.html）を開いてください。分からないときは、配布した担当者に問い合わせてください。'));
      document.body.insertBefore(box, document.body.firstChild);
    });
  }

  function pad(n) {
    return (n < 10 ? '0' : '') + n;
  }

  // Every stored record of ours, exactly as stored, in the backup format the app
  // reads back with 「読み込む」 (core/src/store/backup.rs).
  function backupText() {
    var records = {};
    for (var i = 0; i < localStorage.length; i++) {
      var key = localStorage.key(i);
      if (key && (key.indexOf('torikumi:draft:') === 0 || key.indexOf('torikumi:history:') === 0)) {
        records[key] = localStorage.getItem(key);
      }
    }
    return JSON.stringify({ schema: 'torikumi/backup/v1', created: new Date().toISOString(), records: records }, null, 2);
  }

  function downloadBackup(status) {
    try {
      var now = new Date();
      var name = 'torikumi_backup_' + now.getFullYear() + pad(now.getMonth() + 1) + pad(now.getDate()) + '-' +
        pad(now.getHours()) + pad(now.getMinutes()) + '.json';
      var url = URL.createObjectURL(new Blob([backupText()], { type: 'application/json' }));
      var a = element('a');
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
      status.textContent = '「' + name + '」をダウンロードしました。このファイルは、アプリの「読み込む」で元に戻せます。';
    } catch (e) {
      status.textContent = '下書きを読み出せませんでした（' + e + '）。このページを閉じずに、担当者に相談してください。';
    }
  }

  // The on-demand module (src/platform/on_demand.rs), named by post-build.mjs in a
  // <meta name="torikumi-on-demand">: fetched the first time the app asks, started
  // once a page. A failed attempt is forgotten and the next asks under a new query,
  // since a browser may keep a failed import of a URL for the life of the page.
  // The offline file replaces this with its own loader, from the bytes it carries.
  var onDemand = null;
  var onDemandAttempts = 0;
  window.torikumiOnDemand = function () {
    if (onDemand) return onDemand;
    var meta = document.querySelector('meta[name="torikumi-on-demand"]');
    if (!meta) return Promise.reject(new Error('this build names no on-demand module'));
    var url = new URL(meta.getAttribute('content'), document.baseURI);
    if (onDemandAttempts > 0) url.search = 'attempt=' + onDemandAttempts;
    onDemandAttempts += 1;
    var loading = import(url.href).then(function (module) {
      return module.default().then(function () { return module; });
    });
    onDemand = loading;
    loading.catch(function () { if (onDemand === loading) onDemand = null; });
    return loading;
  };

  // Called by the app's panic hook (src/lib.rs), and for a wasm trap that got past it.
  window.torikumiFatal = function (detail) {
    if (shown) return;
    shown = true;
    var box = element('div', '', 'fatal');
    box.setAttribute('role', 'alertdialog');
    box.setAttribute('aria-modal', 'true');
    box.setAttribute('aria-labelledby', 'fatal-title');
    var title = element('h1', '問題が発生しました');
    title.id = 'fatal-title';
    box.appendChild(title);
    box.appendChild(element('p', 'アプリが止まったため、これ以上の入力は保存されません。それまでに保存された下書きは、このブラウザーに残っています。'));
    box.appendChild(element('p', '念のため、下のボタンで保存されているすべての下書きをファイルに保存してから、ページを再読み込みしてください。'));
    var status = element('p', '', 'fatal-status');
    status.setAttribute('role', 'status');
    var save = element('button', 'すべての下書きをダウンロード', 'button button-primary');
    save.type = 'button';
    save.addEventListener('click', function () { downloadBackup(status); });
    var reload = element('button', '再読み込み', 'button');
    reload.type = 'button';
    reload.addEventListener('click', function () { location.reload(); });
    var actions = element('div', '', 'start-actions');
    actions.appendChild(save);
    actions.appendChild(reload);
    box.appendChild(actions);
    box.appendChild(status);
    var details = element('details');
    details.appendChild(element('summary', '技術的な詳細'));
    details.appendChild(element('pre', String(detail)));
    box.appendChild(details);
    // The first paint's buttons, if the app stopped before replacing them, would never act.
    removeFrame();
    // Nothing behind the message takes input any more: the app no longer saves it.
    for (var i = 0; i < document.body.children.length; i++) document.body.children[i].inert = true;
    document.body.appendChild(box);
    save.focus();
  };

  // ---- Start-up. Until the app has started, a failure here is the only thing
  // the page can say: without it, a wasm cut short by venue Wi-Fi (or answered
  // with a portal's page), or a browser that cannot run it, leaves a blank page.

  var standalone = document.documentElement.hasAttribute('data-standalone');
  var started = false;
  var loading = null;

  function onBody(fn) {
    if (document.body) fn();
    else document.addEventListener('DOMContentLoaded', fn);
  }

  function storedRecords() {
    try {
      for (var i = 0; i < localStorage.length; i++) {
        if (/^torikumi:(draft|history):/.test(localStorage.key(i) || '')) return true;
      }
    } catch (e) {
      // Storage refused: there is nothing to offer to save.
    }
    return false;
  }

  // Said only when there is something to keep.
  function keptNote() {
    return storedRecords() ? '入力済みの下書きは、このブラウザーに残っています。' : '';
  }

  function clearLoading() {
    if (loading && loading.parentNode) loading.parentNode.removeChild(loading);
    loading = null;
  }

  function reloadButton() {
    var reload = element('button', '再読み込み', 'button button-primary');
    reload.type = 'button';
    reload.addEventListener('click', function () { location.reload(); });
    return reload;
  }

  // The message box for start-up: what happened, the steps to take, the details.
  function startMessage(title, lines, steps, detail, withBackup) {
    if (shown) return;
    shown = true;
    onBody(function () {
      clearLoading();
      // The first paint's buttons would never act: the message is all the page shows.
      removeFrame();
      var box = element('div', '', 'boot-message');
      box.setAttribute('role', 'alert');
      box.appendChild(element('h1', title));
      for (var i = 0; i < lines.length; i++) box.appendChild(element('p', lines[i]));
      var list = element('ol');
      for (var j = 0; j < steps.length; j++) list.appendChild(element('li', steps[j]));
      box.appendChild(list);
      var actions = element('div', '', 'start-actions');
      var reload = reloadButton();
      actions.appendChild(reload);
      var status = element('p', '', 'fatal-status');
      status.setAttribute('role', 'status');
      if (withBackup && storedRecords()) {
        var save = element('button', 'すべての下書きをダウンロード', 'button');
        save.type = 'button';
        save.addEventListener('click', function () { downloadBackup(status); });
        actions.appendChild(save);
      }
      box.appendChild(actions);
      box.appendChild(status);
      var details = element('details');
      details.appendChild(element('summary', '技術的な詳細'));
      details.appendChild(element('pre', detail));
      box.appendChild(details);
      document.body.insertBefore(box, document.body.firstChild);
      reload.focus();
    });
  }

  // What this browser lacks of what the app needs before its first line runs.
  function missingFeatures() {
    var missing = [];
    if (typeof WebAssembly !== 'object' || !WebAssembly || typeof WebAssembly.instantiate !== 'function') missing.push('WebAssembly');
    if (typeof Promise !== 'function') missing.push('Promise');
    if (typeof TextDecoder !== 'function' || typeof TextEncoder !== 'function') missing.push('TextDecoder/TextEncoder');
    if (!standalone && !('noModule' in document.createElement('script'))) missing.push('JavaScript modules');
    if (!standalone && typeof fetch !== 'function') missing.push('fetch');
    return missing;
  }

  var missing = missingFeatures();
  if (missing.length > 0) {
    startMessage('このブラウザーでは、このアプリを使えません',
      ['このアプリに必要なブラウザーの機能（' + missing.join('、') + '）がないか、設定で止められています。' + keptNote()],
      ['Microsoft Edge、Google Chrome、Firefox の新しい版で開いてください。',
        'Microsoft Edge の「セキュリティ強化モード」など、WebAssembly を止める設定が有効なときは、このアドレスを例外にするよう担当者に相談してください。',
        '分からないときは、配布した担当者に問い合わせてください。'],
      'missing: ' + missing.join(', ') + '\n' + navigator.userAgent, true);
  }

  // The app's code did not load, compile or start.
  function startFailed(detail) {
    var steps = standalone
      ? ['「再読み込み」を押してください。',
        'このファイルが壊れているかもしれません（コピーやダウンロードが途中で切れたときなど）。配布した担当者から「オフライン版」をもう一度受け取るか、市のイントラネットのアドレスから開いてください。',
        'それでも開かないときは、別のブラウザー（Microsoft Edge、Google Chrome、Firefox の新しい版）で開いてください。']
      : ['「再読み込み」を押してください。通信が途中で切れたときは、たいていこれで開きます。',
        '続くときは、通信が安定した場所で開き直すか、「オフライン版」（torikumi.html）を使ってください。オフライン版は、つながるときにこのアドレスの最初のページからダウンロードできます。',
        'それでも開かないときは、別のブラウザー（Microsoft Edge、Google Chrome、Firefox の新しい版）で開いてください。'];
    startMessage('アプリを読み込めませんでした',
      [standalone
        ? 'アプリの部品を読み込めなかったため、始められませんでした。' + keptNote()
        : 'アプリの部品の読み込みが途中で切れたか、壊れて届いたため、始められませんでした。' + keptNote()],
      steps, detail, true);
  }

  // A copy of the offline file cut short (most of it is the wasm's bytes) ends
  // before its loader: nothing would run, and nothing would fail.
  // (Once started, the app has replaced the body's elements, the loader's among them.)
  if (standalone) {
    document.addEventListener('DOMContentLoaded', function () {
      if (!started && !document.getElementById('torikumi-loader')) startFailed('torikumi.html ends early: its loader is missing');
    });
  }

  function onStarted() {
    started = true;
    clearLoading();
  }
  // Trunk's loader (index.html) and the one-file build's loader (scripts/single-file.mjs).
  window.addEventListener('TrunkApplicationStarted', onStarted);
  window.addEventListener('torikumi-started', onStarted);

  // A slow start (a large download on a slow line) is not a failure: the page
  // says it is loading, and later how long is too long, but never shows the error.
  setTimeout(function () {
    if (started || shown) return;
    onBody(function () {
      if (started || shown) return;
      loading = element('div', '', 'boot-loading');
      loading.setAttribute('role', 'status');
      loading.appendChild(element('p', '読み込んでいます…'));
      // In the first paint, in place of its 「準備しています…」 (one status, where it was).
      var status = staticStatus();
      if (status) {
        loading.className = 'boot-loading boot-loading-inline';
        if (waiting) loading.appendChild(element('p', waitingText(), 'boot-waiting'));
        status.parentNode.replaceChild(loading, status);
      } else {
        document.body.appendChild(loading);
      }
      setTimeout(function () {
        if (!loading) return;
        loading.appendChild(element('p', '時間がかかっています。通信が遅いか、途切れているのかもしれません。しばらく待っても変わらないときは、再読み込みしてください。'));
        loading.appendChild(reloadButton());
      }, 20000);
    });
  }, 3000);

  // Capture: a script element that failed to load (the app's code cut short)
  // fires at the element and does not bubble.
  window.addEventListener('error', function (event) {
    var target = event.target;
    if (typeof WebAssembly !== 'undefined' && event.error instanceof WebAssembly.RuntimeError) {
      // The app ran and trapped: what it saved is in storage, and the fatal screen offers it.
      window.torikumiFatal(String(event.error));
    } else if (!started && target && target.tagName === 'SCRIPT') {
      startFailed('script failed to load: ' + (target.src || 'the inline loader'));
    } else if (!started && target === window) {
      startFailed(event.error ? describe(event.error) : String(event.message));
    }
  }, true);

  function describe(error) {
    var text = String(error);
    return error && error.stack && error.stack.indexOf(text) === -1 ? text + '\n' + error.stack : String(error && error.stack || text);
  }

  // The loaders (Trunk's as post-build.mjs finishes it, and the offline file's) say
  // when the wasm did not download, compile or start: not every such failure
  // reaches an error event.
  window.addEventListener('torikumi-start-failed', function (event) {
    if (!started) startFailed(describe(event.detail));
  });

  // Anything else that rejected before the app started.
  window.addEventListener('unhandledrejection', function (event) {
    if (!started) startFailed(describe(event.reason));
  });
})();
