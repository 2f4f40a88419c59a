/**
 * The tutor's strings on a learner's screen (issue 13): a lazy chunk, loaded by the practice
 * screen only when a model is installed. The guards' notes (core/tutor-messages.ts) are in the
 * first load (app/catalogues.ts).
 */
import { tutorAppMessagesEn, tutorAppMessagesZh } from '../app/tutor/tutor-messages';
import { mergeCatalogues, type Catalogue, type Locale } from '../core/i18n';
import { askTutorMessagesEn, askTutorMessagesZh } from './screens/practice/ask-tutor-messages';

export const tutorCatalogues: Readonly<Record<Locale, Catalogue>> = {
  en: mergeCatalogues({ askTutor: askTutorMessagesEn, tutorApp: tutorAppMessagesEn }),
  'zh-CN': mergeCatalogues({ askTutor: askTutorMessagesZh, tutorApp: tutorAppMessagesZh }),
};
