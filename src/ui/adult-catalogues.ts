import { adultDomainCatalogues } from '../app/adult-catalogues';
import { mergeCatalogues, type Catalogue, type Locale } from '../core/i18n';
import { adultMessagesEn, adultMessagesZh } from './screens/adult/messages';
import { dataMessagesEn, dataMessagesZh } from './screens/data/messages';
import { contentUiMessagesEn, contentUiMessagesZh } from './screens/teacher/content-messages';
import { teacherMessagesEn, teacherMessagesZh } from './screens/teacher/messages';

/**
 * Every string only the adult screens show (the adult gate, the data page, the class view,
 * editing learners), with the domain strings they need: a lazy chunk, out of a learner's first
 * load. App.svelte loads it with any adult screen and adds it to `I18n`.
 */
export const adultCatalogues: Readonly<Record<Locale, Catalogue>> = {
  en: mergeCatalogues({
    ...adultDomainCatalogues.en,
    adult: adultMessagesEn,
    data: dataMessagesEn,
    teacher: teacherMessagesEn,
    contentUi: contentUiMessagesEn,
  }),
  'zh-CN': mergeCatalogues({
    ...adultDomainCatalogues['zh-CN'],
    adult: adultMessagesZh,
    data: dataMessagesZh,
    teacher: teacherMessagesZh,
    contentUi: contentUiMessagesZh,
  }),
};
