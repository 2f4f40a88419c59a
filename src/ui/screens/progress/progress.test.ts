import { learnerWidening, ownRecordWidening, pastForecasts, widenRange } from '../../../core/forecast';
import { seededRng, seedFrom } from '../../../core/rng';
import { describe, expect, it } from 'vitest';
import { EloModel } from '../../../core/elo';
import { summaryFromAttempts } from '../../../core/practice';
import type { Attempt, LearnerModel } from '../../../core/types';
import { mathsGraph } from '../../../content/maths';
import { learningPath } from '../../../core/path';
import {
  buildProgressView,
  dayLabel,
  forecastMessage,
  goalForecastMessage,
  goalForecastView,
} from './progress';

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 22, 12);

function attempt(i: number, daysAgo: number, correct: boolean, skillId = mathsGraph.order[0]!): Attempt {
  return {
    id: `a${i}`,
    learnerId: 'l',
    itemId: `${skillId}~1~${i}`,
    skillId,
    difficulty: 1,
    seed: i,
    params: {},
    answer: '1',
    correct,
    responseMs: 30_000,
    hintsUsed: 0,
    solutionShown: false,
    timestamp: now - daysAgo * DAY - i * 1000,
    appVersion: 'test',
  };
}

/** The progress screen's input for these attempts and this model (English, UTC, no forecasts). */
function inputFor(attempts: Attempt[], model: EloModel) {
  return {
    attempts,
    model,
    practice: summaryFromAttempts(attempts),
    graph: mathsGraph,
    now,
    tzOffsetMinutes: 0,
    locale: 'en' as const,
  };
}

function view(attempts: Attempt[]) {
  const model = new EloModel(mathsGraph);
  for (const a of [...attempts].sort((x, y) => x.timestamp - y.timestamp)) model.update(a);
  return buildProgressView(inputFor(attempts, model));
}

describe('buildProgressView', () => {
  it('counts exactly the attempts it is given', () => {
    const attempts = [attempt(1, 0, true), attempt(2, 0, false), attempt(3, 1, true), attempt(4, 20, true)];
    const v = view(attempts);
    expect(v.totals.attempts).toBe(4);
    expect(v.accuracyPercent).toBe(75);
    // 14-day window excludes the attempt from 20 days ago
    expect(v.recentAttempts).toBe(3);
    expect(v.recentCorrect).toBe(2);
    expect(v.days).toHaveLength(14);
    expect(v.days.at(-1)?.attempts).toBe(2);
    expect(v.streak.current).toBe(2);
    expect(v.totalMinutes).toBe(2);
  });

  it('shows no accuracy and empty meters before the first answer', () => {
    const v = view([]);
    expect(v.accuracyPercent).toBeNull();
    expect(v.masteredCount).toBe(0);
    for (const s of v.skills) {
      expect(s.practised).toBe(false);
      expect(s.shown).toBe(0);
    }
    expect(v.skills).toHaveLength(mathsGraph.skills.length);
  });

  it('shows the model mastery for practised skills', () => {
    const v = view([attempt(1, 0, true), attempt(2, 0, true)]);
    const first = v.skills.find((s) => s.skillId === mathsGraph.order[0]);
    expect(first?.practised).toBe(true);
    // Mastery is P(correct) at the hardest level: two right answers raise it above where a
    // learner with no answers starts.
    expect(first?.shown).toBeGreaterThan(new EloModel(mathsGraph).mastery(mathsGraph.order[0]!) + 0.1);
  });

  it('labels days from their key, independent of the machine time zone', () => {
    expect(dayLabel('2026-11-03', 'en')).toBe('11/3');
  });

  it("forecasts the answers left on a skill being learned, in a child's words", () => {
    const id = mathsGraph.order[0]!;
    const attempts = [attempt(1, 0, true), attempt(2, 0, false), attempt(3, 0, true)];
    const model = new EloModel(mathsGraph);
    for (const a of attempts) model.update(a);
    const v = buildProgressView({
      ...inputFor(attempts, model),
      cloneModel: () => EloModel.fromState(mathsGraph, model.toJSON()),
    });
    const s = v.skills.find((x) => x.skillId === id)!;
    expect(s.state).toBe('learning');
    expect(s.forecast).not.toBeNull();
    expect(forecastMessage(s.forecast!)).toEqual({
      key: 'progress.forecast',
      params: { n: s.forecast!.median },
    });
    expect(forecastMessage({ ...s.forecast!, median: s.forecast!.maxAnswers + 1 }).key).toBe(
      'progress.forecastLong',
    );
    // Only skills being learned get one.
    expect(v.skills.filter((x) => x.forecast !== null).every((x) => x.state === 'learning')).toBe(true);
  });

  it('turns the forecast into days at the learner’s pace once they have practised', () => {
    const attempts = [attempt(1, 0, true), attempt(2, 0, false), attempt(3, 0, true)];
    const model = new EloModel(mathsGraph);
    for (const a of attempts) model.update(a);
    const v = buildProgressView({
      ...inputFor(attempts, model),
      cloneModel: () => EloModel.fromState(mathsGraph, model.toJSON()),
    });
    const s = v.skills.find((x) => x.skillId === mathsGraph.order[0])!;
    expect(s.days).not.toBeNull();
    // Three answers today, all on this skill: the median in days is the answers divided by 3.
    expect(s.days!.median).toBe(Math.max(1, Math.ceil(s.forecast!.median / 3)));
    expect(forecastMessage(s.forecast!, s.days)).toEqual({
      key: 'progress.forecastDays',
      params: { n: s.forecast!.median, d: s.days!.median },
    });
  });

  it('forecasts the answers and days to a goal, in a child’s words, and nothing once it is reached', () => {
    const attempts = [attempt(1, 0, true), attempt(2, 0, false), attempt(3, 0, true)];
    const model = new EloModel(mathsGraph);
    for (const a of attempts) model.update(a);
    const clone = () => EloModel.fromState(mathsGraph, model.toJSON());
    // A goal three skills into the course: its path's open steps, in order.
    const goal = mathsGraph.order.find(
      (id) => learningPath(mathsGraph, model, id).filter((s) => !s.done).length >= 3,
    )!;
    const steps = learningPath(mathsGraph, model, goal)
      .filter((s) => !s.done)
      .map((s) => s.skillId);
    const g = goalForecastView({ attempts, steps, now, tzOffsetMinutes: 0, cloneModel: clone })!;
    expect(g.forecast.skillId).toBe(goal);
    expect(g.forecast.steps).toBe(steps.length);
    expect(g.forecast.maxAnswers).toBe(60 * steps.length);
    // More than the first step alone.
    const first = goalForecastView({
      attempts,
      steps: steps.slice(0, 1),
      now,
      tzOffsetMinutes: 0,
      cloneModel: clone,
    })!;
    expect(g.forecast.median).toBeGreaterThan(first.forecast.median);
    expect(g.days).not.toBeNull();
    expect(goalForecastMessage(g.forecast, g.days)).toEqual({
      key: 'progress.goalForecastDays',
      params: { n: g.forecast.median, d: g.days!.median },
    });
    expect(goalForecastMessage(g.forecast, null).key).toBe('progress.goalForecast');
    expect(goalForecastMessage({ ...g.forecast, median: g.forecast.maxAnswers + 1 }, null).key).toBe(
      'progress.goalForecastLong',
    );
    expect(goalForecastView({ attempts, steps: [], now, tzOffsetMinutes: 0, cloneModel: clone })).toBeNull();
  });

  it('widens the ranges by how the forecasts did on the learner’s own history', () => {
    // A history the forecasts miss: a learner who took long on the first two skills (two right,
    // twelve wrong, then right), then mastered the next ones in a few answers where the forecasts,
    // made from a low accuracy, said many. The last skill is only begun: one to forecast.
    const model = new EloModel(mathsGraph);
    const attempts: Attempt[] = [];
    let n = 0;
    const firsts = mathsGraph.order.slice(0, 6);
    for (const [s, id] of firsts.entries()) {
      const last = s === firsts.length - 1;
      for (let k = 0; k < (last ? 3 : 40) && !model.mastered(id); k++) {
        const right = last ? k === 0 : s >= 2 || k < 2 || k >= 14;
        const a = {
          ...attempt(n, 0, right),
          id: `w${n}`,
          skillId: id,
          itemId: `${id}~3~${n}`,
          difficulty: 3 as const,
          timestamp: now - 86_400_000 + n * 30_000,
        };
        model.update(a);
        attempts.push(a);
        n++;
      }
    }
    const clone = () => EloModel.fromState(mathsGraph, model.toJSON());
    const replay = {
      fresh: () => new EloModel(mathsGraph),
      copy: (m: LearnerModel) => EloModel.fromState(mathsGraph, (m as EloModel).toJSON()),
    };
    const input = { ...inputFor(attempts, model), cloneModel: clone };
    const plain = buildProgressView(input);
    const own = buildProgressView({ ...input, replay });
    const factor = learnerWidening(
      pastForecasts(attempts, replay.fresh, replay.copy, seededRng(seedFrom('widening'))),
    );
    const learningSkills = plain.skills.filter((s) => s.forecast !== null);
    // This history widens the range (so the test tells a wired widening from none).
    expect(factor).toBeGreaterThan(1);
    expect(ownRecordWidening(attempts, replay.fresh, replay.copy)).toBe(factor);
    expect(learningSkills.length).toBeGreaterThan(0);
    for (const s of learningSkills) {
      const w = own.skills.find((x) => x.skillId === s.skillId)!;
      expect(w.forecast).toEqual(factor === 1 ? s.forecast : widenRange(s.forecast!, factor));
    }
    // The goal card gets the same factor for the whole way to a goal.
    expect(own.widening).toBe(factor);
    expect(plain.widening).toBe(1);
    const steps = mathsGraph.order.slice(5, 9);
    const goal = { attempts, steps, now, tzOffsetMinutes: 0, cloneModel: clone };
    const unwidened = goalForecastView(goal)!;
    const widened = goalForecastView({ ...goal, widening: own.widening })!;
    expect(widened.forecast).toEqual(widenRange(unwidened.forecast, factor));
    expect(widened.forecast.median).toBe(unwidened.forecast.median);
    expect(widened.forecast.high - widened.forecast.low).not.toBe(
      unwidened.forecast.high - unwidened.forecast.low,
    );
  });
});
