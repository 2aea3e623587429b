// A classic script, so it runs even where module scripts and WebAssembly are
// blocked: opened from a file (file://), the app cannot start, so say how to open it.
if (location.protocol === 'file:') {
  document.addEventListener('DOMContentLoaded', function () {
    var box = document.createElement('div');
    box.className = 'boot-message';
    box.setAttribute('role', 'alert');
    var lines = [
      'このページはファイルとして開かれているため、動きません。',
      'ブラウザーは、ファイルとして開いたページでアプリの部品（モジュールとWebAssembly）を読み込みません。',
      'https:// で始まるアドレス（市のイントラネットなど）から開いてください。アドレスが分からないときは、配布した担当者に問い合わせてください。',
    ];
    for (var i = 0; i < lines.length; i++) {
      var p = document.createElement(i === 0 ? 'h1' : 'p');
      p.textContent = lines[i];
      box.appendChild(p);
    }
    document.body.insertBefore(box, document.body.firstChild);
  });
}
