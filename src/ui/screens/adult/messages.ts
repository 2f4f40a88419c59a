import type { Catalogue } from '../../../core/i18n';

/** The adult gate and editing learners: loaded with those screens (ui/adult-catalogues.ts). */
export const adultMessagesEn: Catalogue = {
  'adult.title': 'For adults',
  'adult.enterHelp':
    'This part of Lantern is for parents and teachers: it can see, export and delete every learner’s data. Type the adult passphrase to go on.',
  'adult.unlock': 'Unlock',
  'adult.wrong': 'That is not the adult passphrase. Try again.',
  'adult.setTitle': 'Set an adult passphrase',
  'adult.setWhy':
    'This device has no adult passphrase yet. From now on one passphrase guards what only adults should do: the data on this device, backups, deleting, the class view and editing learners. Children should not know it. Choose one of at least {min, plural, one {# character} other {# characters}}.',
  'adult.setButton': 'Set the passphrase and go on',
  'adult.working': 'Checking…',
  'adult.back': 'Back to the learners',
  'adult.lock': 'Lock adult pages',
  'adult.forgot.title': 'Forgotten the adult passphrase?',
  'adult.forgot.help':
    'It cannot be recovered or reset. The only way on is to delete every learner and every answer on this device, then set a new one. A backup file can bring the data back afterwards.',
  'learnerEdit.title': 'Edit {name}',
  'learnerEdit.save': 'Save changes',
  'learnerEdit.saved': 'Saved.',
  'learnerEdit.pin.title': 'PIN',
  'learnerEdit.pin.has': '{name} has a PIN. If it was forgotten, set a new one or remove it.',
  'learnerEdit.pin.none': '{name} has no PIN.',
  'learnerEdit.pin.new': 'New 4-digit PIN',
  'learnerEdit.pin.set': 'Set this PIN',
  'learnerEdit.pin.remove': 'Remove the PIN',
  'learnerEdit.pin.done': 'The PIN was changed.',
  'learnerEdit.pin.removed': 'The PIN was removed.',
  'learnerEdit.delete.title': 'Delete this learner',
  'learnerEdit.delete.help':
    'Deletes {name} and all of their answers from this device. This cannot be undone.',
  'learnerEdit.delete.start': 'Delete {name}…',
  'learnerEdit.delete.confirm': 'Delete {name} and all their answers? This cannot be undone.',
  'learnerEdit.notFound': 'This learner is no longer on this device.',
  'data.learners.edit': 'Edit {name}',
  'data.learners.editList': 'Edit a learner',
};

export const adultMessagesZh: Catalogue = {
  'adult.title': '家长和老师专用',
  'adult.enterHelp': '这部分是给家长和老师用的：可以查看、导出和删除所有学生的数据。请输入管理口令继续。',
  'adult.unlock': '解锁',
  'adult.wrong': '管理口令不对，请再试一次。',
  'adult.setTitle': '设置管理口令',
  'adult.setWhy':
    '这台设备还没有管理口令。从现在起，只有大人才能做的事都由这个口令保护：这台设备上的数据、备份、删除、班级总览和编辑学生。不要让孩子知道。口令至少要有 {min} 个字符。',
  'adult.setButton': '设置口令并继续',
  'adult.working': '正在检查……',
  'adult.back': '返回学生列表',
  'adult.lock': '锁定管理页面',
  'adult.forgot.title': '忘记了管理口令？',
  'adult.forgot.help':
    '管理口令无法找回，也无法重置。唯一的办法是删除这台设备上的所有学生和答题记录，然后设置新的口令。之后可以用备份文件恢复数据。',
  'learnerEdit.title': '编辑{name}',
  'learnerEdit.save': '保存修改',
  'learnerEdit.saved': '已保存。',
  'learnerEdit.pin.title': '密码',
  'learnerEdit.pin.has': '{name}设置了密码。如果忘了，可以设一个新密码，或者取消密码。',
  'learnerEdit.pin.none': '{name}没有设置密码。',
  'learnerEdit.pin.new': '新的 4 位密码',
  'learnerEdit.pin.set': '设置这个密码',
  'learnerEdit.pin.remove': '取消密码',
  'learnerEdit.pin.done': '密码已更改。',
  'learnerEdit.pin.removed': '密码已取消。',
  'learnerEdit.delete.title': '删除这名学生',
  'learnerEdit.delete.help': '从这台设备上删除{name}及其全部答题记录。删除后无法恢复。',
  'learnerEdit.delete.start': '删除{name}……',
  'learnerEdit.delete.confirm': '要删除{name}及其全部答题记录吗？删除后无法恢复。',
  'learnerEdit.notFound': '这名学生已经不在这台设备上了。',
  'data.learners.edit': '编辑{name}',
  'data.learners.editList': '编辑学生',
};
