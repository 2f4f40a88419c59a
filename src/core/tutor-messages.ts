/**
 * Catalogue entries for the tutor (issue 13). `tutorMessages*` are what a learner sees next to a
 * reply (core/tutor.ts): few and short, in the learner's tutor chunk (ui/tutor-catalogues.ts),
 * which loads only once a model is installed, so a device without one carries no tutor text.
 * `tutorInstallMessages*` are the refusals of a model file (core/gguf.ts), shown only to an adult
 * installing a model, with the adult screens' strings (ui/adult-catalogues.ts).
 */
import type { Catalogue } from './i18n';

export const tutorMessagesEn: Catalogue = {
  'tutor.withheld': 'A sentence was hidden because it gave the answer away. Try it yourself first!',
  'tutor.link': 'A sentence with a link was hidden.',
  'tutor.replaced': 'That explanation did not match the worked solution, so here is the solution instead.',
  'tutor.stoppedWrong': 'That explanation did not add up, so Lantern stopped it.',
  'tutor.declined': 'I can only help with this question. I don’t answer questions about you or other people.',
};

export const tutorMessagesZh: Catalogue = {
  'tutor.withheld': '有一句话说出了答案，已经藏起来了。先自己试一试吧！',
  'tutor.link': '有一句话带有链接，已经藏起来了。',
  'tutor.replaced': '这个解释和解题步骤对不上，下面是正确的解题步骤。',
  'tutor.stoppedWrong': '这个解释算得不对，Lantern 已经把它停下了。',
  'tutor.declined': '我只能帮你解答这道题，不回答关于你或其他人的问题。',
};

export const tutorInstallMessagesEn: Catalogue = {
  'tutor.notGguf': 'This is not a language model in GGUF format (the file name usually ends in .gguf).',
  'tutor.badGguf': 'This model file is damaged, or is a kind of GGUF file Lantern cannot read.',
  'tutor.needMoreBytes': 'Lantern needs to read more of this file to check it (at least {mb} MB).',
};

export const tutorInstallMessagesZh: Catalogue = {
  'tutor.notGguf': '这不是 GGUF 格式的语言模型（文件名通常以 .gguf 结尾）。',
  'tutor.badGguf': '这个模型文件已损坏，或者是 Lantern 无法读取的 GGUF 文件。',
  'tutor.needMoreBytes': 'Lantern 需要读取更多文件内容才能检查它（至少 {mb} MB）。',
};
