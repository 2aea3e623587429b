// A classic script, so it runs even where module scripts and WebAssembly are
// blocked, and keeps working when the app (the wasm) has stopped.
(function () {
  'use strict';

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
    document.addEventListener('DOMContentLoaded', function () {
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

  var shown = false;

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
    // Nothing behind the message takes input any more: the app no longer saves it.
    for (var i = 0; i < document.body.children.length; i++) document.body.children[i].inert = true;
    document.body.appendChild(box);
    save.focus();
  };

  window.addEventListener('error', function (event) {
    if (typeof WebAssembly !== 'undefined' && event.error instanceof WebAssembly.RuntimeError) {
      window.torikumiFatal(String(event.error));
    }
  });
})();
