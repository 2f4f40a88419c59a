import { domainCatalogues } from '../app/catalogues';
import { mergeCatalogues, type Catalogue, type Locale } from '../core/i18n';
import { adultCreateMessagesEn, adultCreateMessagesZh } from './screens/adult/create-messages';
import { encryptionMessagesEn, encryptionMessagesZh } from './screens/unlock/messages';
import { sessionMessagesEn, sessionMessagesZh } from './screens/practice/messages';
import { learnerSettingsMessagesEn, learnerSettingsMessagesZh } from './screens/settings/messages';
import { uiMessagesEn } from './messages.en';
import { uiMessagesZh } from './messages.zh-CN';

/**
 * The interface's first-load catalogues: the learner's screens, the unlock screen (a locked device
 * shows it first) and the first learner's adult passphrase. The adult screens' strings load with
 * them (ui/adult-catalogues.ts).
 */
export const uiCatalogues: Readonly<Record<Locale, Readonly<Record<string, Catalogue>>>> = {
  en: {
    adultCreate: adultCreateMessagesEn,
    encryption: encryptionMessagesEn,
    session: sessionMessagesEn,
    learnerSettings: learnerSettingsMessagesEn,
    ui: uiMessagesEn,
  },
  'zh-CN': {
    adultCreate: adultCreateMessagesZh,
    encryption: encryptionMessagesZh,
    session: sessionMessagesZh,
    learnerSettings: learnerSettingsMessagesZh,
    ui: uiMessagesZh,
  },
};

// Merged once; a key defined in two catalogues throws here rather than one silently winning.
const catalogues: Record<Locale, Catalogue> = {
  en: mergeCatalogues({ ...domainCatalogues.en, ...uiCatalogues.en }),
  'zh-CN': mergeCatalogues({ ...domainCatalogues['zh-CN'], ...uiCatalogues['zh-CN'] }),
};

/** The first-load strings for one locale: course, answer checker, learners and the learner's screens. */
export function catalogueFor(locale: Locale): Catalogue {
  return catalogues[locale];
}
