/**
 * Catalogue entries for backup, restore and class merge (storage/backup.ts). Read by a child
 * or a parent, so they say what happened and what to do next, without jargon.
 */
import type { Catalogue } from '../core/i18n';

export const backupMessagesEn: Catalogue = {
  'backup.notJson': 'This is not a Lantern backup file. Choose the file Lantern saved (it ends in .json).',
  'backup.wrongFormat': 'This file is not a Lantern backup, or it is damaged. Choose a file Lantern saved.',
  'backup.newerVersion':
    'This backup was made by a newer version of Lantern. Update Lantern on this device, then try again.',
  'backup.truncated':
    'This backup file is incomplete — it may not have finished copying. Copy it again from the device that made it.',
  'backup.checksum':
    'This backup file has been changed or damaged since it was saved, so it cannot be used. Try another copy.',
  'backup.invalidRecord':
    'Part of this backup file is damaged (entry {number} in “{section}”, “{field}”), so nothing was imported. Try another copy.',
  'backup.tooLarge': 'This file is too big to be a Lantern backup (the limit is {limitMb} MB).',
  'backup.modelTooLarge':
    'A learner’s trained model in this backup is bigger than Lantern allows ({limitMb} MB), so nothing was imported. Try another copy.',
  'backup.encryptedNeedsPassphrase':
    'This backup is locked with a passphrase. Type the passphrase to open it.',
  'backup.wrongPassphrase':
    'That passphrase does not open this backup. Check it and try again. If you are sure it is right, the file may be damaged.',
  'backup.weakEncryption':
    'This backup’s lock is weaker than Lantern allows, so it will not be opened. Make a new backup on the device that made it.',
  'backup.passphraseTooShort':
    'Choose a passphrase of at least {min, plural, one {# character} other {# characters}}.',
  'backup.exportFailed': 'Lantern could not make a backup that it could read back. Nothing was saved.',
};

export const backupMessagesZh: Catalogue = {
  'backup.notJson': '这不是灯笼备份文件。请选择灯笼保存的文件（以 .json 结尾）。',
  'backup.wrongFormat': '这个文件不是灯笼备份，或者已经损坏。请选择灯笼保存的文件。',
  'backup.newerVersion': '这个备份是用更新版本的灯笼制作的。请先在这台设备上更新灯笼，再试一次。',
  'backup.truncated': '这个备份文件不完整，可能没有复制完。请从制作它的设备上重新复制一次。',
  'backup.checksum': '这个备份文件在保存后被改动过或已损坏，无法使用。请换一份副本试试。',
  'backup.invalidRecord':
    '这个备份文件有一部分已损坏（“{section}”中的第 {number} 条，“{field}”），所以什么都没有导入。请换一份副本试试。',
  'backup.tooLarge': '这个文件太大，不像是灯笼备份（上限为 {limitMb} MB）。',
  'backup.modelTooLarge':
    '这个备份中有一名学生的训练模型超过了灯笼允许的大小（{limitMb} MB），所以什么都没有导入。请换一份副本试试。',
  'backup.encryptedNeedsPassphrase': '这个备份已用口令加锁。请输入口令打开它。',
  'backup.wrongPassphrase': '这个口令打不开这个备份。请检查后再试。如果确定没有输错，文件可能已经损坏。',
  'backup.weakEncryption': '这个备份的加密强度低于灯笼的要求，因此不会打开。请在制作它的设备上重新备份。',
  'backup.passphraseTooShort': '口令至少要有 {min} 个字符。',
  'backup.exportFailed': '灯笼无法生成一份能正确读回的备份，因此没有保存任何内容。',
};
