/**
 * The strings of the layers below the interface, per locale, assembled in one place: what a
 * learner's screens need (course, answer checker, learners, skill graph) here, in the first load;
 * what only adult screens need (backups, grouping, content packs) in app/adult-catalogues.ts,
 * loaded with them. The interface adds its own in ui/catalogues.ts. A key defined twice fails
 * when the catalogues are merged (and in the catalogue tests).
 */
import { answerMessagesEn, answerMessagesZh } from '../core/answer-messages';
import { graphMessagesEn, graphMessagesZh } from '../core/graph-messages';
import type { Catalogue, Locale } from '../core/i18n';
import { learnerMessagesEn, learnerMessagesZh } from '../core/learner-messages';
import { mathsMessagesEn } from '../content/maths/messages.en';
import { mathsMessagesZh } from '../content/maths/messages.zh-CN';

export const domainCatalogues: Readonly<Record<Locale, Readonly<Record<string, Catalogue>>>> = {
  en: {
    graph: graphMessagesEn,
    learner: learnerMessagesEn,
    maths: mathsMessagesEn,
    answer: answerMessagesEn,
  },
  'zh-CN': {
    graph: graphMessagesZh,
    learner: learnerMessagesZh,
    maths: mathsMessagesZh,
    answer: answerMessagesZh,
  },
};
