/**
 * The domain strings only adult screens show (backups and restores, class grouping, content
 * packs, imported question banks, worksheets): a lazy chunk, loaded with those screens (ui/adult-catalogues.ts).
 */
import { bankMessagesEn, bankMessagesZh } from '../core/bank-messages';
import { calibrationMessagesEn, calibrationMessagesZh } from '../core/calibration-messages';
import { contentMessagesEn, contentMessagesZh } from '../core/content-pack-messages';
import { giftMessagesEn, giftMessagesZh } from '../core/gift-messages';
import { sheetMessagesEn, sheetMessagesZh } from '../core/sheet-messages';
import { groupingMessagesEn, groupingMessagesZh } from '../core/grouping-messages';
import type { Catalogue, Locale } from '../core/i18n';
import { backupMessagesEn, backupMessagesZh } from '../storage/backup-messages';
import { worksheetMessagesEn, worksheetMessagesZh } from '../core/worksheet-messages';

export const adultDomainCatalogues: Readonly<Record<Locale, Readonly<Record<string, Catalogue>>>> = {
  en: {
    contentPack: contentMessagesEn,
    gift: giftMessagesEn,
    sheet: sheetMessagesEn,
    bank: bankMessagesEn,
    calibration: calibrationMessagesEn,
    grouping: groupingMessagesEn,
    backup: backupMessagesEn,
    worksheet: worksheetMessagesEn,
  },
  'zh-CN': {
    contentPack: contentMessagesZh,
    gift: giftMessagesZh,
    sheet: sheetMessagesZh,
    bank: bankMessagesZh,
    calibration: calibrationMessagesZh,
    grouping: groupingMessagesZh,
    backup: backupMessagesZh,
    worksheet: worksheetMessagesZh,
  },
};
