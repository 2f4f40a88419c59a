import { answerMessagesEn, answerMessagesZh } from '../core/answer-messages';
import { contentMessagesEn, contentMessagesZh } from '../core/content-pack-messages';
import { graphMessagesEn, graphMessagesZh } from '../core/graph-messages';
import { groupingMessagesEn, groupingMessagesZh } from '../core/grouping-messages';
import type { Catalogue, Locale } from '../core/i18n';
import { learnerMessagesEn, learnerMessagesZh } from '../core/learner-messages';
import { mathsMessagesEn } from '../content/maths/messages.en';
import { mathsMessagesZh } from '../content/maths/messages.zh-CN';
import { backupMessagesEn, backupMessagesZh } from '../storage/backup-messages';
import { adultMessagesEn, adultMessagesZh } from './screens/adult/messages';
import { dataMessagesEn, dataMessagesZh } from './screens/data/messages';
import { contentUiMessagesEn, contentUiMessagesZh } from './screens/teacher/content-messages';
import { teacherMessagesEn, teacherMessagesZh } from './screens/teacher/messages';
import { encryptionMessagesEn, encryptionMessagesZh } from './screens/unlock/messages';
import { uiMessagesEn } from './messages.en';
import { uiMessagesZh } from './messages.zh-CN';

const catalogues: Record<Locale, Catalogue> = {
  en: {
    ...graphMessagesEn,
    ...contentMessagesEn,
    ...learnerMessagesEn,
    ...mathsMessagesEn,
    ...answerMessagesEn,
    ...groupingMessagesEn,
    ...backupMessagesEn,
    ...adultMessagesEn,
    ...dataMessagesEn,
    ...teacherMessagesEn,
    ...contentUiMessagesEn,
    ...encryptionMessagesEn,
    ...uiMessagesEn,
  },
  'zh-CN': {
    ...graphMessagesZh,
    ...contentMessagesZh,
    ...learnerMessagesZh,
    ...mathsMessagesZh,
    ...answerMessagesZh,
    ...groupingMessagesZh,
    ...backupMessagesZh,
    ...adultMessagesZh,
    ...dataMessagesZh,
    ...teacherMessagesZh,
    ...contentUiMessagesZh,
    ...encryptionMessagesZh,
    ...uiMessagesZh,
  },
};

/** Every string the app shows, for one locale: course, answer checker, model, grouping and interface. */
export function catalogueFor(locale: Locale): Catalogue {
  return catalogues[locale];
}
