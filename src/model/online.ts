/**
 * Using a trained network one learner at a time: P(correct) for candidate next items, and the
 * log loss on a slice of the learner's own history. Pure tfjs-core, no I/O (the worker and the
 * scripts both call it).
 */
import type { KtSequence } from '../core/kt-data';
import type { EncodingSpec } from './features';
import { encodeBatch } from './features';
import type { KtNet } from './kt-net';

/** Token budget of one prediction batch (memory stays ~ a few MB). */
const MAX_TOKENS = 8192;

/**
 * P(correct) for candidate next items: `seqs` are one history followed by each candidate
 * (core/kt-course candidateSequences). The shared history's memory is computed once.
 */
export async function predictCandidates(
  net: KtNet,
  spec: EncodingSpec,
  seqs: readonly KtSequence[],
): Promise<Float64Array> {
  if (seqs.length === 0) return new Float64Array(0);
  return Float64Array.from(await net.predictNext(encodeBatch(seqs, spec)));
}

/** P(correct) at the last position of each sequence (any sequences; no sharing assumed). */
export async function predictLast(
  net: KtNet,
  spec: EncodingSpec,
  seqs: readonly KtSequence[],
): Promise<Float64Array> {
  const out = new Float64Array(seqs.length);
  const longest = Math.max(1, ...seqs.map((s) => s.skills.length));
  const per = Math.max(1, Math.floor(MAX_TOKENS / longest));
  for (let a = 0; a < seqs.length; a += per) {
    const part = seqs.slice(a, a + per);
    const batch = encodeBatch(part, spec, longest);
    const p = await net.predict(batch);
    part.forEach((s, b) => {
      out[a + b] = p[b * batch.length + s.skills.length - 1]!;
    });
  }
  return out;
}

/** P(correct) at every position of one sequence (no chunking: keep it ≤ the training length). */
export async function predictAll(net: KtNet, spec: EncodingSpec, seq: KtSequence): Promise<Float64Array> {
  const p = await net.predict(encodeBatch([seq], spec));
  return Float64Array.from(p.subarray(0, seq.skills.length));
}
