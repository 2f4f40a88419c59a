import xapiValidation from '@learninglocker/xapi-validation';
import { describe, expect, it } from 'vitest';
import type { Attempt } from './types';
import {
  answeredStatement,
  attemptFromStatement,
  parseIsoDuration,
  isoDuration,
  masteredStatement,
  placementStatement,
  sessionStatement,
  statementId,
  voidingStatement,
  type XapiProfile,
  type XapiStatement,
} from './xapi';

// The package is CommonJS with an ES-module default: accept either shape.
const validate = ((xapiValidation as unknown as { default?: unknown }).default ?? xapiValidation) as (
  s: unknown,
) => unknown[];

const PROFILE: XapiProfile = { base: 'https://school.example/lantern', nicknames: false };
const LEARNER = { id: 'c0a8e5d2-1b7f-4c3e-9a61-5f2d8b7e4a10', nickname: 'Mei' };
const NAME = { en: 'Place value', 'zh-CN': '数位与位值' };

function attempt(i: number, over: Partial<Attempt> = {}): Attempt {
  return {
    id: `a0000001-${String(i).padStart(4, '0')}-4a1b-8c2d-3e4f5a6b7c8d`,
    learnerId: LEARNER.id,
    itemId: `placeValue~3~${1000 + i}`,
    skillId: 'placeValue',
    difficulty: 3,
    seed: 1000 + i,
    params: { n: 4521, d: 5 },
    answer: '500',
    correct: i % 3 !== 0,
    responseMs: 4210 + i,
    hintsUsed: i % 2,
    solutionShown: false,
    timestamp: 1_764_000_000_000 + i * 60_000,
    appVersion: '0.1.0',
    predicted: 0.62,
    predictedBy: 'elo',
    ...over,
  };
}

/** attempt(1)'s answered statement as written before partial credit (issue 12) existed. */
const GOLDEN_ANSWERED =
  '{"id":"0e9f2b07-43b1-59fc-bc78-60ad482730f7","actor":{"objectType":"Agent","account":{"homePage":"https://school.example/lantern","name":"c0a8e5d2-1b7f-4c3e-9a61-5f2d8b7e4a10"}},"verb":{"id":"http://adlnet.gov/expapi/verbs/answered","display":{"en":"answered","zh-CN":"回答了"}},"object":{"objectType":"Activity","id":"https://school.example/lantern/item/placeValue~3~1001","definition":{"type":"http://adlnet.gov/expapi/activities/cmi.interaction","interactionType":"fill-in","name":{"en":"Place value — level 3, item 1001","zh-CN":"数位与位值——第3级，第1001题"}}},"result":{"success":true,"completion":true,"response":"500","duration":"PT4.21S","extensions":{"https://school.example/lantern/extensions/hints-used":1,"https://school.example/lantern/extensions/solution-shown":false}},"context":{"platform":"Lantern","contextActivities":{"parent":[{"objectType":"Activity","id":"https://school.example/lantern/skill/placeValue","definition":{"type":"http://adlnet.gov/expapi/activities/objective","name":{"en":"Place value","zh-CN":"数位与位值"}}}],"grouping":[{"objectType":"Activity","id":"https://school.example/lantern/course/maths","definition":{"type":"http://adlnet.gov/expapi/activities/course","name":{"en":"Lantern maths","zh-CN":"灯笼数学"}}}]},"extensions":{"https://school.example/lantern/extensions/attempt-id":"a0000001-0001-4a1b-8c2d-3e4f5a6b7c8d","https://school.example/lantern/extensions/difficulty":3,"https://school.example/lantern/extensions/app-version":"0.1.0","https://school.example/lantern/extensions/predicted-correct":0.62,"https://school.example/lantern/extensions/predicted-by":"elo"}},"timestamp":"2025-11-24T16:01:00.000Z","version":"1.0.3"}';

function expectValid(s: XapiStatement): void {
  expect(validate(JSON.parse(JSON.stringify(s)))).toEqual([]);
}

describe('xAPI statements (validated with @learninglocker/xapi-validation)', () => {
  it('answered: success, response, ISO 8601 duration, the predicted chance as a context extension', () => {
    const a = attempt(1);
    const s = answeredStatement(PROFILE, { learner: LEARNER, attempt: a, skillName: NAME });
    expectValid(s);
    expect(s.id).toBe(statementId('answered', a.id));
    expect(s.verb.id).toBe('http://adlnet.gov/expapi/verbs/answered');
    expect(s.object).toMatchObject({
      id: 'https://school.example/lantern/item/placeValue~3~1001',
      definition: {
        name: { en: 'Place value — level 3, item 1001', 'zh-CN': '数位与位值——第3级，第1001题' },
      },
    });
    expect(s.result).toMatchObject({ success: true, response: '500', duration: 'PT4.21S' });
    expect(s.context?.extensions?.['https://school.example/lantern/extensions/predicted-correct']).toBe(0.62);
    expect(s.context?.contextActivities?.parent?.[0]?.id).toBe(
      'https://school.example/lantern/skill/placeValue',
    );
    expect(s.timestamp).toBe(new Date(a.timestamp).toISOString());
  });

  it('answered with the solution shown, no prediction and a content-pack skill id', () => {
    const a = attempt(3, {
      skillId: 'shapes:sides',
      itemId: 'shapes:sides~1~7',
      difficulty: 1,
      seed: 7,
      answer: '',
      correct: false,
      solutionShown: true,
      predicted: undefined,
      predictedBy: undefined,
    });
    const s = answeredStatement(PROFILE, { learner: LEARNER, attempt: a, skillName: {} });
    expectValid(s);
    expect(s.result?.response).toBeUndefined();
    expect(s.object.id).toBe('https://school.example/lantern/item/shapes%3Asides~1~7');
    expect((s.object as { definition: { name: object } }).definition.name).toEqual({
      en: 'shapes:sides — level 1, item 7',
      'zh-CN': 'shapes:sides——第1级，第7题',
    });
  });

  it('mastered, session completed and placement done', () => {
    const as = [1, 2, 4, 5].map((i) => attempt(i));
    const m = masteredStatement(PROFILE, {
      learner: LEARNER,
      attempt: as[3]!,
      skillName: NAME,
      mastery: 0.83,
    });
    const s = sessionStatement(PROFILE, {
      learner: LEARNER,
      attempts: as,
      startedAt: as[0]!.timestamp - 5000,
      endedAt: as[3]!.timestamp + 1000,
    });
    const p = placementStatement(PROFILE, { learner: LEARNER, attempt: as[1]!, answered: 2, correct: 2 });
    for (const x of [m, s, p]) expectValid(x);
    expect(m.verb.id).toBe('http://adlnet.gov/expapi/verbs/mastered');
    expect(m.object.id).toBe('https://school.example/lantern/skill/placeValue');
    expect(s.result).toMatchObject({ score: { raw: 4, max: 4, scaled: 1 }, duration: 'PT4M6S' });
    expect(p.object.id).toBe('https://school.example/lantern/course/maths/placement');
    expect(new Set([m.id, s.id, p.id, statementId('answered', as[3]!.id)]).size).toBe(4);
    expect(() =>
      sessionStatement(PROFILE, { learner: LEARNER, attempts: [], startedAt: 0, endedAt: 1 }),
    ).toThrow(RangeError);
  });

  it('voiding: a StatementRef to the sent statement, same opaque account, no nickname', () => {
    const sent = answeredStatement(
      { ...PROFILE, nicknames: true },
      { learner: LEARNER, attempt: attempt(1), skillName: NAME },
    );
    const v = voidingStatement(sent.actor, sent.id, 1_764_100_000_000);
    expectValid(v);
    expect(v.object).toEqual({ objectType: 'StatementRef', id: sent.id });
    expect(v.actor).toEqual({ objectType: 'Agent', account: sent.actor.account });
    expect(v.id).toBe(statementId('voided', sent.id));
  });

  it('the actor is an opaque account; the nickname only when the school turns it on', () => {
    const off = answeredStatement(PROFILE, { learner: LEARNER, attempt: attempt(1), skillName: NAME });
    expect(off.actor).toEqual({
      objectType: 'Agent',
      account: { homePage: 'https://school.example/lantern', name: LEARNER.id },
    });
    expect(JSON.stringify(off)).not.toContain('Mei');
    const on = answeredStatement(
      { ...PROFILE, nicknames: true },
      { learner: LEARNER, attempt: attempt(1), skillName: NAME },
    );
    expectValid(on);
    expect(on.actor.name).toBe('Mei');
    // The id does not depend on the profile: the same attempt is one statement everywhere.
    expect(on.id).toBe(off.id);
  });

  it('answered without a score: the statement is exactly what it was before partial credit', () => {
    // Golden: the statement of attempt(1) as the build before issue 12 wrote it, byte for byte.
    const s = answeredStatement(PROFILE, { learner: LEARNER, attempt: attempt(1), skillName: NAME });
    expect(JSON.stringify(s)).toBe(GOLDEN_ANSWERED);
  });

  it('an imported question with partial credit: result.score, success false, the question key in context', () => {
    const a = attempt(2, { answer: 'Nazereth', correct: false, score: 0.75, questionKey: 'g0123456789abcd' });
    const s = answeredStatement(PROFILE, { learner: LEARNER, attempt: a, skillName: NAME });
    expectValid(s);
    expect(s.result).toMatchObject({
      success: false,
      score: { raw: 0.75, min: 0, max: 1, scaled: 0.75 },
      completion: true,
      response: 'Nazereth',
    });
    // The activity is still the item; the key travels beside it.
    expect(s.object.id).toBe('https://school.example/lantern/item/placeValue~3~1002');
    expect(s.context?.extensions?.['https://school.example/lantern/extensions/question-key']).toBe(
      'g0123456789abcd',
    );
    expect(s.id).toBe(statementId('answered', a.id));
    // Take the two additions away and it is the statement of the same answer without them.
    const plain = answeredStatement(PROFILE, {
      learner: LEARNER,
      attempt: attempt(2, { answer: 'Nazereth', correct: false }),
      skillName: NAME,
    });
    const { score: _score, ...result } = s.result ?? {};
    const { ['https://school.example/lantern/extensions/question-key']: _key, ...extensions } =
      s.context?.extensions ?? {};
    expect({ ...s, result, context: { ...s.context, extensions } }).toEqual(plain);
  });

  it('an imported question answered fully right: the key, no score; a score out of (0, 1) is never sent', () => {
    const full = answeredStatement(PROFILE, {
      learner: LEARNER,
      attempt: attempt(4, { questionKey: 'g0123456789abcd' }),
      skillName: NAME,
    });
    expectValid(full);
    expect(full.result).toMatchObject({ success: true });
    expect(full.result).not.toHaveProperty('score');
    expect(full.context?.extensions).toHaveProperty(
      ['https://school.example/lantern/extensions/question-key'],
      'g0123456789abcd',
    );
    for (const score of [0, 1, Number.NaN, -0.5, 2]) {
      const s = answeredStatement(PROFILE, {
        learner: LEARNER,
        attempt: attempt(5, { correct: false, score }),
        skillName: NAME,
      });
      expectValid(s);
      expect(s.result).not.toHaveProperty('score');
    }
    // The validator checks scores: one outside its bounds is refused.
    const bad = answeredStatement(PROFILE, {
      learner: LEARNER,
      attempt: attempt(5, { correct: false, score: 0.5 }),
      skillName: NAME,
    });
    expect(validate({ ...bad, result: { ...bad.result, score: { scaled: 1.5 } } }).length).toBeGreaterThan(0);
    expect(
      validate({ ...bad, result: { ...bad.result, score: { raw: 2, min: 0, max: 1, scaled: 0.5 } } }).length,
    ).toBeGreaterThan(0);
  });

  it('a validator that finds problems is really checking (self-check)', () => {
    const s = answeredStatement(PROFILE, { learner: LEARNER, attempt: attempt(1), skillName: NAME });
    expect(validate({ ...s, verb: { id: 'answered' } }).length).toBeGreaterThan(0);
    expect(validate({ ...s, result: { ...s.result, duration: '4.2 seconds' } }).length).toBeGreaterThan(0);
  });
});

describe('statement ids', () => {
  it('are v5 UUIDs of the attempt id, stable across calls, distinct per kind', () => {
    const id = 'a0000001-0000-4a1b-8c2d-3e4f5a6b7c8d';
    expect(statementId('answered', id)).toBe('94aa2203-0fdd-5a3f-8838-0e7285a34997');
    expect(statementId('answered', id)).toBe(statementId('answered', id));
    const kinds = ['answered', 'mastered', 'session', 'placement', 'voided'] as const;
    expect(new Set(kinds.map((k) => statementId(k, id))).size).toBe(5);
  });
});

describe('attemptFromStatement', () => {
  it('rebuilds the attempt an answered statement describes, with its own id', () => {
    // xAPI durations keep hundredths of a second: a response time of 4,214 ms comes back as 4,210.
    const a = attempt(4, { answer: '3/4', hintsUsed: 2, solutionShown: false });
    const s = JSON.parse(
      JSON.stringify(answeredStatement(PROFILE, { learner: LEARNER, attempt: a, skillName: NAME })),
    );
    expect(attemptFromStatement(PROFILE.base, s)).toEqual({ ...a, params: {}, responseMs: 4210 });
  });

  it('keeps an imported question’s partial credit and key', () => {
    const a = attempt(5, {
      answer: '1,823',
      correct: false,
      responseMs: 4210,
      score: 0.5,
      questionKey: 'g0123456789abcd',
    });
    const s = JSON.parse(
      JSON.stringify(answeredStatement(PROFILE, { learner: LEARNER, attempt: a, skillName: NAME })),
    );
    expect(attemptFromStatement(PROFILE.base, s)).toEqual({ ...a, params: {} });
    // A score a file could not hold (full credit, none, out of range) is left out.
    for (const scaled of [0, 1, 1.5, '0.5']) {
      const edited = { ...s, result: { ...s.result, score: { scaled } } };
      expect(attemptFromStatement(PROFILE.base, edited)).not.toHaveProperty('score');
    }
  });

  it('refuses other statements: another verb, another base, an id that is not the attempt’s', () => {
    const a = attempt(4);
    const s = answeredStatement(PROFILE, { learner: LEARNER, attempt: a, skillName: NAME });
    expect(attemptFromStatement('https://other.example/x', s)).toBeNull();
    expect(attemptFromStatement(PROFILE.base, { ...s, id: statementId('answered', 'forged') })).toBeNull();
    expect(
      attemptFromStatement(
        PROFILE.base,
        masteredStatement(PROFILE, { learner: LEARNER, attempt: a, skillName: NAME }),
      ),
    ).toBeNull();
    expect(attemptFromStatement(PROFILE.base, null)).toBeNull();
  });

  it('reads ISO 8601 durations back', () => {
    for (const ms of [0, 4210, 61_000, 3_723_450]) expect(parseIsoDuration(isoDuration(ms))).toBe(ms);
    expect(parseIsoDuration('4 s')).toBeNull();
  });
});

describe('isoDuration', () => {
  it('writes hours, minutes and seconds to the hundredth', () => {
    expect(isoDuration(0)).toBe('PT0S');
    expect(isoDuration(4210)).toBe('PT4.21S');
    expect(isoDuration(4200)).toBe('PT4.2S');
    expect(isoDuration(61_000)).toBe('PT1M1S');
    expect(isoDuration(3_723_450)).toBe('PT1H2M3.45S');
    expect(isoDuration(-5)).toBe('PT0S');
  });
});
