/** Strings of the "Your data" page (screens/data). Read by parents and teachers: plain words, no jargon. */
import type { Catalogue } from '../../../core/i18n';

export const dataMessagesEn: Catalogue = {
  'data.title': 'Your data',
  'data.intro':
    'Everything Lantern saves stays in this browser, on this device. Nothing is sent anywhere. Only a file you save yourself can leave it.',
  'data.intro.sending':
    'Everything Lantern saves stays in this browser, on this device, and a copy of each answer is also sent to the school’s Learning Record Store at {origin} (see “Sending learning records to a school” below). Nothing goes anywhere else.',
  'data.stored.title': 'What is stored',
  'data.stored.none': 'No learners are saved on this device.',
  'data.stored.learner': '{name} — answers: {attempts}, with their learning progress; about {size}',
  'data.stored.learnerNew': '{name} — no answers yet; about {size}',
  'data.stored.learnerModel':
    '{name} — answers: {attempts}, with their learning progress and a learning model fine-tuned on them ({modelSize}); about {size}',
  'data.stored.totals':
    'In total — learners: {learners}; answers: {attempts}; device settings (such as the language): {settings}.',
  'data.stored.size': 'Lantern’s records take about {size}.',
  'data.stored.quota':
    'This site uses {used} of the {quota} the browser allows it, including the app itself, kept for offline use.',
  'data.persist.yes': 'Storage is persistent: the browser will not delete Lantern’s data to free up space.',
  'data.persist.no':
    'Storage is not persistent yet: if the device runs short of space, the browser may delete Lantern’s data.',
  'data.persist.why':
    'Asking the browser to keep the data protects the learners’ progress; it does not send anything anywhere.',
  'data.persist.request': 'Ask the browser to keep Lantern’s data',
  'data.persist.denied':
    'The browser said no for now. Browsers often agree once Lantern is installed or used more. Save a backup file to be safe.',
  'data.persist.unsupported': 'This browser cannot be asked to keep the data. Save a backup file to be safe.',
  'data.export.title': 'Save a backup file',
  'data.export.help':
    'The file holds the learners’ names, PIN locks, answers and progress. Keep it somewhere safe, like a register.',
  'data.export.who': 'Which learners',
  'data.export.all': 'All learners',
  'data.export.lock': 'Lock the file with a passphrase',
  'data.export.passphrase': 'Passphrase',
  'data.export.confirm': 'Type the passphrase again',
  'data.export.passphraseHelp':
    '{min, plural, one {At least # character.} other {At least # characters.}} Write it down: if the passphrase is lost, nobody can open the file — not even Lantern.',
  'data.export.tooShort':
    '{min, plural, one {Choose a passphrase of at least # character.} other {Choose a passphrase of at least # characters.}}',
  'data.export.mismatch': 'The two passphrases are not the same.',
  'data.export.submit': 'Save backup file',
  'data.export.busy': 'Making the backup…',
  'data.export.done': 'Saved “{filename}”. Check your downloads folder.',
  'data.import.title': 'Restore from a backup file',
  'data.import.help':
    'Learners and answers in the file are added to this device. Nothing already here is removed, and restoring the same file twice adds nothing.',
  'data.import.file': 'Backup file',
  'data.import.encrypted': 'This file is locked. Type its passphrase to restore it.',
  'data.import.passphrase': 'Passphrase of the file',
  'data.import.submit': 'Restore',
  'data.import.busy': 'Restoring…',
  'data.import.unreadable': 'This file could not be read. Choose it again.',
  'data.import.done':
    'Restored. New learners: {learners}. New answers: {attempts}. Answers already on this device: {skipped}.',
  'data.delete.title': 'Delete everything',
  'data.delete.help':
    'Deletes every learner, every answer and all settings (except the language) from this browser. The app itself stays and still opens without internet, so a backup can be restored at once. This cannot be undone: save a backup file first if you may need it.',
  'data.delete.start': 'Delete everything…',
  'data.delete.unsent':
    '{n, plural, one {# learning record has not been sent to the school yet.} other {# learning records have not been sent to the school yet.}} Deleting everything loses them for good. Connect to the school’s network and send them first, or save each learner’s records as a file.',
  'data.delete.prompt': 'To confirm, type {word} in the box.',
  'data.delete.word': 'DELETE',
  'data.delete.input': 'Confirmation word',
  'data.delete.confirm': 'Delete everything now',
  'data.delete.cancel': 'Cancel',
  'data.delete.busy': 'Deleting…',
  'data.deleted.title': 'Everything was deleted',
  'data.deleted.body':
    'Every learner, answer and setting is gone from this browser. Lantern itself is still installed and works without internet: start again to add learners or restore a backup file.',
  'data.deleted.restart': 'Start again',
};

export const dataMessagesZh: Catalogue = {
  'data.title': '你的数据',
  'data.intro':
    '灯笼保存的一切都留在这台设备的浏览器里，不会发送到任何地方。只有你自己保存的文件才能把数据带出去。',
  'data.intro.sending':
    '灯笼保存的一切都留在这台设备的浏览器里，同时每次答题的副本也会发送到学校的学习记录库 {origin}（见下方“向学校发送学习记录”），不会发送到其他任何地方。',
  'data.stored.title': '保存了什么',
  'data.stored.none': '这台设备上还没有保存任何学生。',
  'data.stored.learner': '{name}：{attempts} 条答题记录及学习进度，约 {size}',
  'data.stored.learnerNew': '{name}：还没有答题记录，约 {size}',
  'data.stored.learnerModel':
    '{name}：{attempts} 条答题记录、学习进度，以及据此微调的学习模型（{modelSize}），约 {size}',
  'data.stored.totals': '合计：{learners} 名学生，{attempts} 条答题记录，{settings} 项设备设置（例如语言）。',
  'data.stored.size': '灯笼的记录约占 {size}。',
  'data.stored.quota': '这个网站已使用 {used}，浏览器最多允许 {quota}（包括为离线使用而保存的应用本身）。',
  'data.persist.yes': '已开启持久存储：浏览器不会为了腾出空间而删除灯笼的数据。',
  'data.persist.no': '还没有开启持久存储：如果设备空间不足，浏览器可能会删除灯笼的数据。',
  'data.persist.why': '请浏览器保留数据，可以保护学生的学习进度；这不会把任何内容发送出去。',
  'data.persist.request': '请浏览器保留灯笼的数据',
  'data.persist.denied':
    '浏览器暂时没有同意。安装灯笼或更常使用后，浏览器通常会同意。为保险起见，请保存一份备份文件。',
  'data.persist.unsupported': '这个浏览器不支持保留数据的请求。为保险起见，请保存一份备份文件。',
  'data.export.title': '保存备份文件',
  'data.export.help': '文件里有学生的昵称、密码、答题记录和学习进度。请像保管花名册一样妥善保管。',
  'data.export.who': '哪些学生',
  'data.export.all': '所有学生',
  'data.export.lock': '用口令给文件加锁',
  'data.export.passphrase': '口令',
  'data.export.confirm': '再输入一次口令',
  'data.export.passphraseHelp':
    '至少 {min} 个字符。请把它记下来：口令一旦丢失，任何人都打不开这个文件，灯笼也不行。',
  'data.export.tooShort': '口令至少要有 {min} 个字符。',
  'data.export.mismatch': '两次输入的口令不一样。',
  'data.export.submit': '保存备份文件',
  'data.export.busy': '正在制作备份……',
  'data.export.done': '已保存“{filename}”。请查看下载文件夹。',
  'data.import.title': '从备份文件恢复',
  'data.import.help':
    '文件中的学生和答题记录会添加到这台设备上。这里已有的内容不会被删除，同一个文件恢复两次也不会重复添加。',
  'data.import.file': '备份文件',
  'data.import.encrypted': '这个文件已加锁。请输入它的口令来恢复。',
  'data.import.passphrase': '文件的口令',
  'data.import.submit': '恢复',
  'data.import.busy': '正在恢复……',
  'data.import.unreadable': '无法读取这个文件。请重新选择。',
  'data.import.done':
    '已恢复：新增 {learners} 名学生和 {attempts} 条答题记录；另有 {skipped} 条答题记录本来就在这台设备上。',
  'data.delete.title': '删除全部数据',
  'data.delete.help':
    '从这个浏览器中删除所有学生、所有答题记录和全部设置（语言设置除外）。应用本身会保留，没有网络也能打开，可以立即恢复备份。此操作无法撤销：如果以后可能需要，请先保存备份文件。',
  'data.delete.start': '删除全部数据……',
  'data.delete.unsent':
    '{n, plural, other {有 # 条学习记录还没有发送给学校。}}删除全部数据会永久丢失这些记录。请先连接学校的网络发送，或把每名学生的记录保存为文件。',
  'data.delete.prompt': '请在框中输入“{word}”以确认。',
  'data.delete.word': '删除',
  'data.delete.input': '确认词',
  'data.delete.confirm': '立即删除全部数据',
  'data.delete.cancel': '取消',
  'data.delete.busy': '正在删除……',
  'data.deleted.title': '已删除全部数据',
  'data.deleted.body':
    '所有学生、答题记录和设置都已从这个浏览器中删除。灯笼仍然安装着，没有网络也能使用：重新开始后，可以添加学生或恢复备份文件。',
  'data.deleted.restart': '重新开始',
};
