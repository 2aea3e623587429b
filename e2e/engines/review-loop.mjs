// Issue 25's loop in the engines the W3C drivers reach (Firefox ESR, WebKitGTK): the
// city comments on a ward's export in 取りまとめ, the ward reads the review file with
// 読み込む, answers, fixes and finishes; the city's new export shows what is answered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseFiles, click, keepDownloads, lastDownload, sampleExported, saved, shows, typeField, typeInto, until } from './driver.mjs';

/** Registers the loop for the engine `name`; `session`, `healthy` and `url()` are the journeys' own. */
export function reviewLoop(name, { session, healthy, url }) {
  test(`${name}: the city's review loop: comments on a ward's export, the ward reads them with 読み込む, answers two, fixes a count and finishes; the city's new export shows 「指摘3件（対応済み2件）」 and the replies; the bound print shows no comment`, () => session(async (browser) => {
    const TEAM = '就労支援の職場見学会は何回でしたか';
    const WHOLE = '全体に、成果の数字を入れてください';
    const COUNT = '連絡会議の回数は12回ではありませんか';
    const ward = await browser.newPage();
    const first = await sampleExported(ward, url());

    // The city (another tab: 取りまとめ keeps its set apart from the drafts).
    const city = await browser.newPage();
    await city.goto(`${url()}#/bundle`);
    await shows(city, '各区の報告を追加');
    await chooseFiles(city, '.import', [first]);
    await click(city, '若林区を確認する');
    await shows(city, 'の確認');
    for (const [where, text] of [['プロジェクトチーム2', TEAM], ['報告全体', WHOLE], ['障害者相談支援事業所等連絡会議 年間実施予定回数', COUNT]]) {
      await click(city, `${where}に指摘を追加`);
      await city.waitForSelector('#comment-text');
      await city.type('#comment-text', text);
      await click(city, '指摘を保存');
      await shows(city, text);
    }
    await keepDownloads(city);
    await click(city, '指摘を書き出す');
    const review = await lastDownload(city);
    assert.equal(review.name, 'R5_wakabayashi_review.json');
    assert.deepEqual(JSON.parse(review.text).comments.map((c) => c.anchor), ['team-5', 'report', 'liaison-count']);

    // The ward reads it: each comment beside what it points at.
    await ward.goto(url());
    await shows(ward, '取組状況の作成');
    await chooseFiles(ward, '.import', [review]);
    await shows(ward, '市からの指摘3件を読み込みます');
    await click(ward, '読み込んで開く');
    await ward.waitForSelector('.editor.editable');
    const commentOn = (title) => [...document.querySelectorAll('.row-card')]
      .find((c) => c.querySelector('.row-title')?.textContent === title)?.querySelector('.comment-text')?.textContent ?? null;
    const commentOfTeam = (n) => ward.evaluate(commentOn, `プロジェクトチーム${n}`);
    assert.equal(await commentOfTeam(2), TEAM);
    await click(ward, 'プロジェクトチーム2を上へ');
    // The move re-renders the cards: wait for the first card to carry a comment (it had none).
    await until(ward, commentOn, 'プロジェクトチーム1', 'a comment on the moved row');
    assert.equal(await commentOfTeam(1), TEAM, 'the comment moves with its row');
    assert.equal(await commentOfTeam(2), null, 'and leaves the row that took its place');
    await typeField(ward, '指摘1への回答', '見学会は2回です。');
    await click(ward, '指摘1を対応済みにする');
    await typeInto(ward, 'f-liaison-count', '12');
    await typeField(ward, '指摘3への回答', '12回に直しました。');
    await click(ward, '指摘3を対応済みにする');
    await saved(ward);
    await click(ward, '完成にする');
    await shows(ward, `「${WHOLE}」が対応済みになっていません`);
    await click(ward, 'このまま完成にする');
    await shows(ward, 'この報告は完成しています');
    await keepDownloads(ward);
    await click(ward, 'JSONを書き出す');
    const answered = await lastDownload(ward);
    const back = JSON.parse(answered.text);
    assert.equal(back.schema, 'torikumi/report/v2');
    assert.equal(back.report.bodies.liaison.count, 12);
    assert.deepEqual(back.report.comments.map((c) => [c.resolved, c.reply]), [[true, '見学会は2回です。'], [false, ''], [true, '12回に直しました。']]);

    // The city adds the new export.
    await click(city, '← 読み込んだ報告に戻る');
    await chooseFiles(city, '.import', [answered]);
    await shows(city, '指摘3件（対応済み2件）');
    await click(city, '若林区を確認する');
    await shows(city, '12回に直しました。');
    await click(city, '← 読み込んだ報告に戻る');
    await click(city, 'まとめて印刷用表示');
    await city.waitForSelector('.b-cover');
    const bound = await city.evaluate(() => document.body.innerText);
    for (const text of [TEAM, WHOLE, COUNT, '12回に直しました。', '指摘']) assert.ok(!bound.includes(text), `the bound print shows no 「${text}」`);
    await healthy(ward);
    await healthy(city);
  }));
}
