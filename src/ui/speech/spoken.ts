/**
 * Read-aloud, the pure part: which of the device's voices may speak (only voices that run on the
 * device, `localService`, in the interface language), and how a maths expression is said.
 * Nothing here touches the Web Speech API; read-aloud.svelte.ts does.
 */
import type { Locale } from '../../core/i18n';

export interface VoiceLike {
  readonly name: string;
  readonly lang: string;
  readonly localService: boolean;
  readonly default?: boolean;
}

/** A voice for the locale that runs on the device (never a network voice), or null. */
export function pickVoice<V extends VoiceLike>(voices: readonly V[], locale: Locale): V | null {
  const lang = (v: VoiceLike): string => v.lang.replace('_', '-').toLowerCase();
  const fits =
    locale === 'zh-CN'
      ? (v: VoiceLike) => lang(v) === 'zh-cn' || lang(v) === 'zh' || lang(v) === 'cmn-hans-cn'
      : (v: VoiceLike) => lang(v) === 'en' || lang(v).startsWith('en-');
  const local = voices.filter((v) => v.localService && fits(v));
  return local.find((v) => v.default) ?? local[0] ?? null;
}

const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** A fraction a/b said in Chinese: "b分之a" (small whole numbers in characters). */
function zhFraction(a: string, b: string): string {
  const n = (x: string): string => (/^\d$/.test(x) || x === '10' ? ZH_DIGITS[Number(x)]! : x);
  return `${n(b)}分之${n(a)}`;
}

/**
 * A maths expression as words a speech engine reads correctly: "37 + 48 = ?" → "37 plus 48
 * equals what?"; "3/4 − 1/8" → "3 over 4 minus 1 over 8"; in Chinese "37 加 48 等于多少？",
 * "四分之三 减 八分之一". Unknown symbols are left for the engine.
 */
export function spokenExpression(expression: string, locale: Locale): string {
  const zh = locale === 'zh-CN';
  let s = expression.replace(/(-?\d+)\s*\/\s*(\d+)/g, (_m, a: string, b: string) =>
    zh ? zhFraction(a, b) : `${a} over ${b}`,
  );
  // "= ?" at the end is the question itself; kept aside so its "?" is not read as "what".
  const asks = /\s*=\s*\?\s*$/.test(s);
  s = s.replace(/\s*=\s*\?\s*$/, '');
  const words: [RegExp, string, string][] = [
    [/\s*\+\s*/g, ' plus ', ' 加 '],
    [/\s*[−–]\s*/g, ' minus ', ' 减 '],
    [/\s+-\s+/g, ' minus ', ' 减 '],
    [/\s*[×*]\s*/g, ' times ', ' 乘 '],
    [/\s*÷\s*/g, ' divided by ', ' 除以 '],
    [/\s*=\s*/g, ' equals ', ' 等于 '],
    [/%/g, ' percent', '%'],
    [/\?/g, ' what', '多少'],
  ];
  for (const [re, en, cn] of words) s = s.replace(re, zh ? cn : en);
  if (asks) s += zh ? ' 等于多少？' : ' equals what?';
  return s.replace(/\s+/g, ' ').trim();
}
