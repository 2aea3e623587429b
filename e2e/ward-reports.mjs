// Ward reports made up for the tests and benchmarks (never copied from a real
// ward): exchange files as a ward's 「JSONを書き出す」 writes them.

export const WARDS = [
  ['青葉区', 'aoba'], ['宮城野区', 'miyagino'], ['若林区', 'wakabayashi'], ['太白区', 'taihaku'], ['泉区', 'izumi'],
];
const BODIES = ['plenary', 'network', 'liaison', 'steering'];

/**
 * A ward's report as its exchange file: `counts` of the four bodies, `teams`
 * and `activities` rows (2022 = 令和４年度); `lines` more lines of text make it larger.
 */
export function wardReport(slug, {
  counts, teams = 1, activities = 1, year = 2022, status = 'finished', changed = '2023-04-20T01:00:00Z', basis = { kind: 'actual' }, name: given, lines = 0,
}) {
  const [name] = given ? [given] : WARDS.find(([, s]) => s === slug) ?? [`${slug}区`];
  const more = '・地域の相談支援事業所と連携し、事例検討を行いました。\n'.repeat(lines);
  const row = (id, label) => ({ id, name: label, count: 2, content: `${name}の${label}で、地域の相談支援の課題を話し合いました。` });
  const bodies = Object.fromEntries(BODIES.map((b, i) => [b, {
    local_name: '', count: counts[i], parts: [], content: `${name}の会議では、事例検討と情報共有を行いました（${i + 1}）。`,
  }]));
  return {
    schema: 'torikumi/report/v1',
    status,
    created: '2023-04-01T00:00:00Z',
    changed,
    finished: status === 'finished' ? changed : null,
    report: {
      ward: { name, slug },
      fiscal_year: year,
      basis,
      bodies,
      teams: Array.from({ length: teams }, (_, i) => row(10 + i, `就労支援チーム${i + 1}`)),
      activities: Array.from({ length: activities }, (_, i) => row(20 + i, `研修会${i + 1}`)),
      sections: {
        main_work: `${name}では、地域の事業所と連携して相談支援の体制づくりを進めました。\n${more}`.trim(),
        issues: '相談支援専門員の不足が続いています。',
        plans: '次年度は、人材育成の研修を増やします。',
      },
    },
  };
}

