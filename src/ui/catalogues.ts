import { domainCatalogues, mergeCatalogues } from '../app/catalogues';
import type { Catalogue, Locale } from '../core/i18n';
import { adultMessagesEn, adultMessagesZh } from './screens/adult/messages';
import { dataMessagesEn, dataMessagesZh } from './screens/data/messages';
import { contentUiMessagesEn, contentUiMessagesZh } from './screens/teacher/content-messages';
import { teacherMessagesEn, teacherMessagesZh } from './screens/teacher/messages';
import { encryptionMessagesEn, encryptionMessagesZh } from './screens/unlock/messages';
import { uiMessagesEn } from './messages.en';
import { uiMessagesZh } from './messages.zh-CN';

/** The interface's own catalogues, per screen. */
export const uiCatalogues: Readonly<Record<Locale, Readonly<Record<string, Catalogue>>>> = {
  en: {
    adult: adultMessagesEn,
    data: dataMessagesEn,
    teacher: teacherMessagesEn,
    contentUi: contentUiMessagesEn,
    encryption: encryptionMessagesEn,
    ui: uiMessagesEn,
  },
  'zh-CN': {
    adult: adultMessagesZh,
    data: dataMessagesZh,
    teacher: teacherMessagesZh,
    contentUi: contentUiMessagesZh,
    encryption: encryptionMessagesZh,
    ui: uiMessagesZh,
  },
};

// Merged once; a key defined in two catalogues throws here rather than one silently winning.
const catalogues: Record<Locale, Catalogue> = {
  en: mergeCatalogues({ ...domainCatalogues.en, ...uiCatalogues.en }),
  'zh-CN': mergeCatalogues({ ...domainCatalogues['zh-CN'], ...uiCatalogues['zh-CN'] }),
};

/** Every string the app shows, for one locale: course, answer checker, model, grouping and interface. */
export function catalogueFor(locale: Locale): Catalogue {
  return catalogues[locale];
}
