/**
 * The tutor's guards (issue 13), each a pure function of one sentence: the sentence splitter for
 * the token stream, links, questions about people, the answer given away, and a reply that
 * contradicts the worked solution. core/tutor.ts runs them on each sentence before it is shown.
 */
import type { Locale } from './i18n';
import { checkItemAnswer, htmlText, isQuestion } from './item-answer';
import { foldText } from './question';
import type { ItemAnswer } from './types';
import {
  evaluate,
  numberCandidates,
  numberTokens,
  numberValue,
  readNumerals,
  sameValue,
  valueKey,
} from './tutor-numbers';

// ---------------------------------------------------------------------------------------------
// Sentences

/** Closing quotes and brackets that belong to the sentence they follow. */
const CLOSERS = '"\'”’」』）)]';
const CJK_END = '。？！；';
/** Words whose "." is not a full stop ("e.g. 3.5"). */
const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'e.g',
  'eg',
  'i.e',
  'ie',
  'etc',
  'mr',
  'mrs',
  'ms',
  'dr',
  'vs',
  'approx',
  'cf',
  'fig',
]);
/** A sentence with no end gets cut here (at a space not inside a number). */
export const MAX_SENTENCE_CHARS = 300;
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * Splits a token stream into sentences: after "。？！；" (Chinese), after ".", "?" or "!" followed
 * by a space (English; also "?"/"!" right before Chinese text), and at a newline. A "." inside a
 * number (3.5), after an abbreviation (e.g., i.e., Mr.) or after a list number ("2. Add…") does
 * not end a sentence. A terminator at the very end of what has arrived waits for the next piece
 * (it may be "3." of "3.5"); `flush` ends the stream.
 */
export class SentenceSplitter {
  #buf = '';
  #scan = 0;

  push(piece: string): string[] {
    this.#buf += piece;
    const out: string[] = [];
    let i = this.#scan;
    while (i < this.#buf.length) {
      const end = this.#endAt(i);
      if (end === 'wait') break;
      if (end === null) {
        i++;
        continue;
      }
      this.#emit(end, out);
      i = 0;
    }
    this.#scan = i;
    while (this.#buf.length > MAX_SENTENCE_CHARS) {
      this.#emit(cutAt(this.#buf), out);
      this.#scan = 0;
    }
    return out;
  }

  /** The rest of the stream, as a last sentence (none if only spaces). */
  flush(): string[] {
    const rest = this.#buf.trim();
    this.#buf = '';
    this.#scan = 0;
    return rest ? [rest] : [];
  }

  #emit(end: number, out: string[]): void {
    const s = this.#buf.slice(0, end).trim();
    this.#buf = this.#buf.slice(end);
    if (s) out.push(s);
  }

  /** Where a sentence ending at `i` is cut, `null` if none ends there, `wait` if it cannot tell yet. */
  #endAt(i: number): number | null | 'wait' {
    const b = this.#buf;
    const c = b[i] ?? '';
    if (c === '\n' || c === '\r') return i + 1;
    const cjk = CJK_END.includes(c);
    if (!cjk && !'.?!'.includes(c)) return null;
    let j = i + 1;
    while (j < b.length && ('.?!'.includes(b[j] ?? '') || CLOSERS.includes(b[j] ?? ''))) j++;
    if (j >= b.length) return 'wait';
    if (cjk) return j;
    const next = b[j] ?? '';
    if (c !== '.' && CJK.test(next)) return j;
    if (!/\s/.test(next)) return null;
    if (c === '.' && j === i + 1) {
      const before = b.slice(0, i);
      const word = /([A-Za-z.]+)$/.exec(before)?.[1]?.toLowerCase();
      if (word && ABBREVIATIONS.has(word)) return null;
      if (/^\s*(?:\d{1,2}|[a-z])$/i.test(before)) return null;
    }
    return j;
  }
}

/** Where an over-long sentence is cut: the last space before the limit that is not inside "1 3/4". */
function cutAt(s: string): number {
  for (let k = MAX_SENTENCE_CHARS; k > MAX_SENTENCE_CHARS / 2; k--) {
    if (/\s/.test(s[k] ?? '') && !(/\d/.test(s[k - 1] ?? '') && /\d/.test(s[k + 1] ?? ''))) return k + 1;
  }
  return MAX_SENTENCE_CHARS;
}

// ---------------------------------------------------------------------------------------------
// Links

const LINKS: readonly RegExp[] = [
  /\b[a-z][a-z0-9+.-]*:\/\//i, // any URL with a scheme
  /\bwww\./i,
  /\bmailto:/i,
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/, // an email address
  /\[[^\]]*\]\([^)]*\)/, // a markdown link
  /\b[a-z0-9-]+\.(?:com|org|net|edu|gov|io|cn|uk|info|app|dev|ai|me|co)\b/i, // a bare domain
];

/** Whether a sentence holds a URL, `www.`, an email address or a markdown link. */
export function hasLink(sentence: string): boolean {
  const s = sentence.normalize('NFKC');
  return LINKS.some((r) => r.test(s));
}

// ---------------------------------------------------------------------------------------------
// Questions about the child or other people: declined before the model sees them

const PEOPLE_EN =
  '(?:mum|mom|mummy|mommy|dad|daddy|mother|father|parents?|brothers?|sisters?|grandma|grandpa|granny|grandmother|grandfather|aunt|uncle|cousins?|family|(?:best )?friends?|teachers?|classmates?|neighbou?rs?|boyfriend|girlfriend)';

/**
 * English rules, matched on the lower-cased question (apostrophes straightened). They decline a
 * question *about* a person, not one that mentions "my": "why is my answer wrong?", "my teacher
 * said to carry the one, why?" and "who is right, 3/4 or 0.75?" pass.
 */
const PERSONAL_EN: readonly RegExp[] = [
  // the child's identity and whereabouts
  /\bwhat(?:'s| is| was)? my (?:name|full name|surname|last name|first name|age|address|phone|email|school|password|pin)\b/,
  /\b(?:who|what) am i\b/,
  /\bhow old am i\b/,
  /\bwhere do i live\b/,
  /\bwhere (?:is|'s) my (?:house|home|school|flat|room)\b/,
  /\bdo you (?:know|remember) (?:me|who i am|where i live|my name|how old i am)\b/,
  /\bwhat do you know about (?:me|my|him|her|them)\b/,
  // people the child knows
  new RegExp(`\\b(?:who|what|where|how old)(?: is| are| was| were|'s|'re)? my ${PEOPLE_EN}\\b`),
  new RegExp(`\\bmy ${PEOPLE_EN}(?:'s?)? (?:name|age|birthday|address|phone|email|number|house|home)\\b`),
  new RegExp(`\\b(?:tell me|talk) (?:something )?about (?:me|myself|him|her|them|my ${PEOPLE_EN})\\b`),
  /\bwhere (?:do|does|did) (?:he|she|they) live\b/,
  // personal data, anyone's
  /\b(?:phone number|telephone number|mobile number|home address|email address|e-mail address|password|passcode|date of birth|postcode|post code|zip code|passport|social security)\b/,
  /\b(?:my|his|her|their|your) (?:address|phone|birthday)\b/,
  /\bwhen is (?:my|his|her|their|\w+'s) birthday\b/,
];

/** Named people, matched with the question's own capitals: "Who is Tom?", "Where does Anna live?". */
const NAMED_EN: readonly RegExp[] = [
  /\b[Ww]ho(?: is|'s| was) (?!The\b|This\b|That\b|It\b|I\b)[A-Z][a-z]+/,
  /\b[Ww]here (?:does|did) (?!It\b)[A-Z][a-z]+ live\b/,
  /\b[Dd]o you know (?!How\b|What\b|Why\b|If\b)[A-Z][a-z]+\b/,
  /\b[A-Z][a-z]+'s (?:phone|address|birthday|age|house|home|email)\b/,
];

const PEOPLE_ZH =
  '(?:老师|班主任|同学|朋友|好朋友|爸爸|妈妈|父亲|母亲|父母|爷爷|奶奶|外公|外婆|姥姥|姥爷|哥哥|姐姐|弟弟|妹妹|家人|邻居|叔叔|阿姨)';

/**
 * Chinese rules, matched on the question without spaces. "为什么我的答案是错的？", "我的作业里
 * 这道题怎么做？", "老师说要进位，为什么？", "谁是对的？" and "记住这个方法" pass.
 */
const PERSONAL_ZH: readonly RegExp[] = [
  /我(?:叫|的名字|名字)(?:是|叫)?(?:什么|啥)/,
  /我是谁/,
  /你(?:知道|认识|记得)我(?:吗|嘛|是谁|住|叫|的名字|几岁|多大|家|的)/,
  /我(?:家)?住(?:在)?(?:哪|什么地方)/,
  /我家在(?:哪|什么地方)/,
  /我(?:今年)?(?:几岁|多大了?|的年龄|的生日)/,
  new RegExp(
    `(?:我的?|我们的?)${PEOPLE_ZH}(?:是谁|叫什么|叫啥|的名字|在哪|住在|住哪|几岁|多大|怎么样|的电话|的地址|的生日|的事|是什么样)`,
  ),
  new RegExp(`谁是我的?${PEOPLE_ZH}`),
  new RegExp(
    `(?:告诉我|说说|讲讲|谈谈|介绍)(?:一下)?(?:关于)?(?:(?:我的?|我们的?)${PEOPLE_ZH}|我自己|他们|她们|他|她)`,
  ),
  /是谁/,
  /谁是(?!对|错|正确|错误)/,
  /(?:电话|手机号|号码是多少|地址|住址|邮箱|电子邮件|密码|身份证|出生日期|生日是)/,
];

/**
 * Whether a learner's free question is about the child or other people (declined before any
 * generation, so it never reaches the model). Rules above, in both languages whatever the
 * interface language: a child may type either. Also an email address typed into the question.
 */
export function isPersonalQuestion(question: string): boolean {
  const q = question.normalize('NFKC').replace(/[‘’`´]/g, "'");
  const lower = q.toLowerCase().replace(/\s+/g, ' ');
  if (PERSONAL_EN.some((r) => r.test(lower))) return true;
  if (NAMED_EN.some((r) => r.test(q))) return true;
  const zh = q.replace(/\s+/g, '');
  if (PERSONAL_ZH.some((r) => r.test(zh))) return true;
  return /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/.test(q);
}

// ---------------------------------------------------------------------------------------------
// Guard 1: the answer given away before the learner has answered

/** Accepted by the checker as the answer, in the asked form or another ("form"): either gives it away. */
function accepted(answer: ItemAnswer, candidate: string, locale: Locale): boolean {
  const s = checkItemAnswer(answer, candidate, locale).status;
  return s === 'correct' || s === 'form';
}

/** Does `hay` contain `needle` as a whole term (letters and digits do not run on either side)? */
function containsTerm(hay: string, needle: string): boolean {
  if (needle === '') return false;
  const edge = /[\p{Script=Latin}\d]/u;
  let from = 0;
  for (;;) {
    const at = hay.indexOf(needle, from);
    if (at < 0) return false;
    const before = hay[at - 1] ?? '';
    const after = hay[at + needle.length] ?? '';
    const beforeOk = !edge.test(needle[0] ?? '') || !(edge.test(before) || /[.,/]/.test(before));
    const afterOk =
      !edge.test(needle[needle.length - 1] ?? '') ||
      !(edge.test(after) || (/[.,/]/.test(after) && /\d/.test(hay[at + needle.length + 1] ?? '')));
    if (beforeOk && afterOk) return true;
    from = at + 1;
  }
}

/** The options of a choice item as folded plain text, by index. */
function optionTexts(answer: ItemAnswer): string[] {
  if (!isQuestion(answer)) return answer.kind === 'choice' ? answer.choices.map((c) => foldText(c)) : [];
  if (answer.kind === 'single' || answer.kind === 'multiple') {
    return answer.options.map((o) => foldText(htmlText(o.html)));
  }
  return [];
}

/** Both the sentence as written and with its numbers as digits, folded: where options and words are looked for. */
function searchTexts(sentence: string): string[] {
  return [...new Set([foldText(sentence), foldText(readNumerals(sentence))])];
}

/** Word n-grams (Latin) and character runs (CJK) a short text answer could be. */
function textCandidates(sentence: string, maxWords: number, maxChars: number): string[] {
  const out = new Set<string>();
  const folded = foldText(sentence);
  const words = folded.split(/[\s,.;:!?"'()[\]，。；：！？、“”‘’（）「」]+/u).filter(Boolean);
  for (let n = 1; n <= maxWords; n++) {
    for (let i = 0; i + n <= words.length; i++) out.add(words.slice(i, i + n).join(' '));
  }
  for (const run of folded.match(/[\u3400-\u9fff\uf900-\ufaff]+/gu) ?? []) {
    for (let len = 1; len <= Math.min(maxChars, run.length); len++) {
      for (let i = 0; i + len <= run.length; i++) out.add(run.slice(i, i + len));
    }
  }
  return [...out];
}

// The checker also takes "t" and "f", but a lone letter in prose ("don't") states nothing.
const TRUE_WORDS = /\btrue\b|(?<!不)正确|(?<![不错])对的|是对/i;
const FALSE_WORDS = /\bfalse\b|错误|错的|不对|不正确|是错/i;

/**
 * Guard 1: does the sentence contain the answer in a form the answer checker accepts ("correct",
 * or "form": the right value written another way)? Every candidate substring goes through the
 * app's checker (core/item-answer.ts): numbers for numeric answers (fractions, mixed numbers,
 * decimals with point or comma, per cents, full-width digits, Chinese numerals and English
 * number words, read by `numberCandidates`), option texts for choices (checked by their index,
 * as the checker takes them), words and word groups for short text answers (and CJK substrings),
 * "true"/"false" (正确/错误/对的/错的…) for true/false. A matching question is given away by a
 * sentence naming one of its prompts with the right match (the checker only marks all pairs
 * at once, so this one is a plain text test).
 */
export function leaksAnswer(sentence: string, answer: ItemAnswer, locale: Locale): boolean {
  const kind = answer.kind;
  if (kind === 'integer' || kind === 'decimal' || kind === 'fraction' || kind === 'number') {
    return numberCandidates(sentence).some((c) => accepted(answer, c, locale));
  }
  if (kind === 'choice' || kind === 'single' || kind === 'multiple') {
    const hays = searchTexts(sentence);
    const found = optionTexts(answer)
      .map((o, i) => (hays.some((h) => containsTerm(h, o)) ? i : -1))
      .filter((i) => i >= 0);
    if (kind !== 'multiple') return found.some((i) => accepted(answer, String(i), locale));
    // Any set of the options it names could be the set of right ones.
    const named = found.slice(0, 8);
    for (let mask = 1; mask < 1 << named.length; mask++) {
      const pick = named.filter((_, b) => mask & (1 << b));
      if (accepted(answer, pick.join(','), locale)) return true;
    }
    return false;
  }
  if (kind === 'truefalse') {
    const s = sentence.normalize('NFKC');
    return (
      (TRUE_WORDS.test(s) && accepted(answer, 'true', locale)) ||
      (FALSE_WORDS.test(s) && accepted(answer, 'false', locale))
    );
  }
  if (kind === 'text') {
    const longest = Math.max(1, ...answer.accepted.map((a) => foldText(a.text).length));
    const words = Math.max(1, ...answer.accepted.map((a) => foldText(a.text).split(' ').length));
    return textCandidates(sentence, Math.min(words + 1, 8), Math.min(longest + 2, 16)).some((c) =>
      accepted(answer, c, locale),
    );
  }
  // matching
  const hays = searchTexts(sentence);
  return answer.pairs.some((p) => {
    const prompt = foldText(htmlText(p.prompt));
    const match = foldText(p.match);
    return hays.some((h) => containsTerm(h, prompt) && containsTerm(h, match));
  });
}

// ---------------------------------------------------------------------------------------------
// Guard 2: a reply that contradicts the worked solution

/** The values of every number in some texts (the worked solution, the question). */
export function valuesIn(texts: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const t of texts) {
    for (const c of numberCandidates(t)) {
      const v = numberValue(c);
      if (v) out.add(valueKey(v));
      const bare = numberValue(c.replace(/ ?%$/, ''));
      if (bare) out.add(valueKey(bare));
    }
  }
  return out;
}

export interface SolutionFacts {
  readonly answer: ItemAnswer;
  readonly locale: Locale;
  /** Values of the numbers in the worked solution and the question (not the learner's answer: confirming it is the danger). */
  readonly known: ReadonlySet<string>;
}

/** The kinds whose answer is a number or a choice among numbers: the only ones guard 2 reads. */
function numericKind(answer: ItemAnswer): boolean {
  return ['integer', 'decimal', 'fraction', 'number', 'choice', 'single'].includes(answer.kind);
}

/** The checker's verdict on a stated result (a choice by the index of the option it names). */
function verdict(facts: SolutionFacts, x: string): string {
  const { answer, locale } = facts;
  if (answer.kind === 'choice' || answer.kind === 'single') {
    const i = optionTexts(answer).indexOf(foldText(x));
    return i < 0 ? 'malformed' : checkItemAnswer(answer, String(i), locale).status;
  }
  return checkItemAnswer(answer, x, locale).status;
}

/** Words after which a number is part of something longer, not a stated result. */
const RUNS_ON =
  /^\s*(?:[+\-×*÷/^=<>]|of\b|times\b|more\b|less\b|fewer\b|out of\b|per\b|and\b|or\b|to\b|plus\b|minus\b|[加减乘除和或到比的倍])/i;

/** "the answer is" / "答案是", not "your answer is" / "你的答案是". */
const ANSWER_PHRASE =
  /(?:\b(?:the )?(?:final |correct |right |real )?answer (?:is|was|should be|would be|will be|=|:)|(?:正确|最终|最后的?)?答案(?:应该|应当)?(?:是|为|=|:))\s*:?\s*/giu;
const NOT_THE_MODEL_S =
  /(?:\byour|\byou (?:said|wrote|think|thought|gave)|你的|你说|你写|你认为|你觉得)\s*(?:final |)$/i;

/** The numeric expression a text starts with ("85", "37 + 48 = 85"), or its first number. */
const EXPRESSION_CHARS = /^[\d\s.+\-×*÷/()%]+/;

/**
 * Guard 2: does the sentence contradict the worked solution? Deliberately narrow, because a
 * false alarm replaces a good explanation. A sentence contradicts it when, the answer being
 * known and numeric (or a choice among numbers):
 *
 * A. it states the answer — "the answer is X", "answer: X", "答案是 X" (not "your answer is X",
 *    "你的答案是 X", which repeats the learner) — and the checker marks X `incorrect` (the right
 *    value in another form is `form`, not a contradiction; "the answer is 8 + 5 = 13" states 13);
 * B. it has an equation of plain arithmetic on both sides ("37 + 48 = 75") that is false when
 *    evaluated exactly;
 * C. its last equation "… = X" has words on the left ("so the total = 75"), X is marked
 *    `incorrect`, and X is none of the numbers of the worked solution or the question (an
 *    intermediate step's number is fine, so is repeating a given).
 *
 * B and C skip an equation the sentence attributes to the learner ("you wrote 37 + 48 = 75",
 * "你算的 …"): quoting the mistake is how a reply explains it.
 *
 * A number followed by an operator or "of", "times", "more"… is not a stated result. Text
 * answers are never read here: words do not contradict as numbers do.
 */
export function contradictsSolution(sentence: string, facts: SolutionFacts): boolean {
  if (!numericKind(facts.answer)) return false;
  const s = readNumerals(sentence).replace(/(\d) x (\d)/g, '$1 × $2');
  // A: the answer stated.
  for (const m of s.matchAll(ANSWER_PHRASE)) {
    if (NOT_THE_MODEL_S.test(s.slice(Math.max(0, m.index - 24), m.index))) continue;
    const rest = s.slice(m.index + m[0].length);
    const x = statedNumber(rest);
    if (x !== null && verdict(facts, x) === 'incorrect') return true;
  }
  // B and C: equations.
  const parts = s.split('=');
  for (let k = 1; k < parts.length; k++) {
    // "You wrote 37 + 48 = 75": the learner's working, quoted to explain it.
    if (QUOTES_LEARNER.test(parts.slice(0, k).join('='))) continue;
    const left = leftExpression(parts[k - 1] ?? '');
    const right = ((parts[k] ?? '').match(EXPRESSION_CHARS)?.[0] ?? '').replace(/[\s.+\-×*÷/(]+$/, '').trim();
    const lv = OPERATION.test(left) || OPERATION.test(right) ? evaluate(left) : null;
    const rv = evaluate(right);
    if (lv && rv) {
      if (!sameValue(lv, rv)) return true;
      continue;
    }
    const wordsOnLeft = /\p{L}/u.test((parts[k - 1] ?? '').slice(-40));
    if (k === parts.length - 1 && wordsOnLeft && !lv) {
      const x = statedNumber(parts[k] ?? '');
      const v = x === null ? null : numberValue(x);
      if (x !== null && v && !facts.known.has(valueKey(v)) && verdict(facts, x) === 'incorrect') return true;
    }
  }
  return false;
}

const OPERATION = /\d\s*[+\-×*÷/]\s*[\d(]/;
const QUOTES_LEARNER =
  /\byou (?:wrote|said|got|answered|put|gave|worked out|did)\b|\byour (?:answer|working|sum)\b|你(?:写|算|答|得到|给出|做)|你的(?:答案|算式|做法)/i;

/** The arithmetic just before an "=": the longest tail of plain arithmetic that evaluates ("Step 2. 40 + 5" → "40 + 5"). */
function leftExpression(text: string): string {
  let left = text.match(/[\d\s.+\-×*÷/()%]*$/)?.[0]?.trim() ?? '';
  for (let tries = 0; tries < 3 && left !== '' && !evaluate(left); tries++) {
    left = left.replace(/^\S+\s*/, '');
  }
  return left;
}

/** The number a text states first, if it is a whole result (not followed by an operator or "of"). */
function statedNumber(rest: string): string | null {
  const lastEq = rest.lastIndexOf('=');
  const from = lastEq >= 0 && EXPRESSION_CHARS.test(rest.slice(0, lastEq)) ? rest.slice(lastEq + 1) : rest;
  const t = numberTokens(from)[0];
  if (!t || from.slice(0, t.start).trim() !== '') return null;
  if (RUNS_ON.test(from.slice(t.end))) return null;
  return t.text.trim();
}
