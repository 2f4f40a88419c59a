import type { Catalogue } from '../../../core/i18n';

export const teacherMessagesEn: Catalogue = {
  'teacher.title': 'Teacher',
};

export const teacherMessagesZh: Catalogue = {
  'teacher.title': '老师',
};
