// The large report of the benchmarks: 20 teams and about 10,000 characters,
// filled in through the DOM as typing would (input events), quickly.

/** Fills the report through the DOM as typing would (input events), quickly. */
export async function fillLarge(page) {
  for (let i = 0; i < 20; i++) await page.getByRole('button', { name: 'プロジェクトチームを追加', exact: true }).click();
  await page.locator('#f-team-20-name').waitFor();
  await page.evaluate(() => {
    const line = '・地域の相談支援事業所と連携し、事例検討を行った。\n';
    const set = (el, text) => {
      el.value = text;
      el.dispatchEvent(new InputEvent('input', { bubbles: true }));
    };
    document.querySelectorAll('[id^="f-team-"][id$="-name"]').forEach((el, i) => set(el, `プロジェクトチーム${i + 1}`));
    document.querySelectorAll('[id^="f-team-"][id$="-count"]').forEach((el) => set(el, '１２回'));
    document.querySelectorAll('[id^="f-team-"][id$="-content"]').forEach((el) => set(el, line.repeat(10)));
    set(document.getElementById('f-main-work'), line.repeat(110));
    set(document.getElementById('f-issues'), line.repeat(40));
    set(document.getElementById('f-plans'), line.repeat(40));
  });
  return page.evaluate(() => [...document.querySelectorAll('textarea, input[type=text]')].reduce((n, el) => n + [...el.value].length, 0));
}
