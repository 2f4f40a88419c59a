import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors';
import { ancestorsOf, buildGraph, dependentsOf, descendantsOf, prerequisitesOf, rootsOf } from './graph';
import { graphMessagesEn, graphMessagesZh } from './graph-messages';
import { placeholders } from './i18n';
import { seededRng, shuffle } from './rng';
import type { Skill } from './types';

const sk = (id: string, prerequisites: string[] = []): Skill => ({
  id,
  nameKey: `skill.${id}.name`,
  prerequisites,
  strand: 'test',
  band: 1,
});

function thrown(f: () => unknown): ValidationError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('buildGraph', () => {
  it('orders prerequisites first, ties by input order', () => {
    const g = buildGraph([sk('c', ['a']), sk('b'), sk('a'), sk('d', ['c', 'b']), sk('e')]);
    // whenever several skills are ready, the earliest in the input goes next
    expect(g.order).toEqual(['b', 'a', 'c', 'd', 'e']);
    expect(g.byId.get('d')?.prerequisites).toEqual(['c', 'b']);
    expect(g.skills.map((s) => s.id)).toEqual(['c', 'b', 'a', 'd', 'e']);
  });

  it('keeps input order when there are no edges', () => {
    const ids = ['q', 'w', 'e', 'r', 't', 'y'];
    expect(buildGraph(ids.map((id) => sk(id))).order).toEqual(ids);
  });

  it('handles the empty course and repeated prerequisites', () => {
    expect(buildGraph([]).order).toEqual([]);
    expect(buildGraph([sk('a'), sk('b', ['a', 'a'])]).order).toEqual(['a', 'b']);
  });

  it('topological order respects every edge (random DAGs)', () => {
    for (let seed = 0; seed < 50; seed++) {
      const rng = seededRng(seed);
      const n = 30;
      const skills: Skill[] = [];
      for (let i = 0; i < n; i++) {
        const pre: string[] = [];
        for (let j = 0; j < i; j++) if (rng() < 0.15) pre.push(`s${j}`);
        skills.push(sk(`s${i}`, pre));
      }
      const g = buildGraph(shuffle(rng, skills));
      const pos = new Map(g.order.map((id, i) => [id, i]));
      expect(g.order).toHaveLength(n);
      expect(new Set(g.order).size).toBe(n);
      for (const s of skills) {
        for (const p of s.prerequisites) expect(pos.get(p)!).toBeLessThan(pos.get(s.id)!);
      }
    }
  });

  it('rejects duplicate ids', () => {
    const e = thrown(() => buildGraph([sk('a'), sk('b'), sk('a')]));
    expect(e.messageKey).toBe('error.graphDuplicate');
    expect(e.params).toEqual({ skill: 'a' });
  });

  it('rejects an empty id', () => {
    expect(thrown(() => buildGraph([sk('a'), sk('')])).messageKey).toBe('error.graphEmptyId');
  });

  it('rejects a missing prerequisite, naming both skills', () => {
    const e = thrown(() => buildGraph([sk('a'), sk('b', ['a', 'zz'])]));
    expect(e.messageKey).toBe('error.graphMissingPrereq');
    expect(e.params).toEqual({ skill: 'b', prerequisite: 'zz' });
  });

  it('rejects a self-loop', () => {
    const e = thrown(() => buildGraph([sk('a', ['a'])]));
    expect(e.messageKey).toBe('error.graphCycle');
    expect(e.params.cycle).toBe('a → a');
  });

  it('rejects a longer cycle and names the skills on it', () => {
    const e = thrown(() =>
      buildGraph([sk('root'), sk('a', ['root', 'c']), sk('b', ['a']), sk('c', ['b']), sk('d', ['c'])]),
    );
    expect(e.messageKey).toBe('error.graphCycle');
    const cycle = String(e.params.cycle).split(' → ');
    expect(cycle[0]).toBe(cycle[cycle.length - 1]);
    expect(new Set(cycle)).toEqual(new Set(['a', 'b', 'c']));
    // arrows point from prerequisite to dependent
    const g = new Map([
      ['a', ['root', 'c']],
      ['b', ['a']],
      ['c', ['b']],
    ]);
    for (let i = 0; i + 1 < cycle.length; i++) expect(g.get(cycle[i + 1]!)).toContain(cycle[i]);
    expect(cycle).not.toContain('root');
    expect(cycle).not.toContain('d');
  });
});

describe('graph helpers', () => {
  const g = buildGraph([
    sk('a'),
    sk('b', ['a']),
    sk('c', ['a']),
    sk('d', ['b', 'c']),
    sk('e', ['d']),
    sk('x'),
  ]);

  it('prerequisitesOf / dependentsOf are direct edges', () => {
    expect(prerequisitesOf(g, 'd')).toEqual(['b', 'c']);
    expect(prerequisitesOf(g, 'a')).toEqual([]);
    expect(dependentsOf(g, 'a')).toEqual(['b', 'c']);
    expect(dependentsOf(g, 'd')).toEqual(['e']);
    expect(dependentsOf(g, 'e')).toEqual([]);
  });

  it('ancestorsOf / descendantsOf are transitive, in topological order', () => {
    expect(ancestorsOf(g, 'e')).toEqual(['a', 'b', 'c', 'd']);
    expect(ancestorsOf(g, 'a')).toEqual([]);
    expect(descendantsOf(g, 'a')).toEqual(['b', 'c', 'd', 'e']);
    expect(descendantsOf(g, 'x')).toEqual([]);
    expect(rootsOf(g)).toEqual(['a', 'x']);
  });

  it('unknown ids throw a ValidationError', () => {
    expect(thrown(() => dependentsOf(g, 'nope')).messageKey).toBe('error.graphUnknownSkill');
    expect(thrown(() => ancestorsOf(g, 'nope')).params).toEqual({ skill: 'nope' });
  });

  it('error messages exist in both locales with the same placeholders', () => {
    expect(Object.keys(graphMessagesZh).sort()).toEqual(Object.keys(graphMessagesEn).sort());
    for (const [k, v] of Object.entries(graphMessagesEn)) {
      expect(placeholders(graphMessagesZh[k]!)).toEqual(placeholders(v));
    }
  });
});
