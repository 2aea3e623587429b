// The Word files the app writes, read by a real Word-format reader: headless
// LibreOffice (Debian's libreoffice-writer-nogui, installed by the test command),
// each conversion with a profile of its own so runs side by side never share one.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Converts the .docx at `docx` to `to` ('pdf', 'html', 'txt:Text'); the result's bytes. */
export function convert(docx, to) {
  const dir = mkdtempSync(join(tmpdir(), 'torikumi-lo-'));
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', to, '--outdir', dir, docx], {
    stdio: 'pipe', timeout: 120_000,
  });
  const ext = to.split(':')[0];
  return readFileSync(join(dir, docx.split('/').pop().replace(/\.docx$/, `.${ext}`)));
}

/** Writes `bytes` as `name` in a folder of its own; its path. */
export function saved(name, bytes) {
  const path = join(mkdtempSync(join(tmpdir(), 'torikumi-docx-')), name);
  writeFileSync(path, bytes);
  return path;
}

/** A report as the Word import gives it back: rows numbered afresh, so ids are left out. */
export function withoutIds(report) {
  const rows = (list) => list.map(({ name, count, content }) => ({ name, count, content }));
  return {
    ...report,
    teams: rows(report.teams),
    activities: rows(report.activities),
    bodies: Object.fromEntries(Object.entries(report.bodies).map(([k, b]) => [k, { ...b, parts: rows(b.parts) }])),
  };
}
