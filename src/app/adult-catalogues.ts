/**
 * The domain strings only adult screens show (backups and restores, class grouping, content
 * packs, worksheets): a lazy chunk, loaded with those screens (ui/adult-catalogues.ts).
 */
import { contentMessagesEn, contentMessagesZh } from '../core/content-pack-messages';
import { groupingMessagesEn, groupingMessagesZh } from '../core/grouping-messages';
import type { Catalogue, Locale } from '../core/i18n';
import { backupMessagesEn, backupMessagesZh } from '../storage/backup-messages';
import { worksheetMessagesEn, worksheetMessagesZh } from '../core/worksheet-messages';

export const adultDomainCatalogues: Readonly<Record<Locale, Readonly<Record<string, Catalogue>>>> = {
  en: {
    contentPack: contentMessagesEn,
    grouping: groupingMessagesEn,
    backup: backupMessagesEn,
    worksheet: worksheetMessagesEn,
  },
  'zh-CN': {
    contentPack: contentMessagesZh,
    grouping: groupingMessagesZh,
    backup: backupMessagesZh,
    worksheet: worksheetMessagesZh,
  },
};
