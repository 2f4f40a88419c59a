import type { Catalogue } from '../../../core/i18n';

export const dataMessagesEn: Catalogue = {
  'data.title': 'Your data',
};

export const dataMessagesZh: Catalogue = {
  'data.title': '你的数据',
};
