/**
 * The tutor's strings on a learner's screen (issue 13): a lazy chunk, loaded by the practice
 * screen only when a model is installed, with the guards' notes (core/tutor-messages.ts): a
 * device without a model carries no tutor text at all.
 */
import { tutorAppMessagesEn, tutorAppMessagesZh } from '../app/tutor/tutor-messages';
import { mergeCatalogues, type Catalogue, type Locale } from '../core/i18n';
import { tutorMessagesEn, tutorMessagesZh } from '../core/tutor-messages';
import { askTutorMessagesEn, askTutorMessagesZh } from './screens/practice/ask-tutor-messages';

export const tutorCatalogues: Readonly<Record<Locale, Catalogue>> = {
  en: mergeCatalogues({ askTutor: askTutorMessagesEn, tutorApp: tutorAppMessagesEn, tutor: tutorMessagesEn }),
  'zh-CN': mergeCatalogues({
    askTutor: askTutorMessagesZh,
    tutorApp: tutorAppMessagesZh,
    tutor: tutorMessagesZh,
  }),
};
