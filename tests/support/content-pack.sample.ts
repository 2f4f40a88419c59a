/**
 * A valid content pack document for tests, the fuzzer and the e2e test (never bundled into the
 * app). `xss: true` puts real XSS payloads into the rich text, which sanitising must neutralise.
 */
export const XSS_PAYLOADS: readonly string[] = [
  '<script>window.__xss = 1</script>',
  '<img src=x onerror="window.__xss=1">',
  '<a href="javascript:window.__xss=1">click</a>',
  '<svg><script>window.__xss=1</script></svg>',
  '<svg onload="window.__xss=1"></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=1"></style></mglyph></table></mtext></math>',
  '<style>body{background:url(javascript:window.__xss=1)}</style>',
  '<b style="background:url(x)" onclick="window.__xss=1">bold</b>',
  '<iframe src="javascript:window.__xss=1"></iframe>',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>"></noscript>',
  '<form><math><mtext></form><form><mglyph><style></math><img src onerror=window.__xss=1>',
  '<details open ontoggle="window.__xss=1">',
  '<template><img src=x onerror=window.__xss=1></template>',
  '<p>ok</p><object data="javascript:window.__xss=1"></object>',
  '<p is="x-evil">customised built-in</p>',
];

export function samplePackDoc(opts: { xss?: boolean; version?: number } = {}): Record<string, unknown> {
  const x = (i: number): string => (opts.xss ? XSS_PAYLOADS[i % XSS_PAYLOADS.length]! : '');
  return {
    format: 'lantern-content',
    formatVersion: 1,
    id: 'shapes',
    version: opts.version ?? 1,
    title: { en: 'Shapes and angles', 'zh-CN': '图形和角' },
    skills: [
      {
        id: 'sides',
        name: { en: 'Counting sides', 'zh-CN': '数边' },
        strand: 'number',
        band: 1,
        prerequisites: ['placeValue'],
        items: [
          {
            difficulty: 1,
            prompt: {
              en: `How many sides has a <b>triangle</b>?${x(0)}`,
              'zh-CN': `<b>三角形</b>有几条边？${x(1)}`,
            },
            answer: { kind: 'integer', value: 3 },
            hint: { en: `Count the <em>corners</em>.${x(2)}` },
            solution: [
              { en: `A triangle has 3 corners${x(3)}` },
              { en: `so it has <strong>3</strong> sides.${x(4)}` },
            ],
          },
          {
            difficulty: 2,
            prompt: { en: `How many sides has a <i>hexagon</i>?${x(5)}` },
            answer: { kind: 'integer', value: 6 },
            hint: { en: `<ul><li>hex = 6</li></ul>${x(6)}` },
          },
          {
            difficulty: 3,
            prompt: { en: `Which shape has 8 sides?${x(7)}` },
            answer: { kind: 'choice', choices: ['hexagon', 'octagon', 'pentagon'], correctIndex: 1 },
          },
        ],
      },
      {
        id: 'angles',
        name: { en: 'Angles in a triangle' },
        strand: 'number',
        band: 3,
        prerequisites: ['sides', 'addCarry'],
        items: [
          {
            difficulty: 2,
            prompt: { en: `Two angles of a triangle are 50° and 60°. The third is ?°${x(8)}` },
            answer: { kind: 'integer', value: 70 },
            hint: { en: `The angles add up to 180°.${x(9)}` },
            solution: [{ en: `180 − 50 − 60 = <code>70</code>${x(10)}` }],
          },
          {
            difficulty: 1,
            prompt: { en: `Half of a right angle is ?°${x(11)}<sup>o</sup>` },
            answer: { kind: 'decimal', value: 45, tolerance: 0 },
          },
          {
            difficulty: 3,
            prompt: { en: `What fraction of a full turn is 90°?${x(12)}` },
            answer: { kind: 'fraction', numerator: 1, denominator: 4 },
            hint: { en: `A full turn is 360°.${x(13)}` },
          },
        ],
      },
    ],
  };
}
