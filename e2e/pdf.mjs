// A printed PDF read back with poppler-utils, for the tests in every engine:
// pdfinfo's text (page size, title, pages) and each page's text, page by page
// (`pdftotext -raw -f N -l N`: the content stream's order, which follows the document's).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function readPdf(bytes) {
  const path = join(mkdtempSync(join(tmpdir(), 'torikumi-pdf-')), 'printed.pdf');
  writeFileSync(path, bytes);
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  const count = Number(info.match(/Pages:\s+(\d+)/)[1]);
  const pages = Array.from({ length: count }, (_, i) => execFileSync('pdftotext', ['-raw', '-f', String(i + 1), '-l', String(i + 1), path, '-'], { encoding: 'utf8' }));
  return { info, pages };
}
