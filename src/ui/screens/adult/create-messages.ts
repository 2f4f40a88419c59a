import type { Catalogue } from '../../../core/i18n';

/**
 * The adult passphrase as the create screen asks for it with a device's first learner: in the
 * first load (the adult gate's own strings load with it).
 */
export const adultCreateMessagesEn: Catalogue = {
  'adult.passphrase': 'Adult passphrase',
  'adult.confirm': 'Type the adult passphrase again',
  'adult.mismatch': 'The two passphrases are different. Type the same one twice.',
  'adult.passphraseTooShort': 'Choose a passphrase of at least {min} characters.',
  'adult.passphraseAlreadySet': 'An adult passphrase is already set on this device.',
  'adult.create.title': 'For the adult setting up this device',
  'adult.create.help':
    'This is the first learner on this device. Choose an adult passphrase of at least {min} characters: it guards the data page, backups, deleting and editing learners. Do not tell it to children.',
};

export const adultCreateMessagesZh: Catalogue = {
  'adult.passphrase': '成人密码短语',
  'adult.confirm': '再输入一次成人密码短语',
  'adult.mismatch': '两次输入的密码短语不一样，请输入相同的内容。',
  'adult.passphraseTooShort': '请设置至少 {min} 个字符的密码短语。',
  'adult.passphraseAlreadySet': '这台设备已经设置了成人密码短语。',
  'adult.create.title': '给设置这台设备的成人',
  'adult.create.help':
    '这是这台设备上的第一位学生。请设置至少 {min} 个字符的成人密码短语：它保护数据页面、备份、删除和编辑学生。不要告诉孩子。',
};
