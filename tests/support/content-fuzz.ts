/**
 * Fuzzing the content-pack import (issue 5): random and mutated files through the whole path a
 * teacher's file takes — parseContentPack → sanitise (DOMPurify in the browser) → one-transaction
 * install — with failures injected inside the transaction. Invariants, per case:
 *
 * - nothing escapes but a catalogued `content.*` ValidationError (or the injected failure);
 * - a rejected file, or an injected failure, leaves the stored packs exactly as they were;
 * - an accepted file is stored whole (equal to what parse + sanitise give), replacing only the
 *   row with its own id, and every stored rich text holds only allow-listed tags without
 *   attributes (no `<` left once those are removed) and is a fixed point of the sanitiser.
 *
 * Used by src/app/content.fuzz.test.ts (Node, few cases), tests/e2e/content.e2e.ts (Chromium,
 * real DOMPurify) and lab/bench/fuzz-content.browser.ts (`npm run bench`, ≥ 10,000 cases).
 */
import fc from 'fast-check';
import type { ContentPack, LocalText } from '../../src/core/content-pack';
import { contentMessagesEn } from '../../src/core/content-pack-messages';
import { samplePackDoc, XSS_PAYLOADS } from './content-pack.sample';
import { ValidationError } from '../../src/core/errors';
import type { ContentPackRecord, LanternDB } from '../../src/storage/db';
import { ContentPackRepo } from '../../src/storage/content-packs';
import { ContentService } from '../../src/app/content';
import { readContentPack } from '../../src/app/content-read';
import type { Sanitise } from '../../src/app/sanitise';

export interface ContentFuzzCase {
  readonly label: string;
  readonly text: string;
}

type Path = (string | number)[];
type Json = unknown;

const ALLOWED = /<\/?(b|i|em|strong|sup|sub|br|p|ul|ol|li|code)>/g;

/** True when `html` holds only allow-listed tags without attributes. */
export function isSafeRichText(html: string): boolean {
  return !html.replace(ALLOWED, '').includes('<');
}

function pathsOf(v: Json, p: Path = [], out: Path[] = []): Path[] {
  out.push(p);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...p, i], out));
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v as Record<string, Json>)) pathsOf(x, [...p, k], out);
  }
  return out;
}

function setAt(doc: Json, path: Path, mode: 'set' | 'delete', value?: Json, key?: string): Json {
  if (path.length === 0) return mode === 'set' ? value : doc;
  let o = doc as Record<string | number, Json>;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  if (mode === 'delete') {
    if (Array.isArray(o)) o.splice(Number(last), 1);
    else delete o[last];
  } else if (key !== undefined && o[last] !== null && typeof o[last] === 'object') {
    Object.defineProperty(o[last], key, { value, enumerable: true, configurable: true, writable: true });
  } else o[last] = value;
  return doc;
}

const TAGS = [
  'b',
  'i',
  'p',
  'img',
  'svg',
  'math',
  'script',
  'style',
  'a',
  'iframe',
  'mglyph',
  'mtext',
  'table',
  'noscript',
  'template',
  'form',
  'code',
  'ul',
  'li',
];
const ATTRS = [
  'onerror',
  'onload',
  'href',
  'src',
  'style',
  'xlink:href',
  'class',
  'id',
  'title',
  'srcdoc',
  'is',
];
const VALUES = [
  'javascript:window.__xss=1',
  'window.__xss=1',
  'x',
  '"><img src=x onerror=window.__xss=1>',
  'data:text/html,<script>window.__xss=1</script>',
];

/** Random tag soup: nested, unclosed and attribute-laden tags around payloads. */
const tagSoup: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom(...XSS_PAYLOADS),
      fc.string({ maxLength: 12 }),
      fc
        .tuple(
          fc.constantFrom(...TAGS),
          fc.constantFrom('', ...ATTRS),
          fc.constantFrom(...VALUES),
          fc.boolean(),
        )
        .map(([t, a, v, close]) => `<${t}${a ? ` ${a}="${v}"` : ''}>${close ? `</${t}>` : ''}`),
      fc.constantFrom('<!--', '-->', '</', '<![CDATA[', ']]>', '&lt;script&gt;', '<!DOCTYPE html>', '\u0000'),
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((xs) => `ok ${xs.join('')}`);

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];
const HUGE = [1e308, -1e308, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, -0, 0.5];

/** Cases built around a valid pack with XSS payloads in every rich text. */
export function contentFuzzArb(): fc.Arbitrary<ContentFuzzCase> {
  const baseDoc = samplePackDoc({ xss: true });
  const base = JSON.stringify(baseDoc);
  const L = base.length;
  const paths = pathsOf(baseDoc);
  const richPaths = paths.filter(
    (p) => ['en', 'zh-CN'].includes(String(p[p.length - 1])) && p.includes('items'),
  );
  const clone = (): Json => JSON.parse(base) as Json;
  const doc = (label: string, f: (d: Json) => Json): ContentFuzzCase => {
    let text: string;
    try {
      text = JSON.stringify(f(clone())) ?? '';
    } catch {
      text = '';
    }
    return { label, text };
  };
  const at = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;
  const pos = fc.nat();
  return fc.oneof(
    fc.string({ maxLength: 200 }).map((text) => ({ label: 'random string', text })),
    fc.jsonValue({ maxDepth: 4 }).map((v) => ({ label: 'random json', text: JSON.stringify(v) ?? '' })),
    fc.jsonValue({ maxDepth: 3 }).map((v) =>
      doc('random json with our header', () => ({
        ...(v !== null && typeof v === 'object' && !Array.isArray(v) ? v : { v }),
        format: 'lantern-content',
        formatVersion: 1,
      })),
    ),
    fc.tuple(pos, fc.string({ minLength: 1, maxLength: 1 })).map(([p, c]) => ({
      label: 'byte flip',
      text: base.slice(0, p % L) + c + base.slice((p % L) + 1),
    })),
    pos.map((p) => ({ label: 'truncation', text: base.slice(0, p % L) })),
    fc.tuple(pos, fc.nat(40), fc.string({ maxLength: 20 })).map(([p, n, s]) => ({
      label: 'splice',
      text: base.slice(0, p % L) + s + base.slice((p % L) + n),
    })),
    fc.nat(paths.length - 1).map((i) => doc('field deletion', (d) => setAt(d, at(paths, i), 'delete'))),
    fc
      .tuple(fc.nat(paths.length - 1), fc.jsonValue({ maxDepth: 2 }))
      .map(([i, v]) => doc('type swap', (d) => setAt(d, at(paths, i), 'set', v))),
    fc
      .tuple(fc.nat(paths.length - 1), fc.constantFrom(...HUGE))
      .map(([i, v]) => doc('huge number', (d) => setAt(d, at(paths, i), 'set', v))),
    fc
      .tuple(fc.nat(paths.length - 1), fc.constantFrom(...PROTO_KEYS), fc.jsonValue({ maxDepth: 1 }))
      .map(([i, k, v]) => doc('prototype key', (d) => setAt(d, at(paths, i), 'set', v, k))),
    fc.nat(5000).map((n) => ({
      label: 'deep nesting',
      text: base.replace('"band":1', `"band":${'['.repeat(n)}${']'.repeat(n)}`),
    })),
    // Accepted files with hostile rich text: the sanitiser must leave nothing executable.
    fc
      .tuple(
        fc.array(fc.tuple(fc.nat(richPaths.length - 1), tagSoup), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('shapes', 'more-shapes', 'angles'),
        fc.integer({ min: 1, max: 3 }),
      )
      .map(([edits, id, version]) =>
        doc('xss text', (d) => {
          for (const [i, html] of edits) setAt(d, at(richPaths, i), 'set', html);
          (d as Record<string, Json>).id = id;
          (d as Record<string, Json>).version = version;
          return d;
        }),
      ),
    fc
      .tuple(fc.constantFrom('nope', 'angles', 'sides', 'placeValue', 'shapes:sides', ''), fc.nat(1))
      .map(([pre, i]) =>
        doc('prerequisite edit', (d) => {
          ((d as { skills: Record<string, Json>[] }).skills[i] as Record<string, Json>).prerequisites = [pre];
          return d;
        }),
      ),
    fc.constant(doc('valid', (d) => d)),
  );
}

export interface ContentFuzzEnv {
  readonly db: LanternDB;
  readonly sanitise: Sanitise;
}

export interface ContentFuzzOutcome {
  readonly accepted: boolean;
  readonly key?: string;
  readonly import?: 'installed' | 'rolledBack';
}

export class ContentFuzzFailure extends Error {
  override readonly name = 'ContentFuzzFailure';
}

const KNOWN = new Set(Object.keys(contentMessagesEn));

/** The packs a target device already holds: 'angles' v5 (so older re-imports are refused) and 'shapes' v1. */
export async function seedContentFuzzDb(env: ContentFuzzEnv): Promise<void> {
  await env.db.contentPacks.clear();
  const svc = new ContentService(new ContentPackRepo(env.db), env.sanitise, () => 1);
  await svc.importText(JSON.stringify({ ...samplePackDoc(), id: 'angles', version: 5 }));
  await svc.importText(JSON.stringify(samplePackDoc()));
}

function texts(p: ContentPack): string[] {
  const out: string[] = [];
  const add = (t: LocalText | undefined) => {
    if (t?.en !== undefined) out.push(t.en);
    if (t?.['zh-CN'] !== undefined) out.push(t['zh-CN']);
  };
  for (const s of p.skills) {
    for (const it of s.items) {
      add(it.prompt);
      add(it.hint);
      for (const st of it.solution ?? []) add(st);
    }
  }
  return out;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Runs one case (see the module comment); `inject` makes the install throw inside its transaction. */
export async function runContentFuzzCase(
  c: ContentFuzzCase,
  env: ContentFuzzEnv,
  inject: boolean,
): Promise<ContentFuzzOutcome> {
  const before: ContentPackRecord[] = await env.db.contentPacks.toArray();
  const svc = new ContentService(new ContentPackRepo(env.db), env.sanitise, () => 99);
  const unchanged = async (why: string) => {
    if (!same(await env.db.contentPacks.toArray(), before)) {
      throw new ContentFuzzFailure(`[${c.label}] ${why} left the stored packs changed`);
    }
  };
  let result;
  try {
    result = await svc.importText(c.text, {
      beforeCommit: inject
        ? () => {
            throw new Error('injected failure');
          }
        : undefined,
    });
  } catch (e) {
    if (e instanceof ValidationError && KNOWN.has(e.messageKey)) {
      await unchanged(`rejection ${e.messageKey}`);
      return { accepted: false, key: e.messageKey };
    }
    if (inject && e instanceof Error && e.message === 'injected failure') {
      await unchanged('an injected failure');
      return { accepted: true, import: 'rolledBack' };
    }
    throw new ContentFuzzFailure(`[${c.label}] import threw ${String(e)}`, { cause: e });
  }
  try {
    return await checkInstalled(c, env, result.id, before, inject);
  } finally {
    // Back to the seeded state, so cases stay independent (even after a failed check).
    await env.db.transaction('rw', env.db.contentPacks, async () => {
      await env.db.contentPacks.clear();
      await env.db.contentPacks.bulkPut(before);
    });
  }
}

async function checkInstalled(
  c: ContentFuzzCase,
  env: ContentFuzzEnv,
  id: string,
  before: ContentPackRecord[],
  inject: boolean,
): Promise<ContentFuzzOutcome> {
  const result = { id };
  if (inject) throw new ContentFuzzFailure(`[${c.label}] the injected failure did not stop the import`);
  const after = await env.db.contentPacks.toArray();
  const expected = readContentPack(c.text, env.sanitise);
  const row = after.find((r) => r.id === result.id);
  if (!row || !same(row.pack, expected) || row.version !== expected.version || row.importedAt !== 99) {
    throw new ContentFuzzFailure(`[${c.label}] the stored pack is not the parsed, sanitised file`);
  }
  const others = (xs: ContentPackRecord[]) => xs.filter((r) => r.id !== result.id);
  if (!same(others(after), others(before))) throw new ContentFuzzFailure(`[${c.label}] another pack changed`);
  for (const html of texts(row.pack as ContentPack)) {
    if (!isSafeRichText(html)) throw new ContentFuzzFailure(`[${c.label}] unsafe stored text: ${html}`);
    if (env.sanitise(html) !== html) {
      throw new ContentFuzzFailure(`[${c.label}] stored text not stable: ${html}`);
    }
  }
  return { accepted: true, import: 'installed' };
}

export interface ContentFuzzSummary {
  readonly cases: number;
  readonly rejected: number;
  readonly installed: number;
  readonly rolledBack: number;
  readonly uncaught: number;
  readonly ms: number;
  readonly byKey: Record<string, number>;
  readonly byLabel: Record<string, number>;
  readonly firstFailures: string[];
}

/** Runs `cases` cases from a fixed seed; every third case gets a failure injected. */
export async function runContentFuzz(
  env: ContentFuzzEnv,
  cases: number,
  seed: number,
  now: () => number,
): Promise<ContentFuzzSummary> {
  await seedContentFuzzDb(env);
  const samples = fc.sample(contentFuzzArb(), { numRuns: cases, seed });
  let rejected = 0;
  let installed = 0;
  let rolledBack = 0;
  let uncaught = 0;
  const byKey: Record<string, number> = {};
  const byLabel: Record<string, number> = {};
  const firstFailures: string[] = [];
  const t0 = now();
  for (const [i, c] of samples.entries()) {
    byLabel[c.label] = (byLabel[c.label] ?? 0) + 1;
    try {
      const o = await runContentFuzzCase(c, env, i % 3 === 2);
      if (!o.accepted) {
        rejected += 1;
        byKey[o.key!] = (byKey[o.key!] ?? 0) + 1;
      } else if (o.import === 'installed') installed += 1;
      else rolledBack += 1;
    } catch (e) {
      uncaught += 1;
      if (firstFailures.length < 5) firstFailures.push(`case ${i} (${c.label}): ${String(e)}`);
    }
  }
  return {
    cases,
    rejected,
    installed,
    rolledBack,
    uncaught,
    ms: Math.round(now() - t0),
    byKey,
    byLabel,
    firstFailures,
  };
}
