import { adultDomainCatalogues } from '../app/adult-catalogues';
import { mergeCatalogues, type Catalogue, type Locale } from '../core/i18n';
import { adultMessagesEn, adultMessagesZh } from './screens/adult/messages';
import { dataMessagesEn, dataMessagesZh } from './screens/data/messages';
import { lrsMessagesEn, lrsMessagesZh } from './screens/lrs/messages';
import { contentUiMessagesEn, contentUiMessagesZh } from './screens/teacher/content-messages';
import { teacherMessagesEn, teacherMessagesZh } from './screens/teacher/messages';
import { learnerPageMessagesEn, learnerPageMessagesZh } from './screens/learner-page/messages';
import { tutorAdminMessagesEn, tutorAdminMessagesZh } from './screens/data/tutor-messages';
import { tutorAppMessagesEn, tutorAppMessagesZh } from '../app/tutor/tutor-messages';
import { tutorInstallMessagesEn, tutorInstallMessagesZh } from '../core/tutor-messages';
import {
  worksheetSheetMessagesEn,
  worksheetSheetMessagesZh,
  worksheetUiMessagesEn,
  worksheetUiMessagesZh,
} from './screens/worksheet/messages';

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
    lrs: lrsMessagesEn,
    teacher: teacherMessagesEn,
    contentUi: contentUiMessagesEn,
    worksheetUi: worksheetUiMessagesEn,
    worksheetSheet: worksheetSheetMessagesEn,
    learnerPage: learnerPageMessagesEn,
    tutorAdmin: tutorAdminMessagesEn,
    tutorApp: tutorAppMessagesEn,
    tutorInstall: tutorInstallMessagesEn,
  }),
  'zh-CN': mergeCatalogues({
    ...adultDomainCatalogues['zh-CN'],
    adult: adultMessagesZh,
    data: dataMessagesZh,
    lrs: lrsMessagesZh,
    teacher: teacherMessagesZh,
    contentUi: contentUiMessagesZh,
    worksheetUi: worksheetUiMessagesZh,
    worksheetSheet: worksheetSheetMessagesZh,
    learnerPage: learnerPageMessagesZh,
    tutorAdmin: tutorAdminMessagesZh,
    tutorApp: tutorAppMessagesZh,
    tutorInstall: tutorInstallMessagesZh,
  }),
};
