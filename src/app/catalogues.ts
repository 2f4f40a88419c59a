/**
 * The strings of every layer below the interface (course, answer checker, grouping, content
 * packs, backups, learners), per locale, assembled in one place; the interface adds its own in
 * ui/catalogues.ts. A key defined twice fails at start-up (and in the catalogue tests).
 */
import { answerMessagesEn, answerMessagesZh } from '../core/answer-messages';
import { contentMessagesEn, contentMessagesZh } from '../core/content-pack-messages';
import { graphMessagesEn, graphMessagesZh } from '../core/graph-messages';
import { groupingMessagesEn, groupingMessagesZh } from '../core/grouping-messages';
import { mergeCatalogues, type Catalogue, type Locale } from '../core/i18n';
import { learnerMessagesEn, learnerMessagesZh } from '../core/learner-messages';
import { mathsMessagesEn } from '../content/maths/messages.en';
import { mathsMessagesZh } from '../content/maths/messages.zh-CN';
import { backupMessagesEn, backupMessagesZh } from '../storage/backup-messages';

export const domainCatalogues: Readonly<Record<Locale, Readonly<Record<string, Catalogue>>>> = {
  en: {
    graph: graphMessagesEn,
    contentPack: contentMessagesEn,
    learner: learnerMessagesEn,
    maths: mathsMessagesEn,
    answer: answerMessagesEn,
    grouping: groupingMessagesEn,
    backup: backupMessagesEn,
  },
  'zh-CN': {
    graph: graphMessagesZh,
    contentPack: contentMessagesZh,
    learner: learnerMessagesZh,
    maths: mathsMessagesZh,
    answer: answerMessagesZh,
    grouping: groupingMessagesZh,
    backup: backupMessagesZh,
  },
};

export { mergeCatalogues };
