import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { attemptsToSequence, candidateSequences, COURSE_CONTEXT_FEATURES, ktCourse } from '../core/kt-course';
import type { KtAttempt } from '../core/kt-course';
import { buildGraph } from '../core/graph';
import type { Difficulty, Skill } from '../core/types';
import { predictCandidates, predictLast } from './online';
import { tf } from './tf';
import { createNet } from './train';

/** A small course: 12 skills in a chain with a few side branches. */
const skillList: Skill[] = Array.from({ length: 12 }, (_, i) => ({
  id: `s${i}`,
  nameKey: `skill.s${i}`,
  prerequisites: i === 0 ? [] : i % 4 === 0 ? [`s${i - 1}`, `s${i - 3}`] : [`s${i - 1}`],
  strand: i < 6 ? 'number' : 'algebra',
  band: 1 + Math.floor(i / 4),
}));
const courseGraph = buildGraph(skillList);

const spec = { skillBuckets: 64, itemBuckets: 0, contextFeatures: COURSE_CONTEXT_FEATURES };

function history(n: number): KtAttempt[] {
  const ids = courseGraph.order;
  return Array.from({ length: n }, (_, i) => ({
    skillId: ids[(i * 7) % 11]!,
    difficulty: (1 + (i % 3)) as Difficulty,
    correct: (i * 5) % 7 > 2,
    timestamp: 1.7e12 + i * 45_000,
    responseMs: 2000 + (i % 5) * 700,
    hintsUsed: i % 9 === 0 ? 1 : 0,
  }));
}

const candidates = courseGraph.order
  .slice(0, 12)
  .flatMap((skillId) => ([1, 2, 3] as const).map((difficulty) => ({ skillId, difficulty })));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('predicting the next item', () => {
  it('gives the same P(correct) with the shared-memory path as the full batch', async () => {
    const net = createNet(spec, { dModel: 16, slots: 4, valueDim: 4, hidden: 16 }, 7);
    // Perturb the zero-initialised biases so every part of the head matters.
    for (const [name, v] of net.weights) {
      if (name === 'skillBias' || name === 'inBias') v.assign(tf.randomNormal(v.shape, 0, 0.5, 'float32', 3));
    }
    const course = ktCourse(courseGraph, 64);
    for (const n of [0, 1, 37, 250]) {
      const { sequence, after } = attemptsToSequence(history(n), course);
      const seqs = candidateSequences(sequence, after, candidates, 1.7e12 + n * 45_000 + 3_600_000);
      const fast = await predictCandidates(net, spec, seqs);
      const full = await predictLast(net, spec, seqs);
      expect(fast).toHaveLength(candidates.length);
      for (let i = 0; i < fast.length; i++) expect(fast[i]).toBeCloseTo(full[i]!, 5);
      // Candidates differ (skill, level and context all reach the output).
      expect(new Set([...fast].map((p) => p.toFixed(6))).size).toBeGreaterThan(candidates.length / 2);
    }
    net.dispose();
  });

  it('leaves tf.memory().numTensors unchanged', async () => {
    const net = createNet(spec, { dModel: 16, slots: 4, valueDim: 4, hidden: 16 }, 7);
    const { sequence, after } = attemptsToSequence(history(30), ktCourse(courseGraph, 64));
    const seqs = candidateSequences(sequence, after, candidates, 1.8e12);
    const before = tf.memory().numTensors;
    await predictCandidates(net, spec, seqs);
    expect(tf.memory().numTensors).toBe(before);
    net.dispose();
  });
});

describe('course context', () => {
  it('describes an interaction only by what came before it', () => {
    const course = ktCourse(courseGraph, 64);
    const h = history(60);
    const flipped = h.map((a, i) => (i >= 40 ? { ...a, correct: !a.correct } : a));
    const a = attemptsToSequence(h, course).sequence.context!;
    const b = attemptsToSequence(flipped, course).sequence.context!;
    const E = COURSE_CONTEXT_FEATURES;
    expect(a.subarray(0, 41 * E)).toEqual(b.subarray(0, 41 * E));
    expect(a.subarray(41 * E)).not.toEqual(b.subarray(41 * E));
  });

  it('rates prerequisites: readiness rises as they are answered correctly', () => {
    const course = ktCourse(courseGraph, 64);
    const target = courseGraph.order.find((id) => course.prerequisites(id).length === 1)!;
    const prereq = course.prerequisites(target)[0]!;
    const right = Array.from({ length: 6 }, (_, i) => ({
      ...history(1)[0]!,
      skillId: prereq,
      correct: true,
      timestamp: i,
    }));
    const wrong = right.map((a) => ({ ...a, correct: false }));
    const ready = attemptsToSequence(right, course).after.contextFor(target, 2);
    const notReady = attemptsToSequence(wrong, course).after.contextFor(target, 2);
    const fresh = attemptsToSequence([], course).after.contextFor(target, 2);
    expect(ready[0]).toBeGreaterThan(0.3);
    expect(notReady[0]).toBeLessThan(-0.3);
    expect(fresh[0]).toBe(0);
    expect(fresh[1]).toBe(1); // the prerequisite is unpractised
    expect(ready[1]).toBe(0);
    expect(fresh[4]).toBe(0); // level 2
    expect(attemptsToSequence([], course).after.contextFor(target, 3)[4]).toBe(1);
  });

  it('gives every bundled skill its own row, and an unknown skill a stable one', () => {
    const course = ktCourse(courseGraph);
    const rows = courseGraph.order.map((id) => course.rowOf(id));
    expect(new Set(rows).size).toBe(rows.length);
    expect(course.rowOf('pack:new-skill')).toBe(course.rowOf('pack:new-skill'));
    expect(course.rowOf('pack:new-skill')).toBeGreaterThan(0);
    expect(course.depth(courseGraph.order[0]!)).toBe(0);
    expect(Math.max(...courseGraph.order.map((id) => course.depth(id)))).toBeGreaterThan(2);
  });
});
