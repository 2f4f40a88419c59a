import type { Catalogue } from '../../../core/i18n';

/**
 * The adult passphrase as the create screen asks for it with a device's first learner: in the
 * first load (the adult gate's own strings load with it).
 */
export const adultCreateMessagesEn: Catalogue = {
  'adult.passphrase': 'Adult passphrase',
  'adult.confirm': 'Type the adult passphrase again',
  'adult.mismatch': 'The two passphrases are different. Type the same one twice.',
  'adult.passphraseTooShort':
    'Choose a passphrase of at least {min, plural, one {# character} other {# characters}}.',
  'adult.passphraseAlreadySet': 'An adult passphrase is already set on this device.',
  'adult.create.title': 'For the adult setting up this device',
  'adult.create.help':
    'This is the first learner on this device. Choose an adult passphrase of at least {min, plural, one {# character} other {# characters}}: it guards the data page, backups, deleting and editing learners. Do not tell it to children.',
};

export const adultCreateMessagesZh: Catalogue = {
  'adult.passphrase': '管理口令',
  'adult.confirm': '再输入一次管理口令',
  'adult.mismatch': '两次输入的口令不一样，请输入相同的口令。',
  'adult.passphraseTooShort': '口令至少要有 {min} 个字符。',
  'adult.passphraseAlreadySet': '这台设备已经设置了管理口令。',
  'adult.create.title': '由设置这台设备的家长或老师填写',
  'adult.create.help':
    '这是这台设备上的第一名学生。请设置一个至少 {min} 个字符的管理口令：打开数据页面、备份、删除和编辑学生都需要它。不要告诉孩子。',
};
