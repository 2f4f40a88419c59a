/** Strings of the device passphrase: the unlock screen and its section of "Your data". Plain words. */
import type { Catalogue } from '../../../core/i18n';

export const encryptionMessagesEn: Catalogue = {
  'encryption.lockedError': 'The data on this device is locked. Type the device passphrase to open it.',
  'unlock.title': 'This device is locked',
  'unlock.intro':
    'The learners’ names and answers on this device are encrypted. A parent or teacher types the device passphrase to open them.',
  'unlock.passphrase': 'Device passphrase',
  'unlock.submit': 'Unlock',
  'unlock.busy': 'Checking…',
  'unlock.wrong': 'That passphrase does not unlock this device. Check it and try again.',
  'unlock.empty': 'Type the device passphrase.',
  'unlock.forgot':
    'Without the passphrase nobody can open this data, not even Lantern. Only a backup file can bring it back.',
  'unlock.toData': 'Forgotten passphrase? Delete everything and start again',
  'encryption.title': 'Lock the data with a device passphrase',
  'encryption.off':
    'Off. Someone who can open the browser’s developer tools or copy its files can read the learners’ names and answers.',
  'encryption.on':
    'On. The learners’ names, answers and progress are encrypted on this device. Lantern asks for the device passphrase each time it starts.',
  'encryption.what':
    'It protects the data on a lost or stolen device, and from a classmate using the browser’s developer tools. It does not protect a device left open with Lantern unlocked, someone watching the passphrase being typed, or harmful software. Some details stay readable: how many learners and answers there are, when they answered, and which skills.',
  'encryption.warning':
    'Write the passphrase down and keep it safe. If it is forgotten, nobody can recover the data on this device, not even Lantern. Only a backup file can bring it back.',
  'encryption.separate':
    'This is not the adult passphrase: choose a different one, known only to the adults who look after this device.',
  'encryption.passphrase': 'Device passphrase',
  'encryption.confirm': 'Type the device passphrase again',
  'encryption.help':
    'At least {min, plural, one {# character} other {# characters}}. A few words are easier to remember than symbols.',
  'encryption.tooShort':
    'Choose a passphrase of at least {min, plural, one {# character} other {# characters}}.',
  'encryption.mismatch': 'The two passphrases are not the same.',
  'encryption.accept': 'I understand: if this passphrase is forgotten, the data cannot be recovered.',
  'encryption.mustAccept': 'Tick the box to confirm you have read the warning.',
  'encryption.enable': 'Encrypt the data now',
  'encryption.enabling': 'Encrypting… (this can take a few seconds)',
  'encryption.enabled': 'Done. The data on this device is encrypted.',
  'encryption.current': 'Current device passphrase',
  'encryption.wrong': 'That is not the device passphrase.',
  'encryption.disableTitle': 'Turn encryption off',
  'encryption.disableHelp': 'Decrypts every record on this device. Nothing is deleted.',
  'encryption.disable': 'Decrypt and turn off',
  'encryption.disabling': 'Decrypting…',
  'encryption.disabled': 'Done. The data on this device is no longer encrypted.',
  'encryption.changeTitle': 'Change the device passphrase',
  'encryption.new': 'New device passphrase',
  'encryption.newConfirm': 'Type the new passphrase again',
  'encryption.change': 'Change passphrase',
  'encryption.changing': 'Changing…',
  'encryption.changed': 'The device passphrase was changed.',
};

export const encryptionMessagesZh: Catalogue = {
  'encryption.lockedError': '这台设备上的数据已锁定。请输入设备口令打开。',
  'unlock.title': '这台设备已锁定',
  'unlock.intro': '这台设备上学生的昵称和答题记录都已加密。请家长或老师输入设备口令打开。',
  'unlock.passphrase': '设备口令',
  'unlock.submit': '解锁',
  'unlock.busy': '正在检查……',
  'unlock.wrong': '这个口令无法解锁这台设备。请检查后再试一次。',
  'unlock.empty': '请输入设备口令。',
  'unlock.forgot': '没有口令，任何人都打不开这些数据，灯笼也不行。只有备份文件可以把数据找回来。',
  'unlock.toData': '忘记了口令？删除全部数据，重新开始',
  'encryption.title': '用设备口令锁住数据',
  'encryption.off': '未开启。能打开浏览器开发者工具或复制浏览器文件的人，可以看到学生的昵称和答题记录。',
  'encryption.on':
    '已开启。学生的昵称、答题记录和学习进度在这台设备上都已加密。每次启动时，灯笼都会要求输入设备口令。',
  'encryption.what':
    '它能在设备丢失或被盗时保护数据，也能防止同学用浏览器开发者工具查看。它不能保护解锁后无人看管的设备，不能防止别人偷看你输入口令，也不能防范恶意软件。有些信息仍然可以看到：有多少学生和答题记录、答题的时间，以及练习了哪些技能。',
  'encryption.warning':
    '请把口令写下来并妥善保管。如果忘记了，任何人都无法恢复这台设备上的数据，灯笼也不行。只有备份文件可以把数据找回来。',
  'encryption.separate': '这不是管理口令：请另选一个，只让照看这台设备的大人知道。',
  'encryption.passphrase': '设备口令',
  'encryption.confirm': '再输入一次设备口令',
  'encryption.help': '至少 {min} 个字符。几个词比一串符号更容易记住。',
  'encryption.tooShort': '口令至少要有 {min} 个字符。',
  'encryption.mismatch': '两次输入的口令不一样。',
  'encryption.accept': '我明白：如果忘记这个口令，数据将无法恢复。',
  'encryption.mustAccept': '请勾选方框，确认你已经读过这条警告。',
  'encryption.enable': '现在加密数据',
  'encryption.enabling': '正在加密……（可能需要几秒钟）',
  'encryption.enabled': '完成。这台设备上的数据已加密。',
  'encryption.current': '当前的设备口令',
  'encryption.wrong': '这不是设备口令。',
  'encryption.disableTitle': '关闭加密',
  'encryption.disableHelp': '解密这台设备上的所有记录，不会删除任何内容。',
  'encryption.disable': '解密并关闭',
  'encryption.disabling': '正在解密……',
  'encryption.disabled': '完成。这台设备上的数据不再加密。',
  'encryption.changeTitle': '更改设备口令',
  'encryption.new': '新的设备口令',
  'encryption.newConfirm': '再输入一次新口令',
  'encryption.change': '更改口令',
  'encryption.changing': '正在更改……',
  'encryption.changed': '设备口令已更改。',
};
