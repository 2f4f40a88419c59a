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
    'This device has no adult passphrase yet. From now on one passphrase guards what only adults should do: the data on this device, backups, deleting, the class view and editing learners. Children should not know it. Choose one of at least {min} characters.',
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
  'adult.enterHelp': '这部分是给家长和老师用的：可以查看、导出和删除所有学生的数据。请输入成人密码短语继续。',
  'adult.unlock': '解锁',
  'adult.wrong': '这不是成人密码短语，请再试一次。',
  'adult.setTitle': '设置成人密码短语',
  'adult.setWhy':
    '这台设备还没有成人密码短语。从现在起，只有成人才能做的事都由这个密码短语保护：本机数据、备份、删除、班级视图和编辑学生。不要让孩子知道。请设置至少 {min} 个字符。',
  'adult.setButton': '设置密码短语并继续',
  'adult.working': '正在检查……',
  'adult.back': '返回学生列表',
  'adult.lock': '锁定成人页面',
  'adult.forgot.title': '忘记了成人密码短语？',
  'adult.forgot.help':
    '它无法找回，也无法重置。唯一的办法是删除这台设备上所有学生和所有答题记录，然后设置新的密码短语。之后可以用备份文件恢复数据。',
  'learnerEdit.title': '编辑{name}',
  'learnerEdit.save': '保存修改',
  'learnerEdit.saved': '已保存。',
  'learnerEdit.pin.title': 'PIN 码',
  'learnerEdit.pin.has': '{name}设置了 PIN 码。如果忘记了，可以设置新的或者取消。',
  'learnerEdit.pin.none': '{name}没有设置 PIN 码。',
  'learnerEdit.pin.new': '新的 4 位 PIN 码',
  'learnerEdit.pin.set': '设置这个 PIN 码',
  'learnerEdit.pin.remove': '取消 PIN 码',
  'learnerEdit.pin.done': 'PIN 码已更改。',
  'learnerEdit.pin.removed': 'PIN 码已取消。',
  'learnerEdit.delete.title': '删除这位学生',
  'learnerEdit.delete.help': '从这台设备上删除{name}和他的所有答题记录。删除后无法恢复。',
  'learnerEdit.delete.start': '删除{name}……',
  'learnerEdit.delete.confirm': '要删除{name}和他的所有答题记录吗？删除后无法恢复。',
  'learnerEdit.notFound': '这位学生已经不在这台设备上了。',
  'data.learners.edit': '编辑{name}',
  'data.learners.editList': '编辑学生',
};
