import type { Catalogue } from './i18n';

/** Why a worksheet cannot be made (core/worksheet.ts); shown on the worksheet screen. */
export const worksheetMessagesEn: Catalogue = {
  'worksheet.badCount': 'Choose between {min} and {max} questions.',
  'worksheet.badSeed': 'The seed must be a whole number from 1 to {max}.',
  'worksheet.badLevel': 'Choose level 1, 2 or 3.',
};

export const worksheetMessagesZh: Catalogue = {
  'worksheet.badCount': '题数必须在 {min} 到 {max} 之间。',
  'worksheet.badSeed': '种子号必须是 1 到 {max} 之间的整数。',
  'worksheet.badLevel': '请选择 1、2 或 3 级。',
};
