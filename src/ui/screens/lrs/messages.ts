/**
 * Strings of the Learning Record Store section of "Your data" (issue 14). Read by parents and
 * teachers: plain words; "LRS" and "xAPI" are named once, for the school's IT person.
 */
import type { Catalogue } from '../../../core/i18n';

export const lrsMessagesEn: Catalogue = {
  'lrs.title': 'Sending learning records to a school',
  'lrs.intro':
    'A school can collect the answers in its own Learning Record Store (an “LRS”, using the xAPI standard). Nothing is sent unless an adult sets it up here. The school sees each learner as a code, not their nickname, unless you choose otherwise.',
  'lrs.status.off': 'Not sending: no Learning Record Store is set up. Nothing leaves this device.',
  'lrs.status.to': 'Learning records are sent to {origin}.',
  'lrs.status.waiting':
    '{n, plural, one {# record is waiting to be sent.} other {# records are waiting to be sent.}}',
  'lrs.status.allSent': 'Nothing is waiting to be sent.',
  'lrs.status.lastSent': 'Last sent: {time}.',
  'lrs.status.neverSent': 'Nothing has been sent yet.',
  'lrs.problem.offline':
    'This device is offline. The records are kept and will be sent when it is back online.',
  'lrs.problem.unreachable':
    'Could not reach the Learning Record Store. Check its address and the school’s network. The records are kept; Lantern tries again at {time}.',
  'lrs.problem.unauthorised':
    'The Learning Record Store refused the key and secret (error {status}). Check them below. The records are kept.',
  'lrs.problem.server':
    'The Learning Record Store had a problem (error {status}). The records are kept; Lantern tries again at {time}.',
  'lrs.quarantine.count':
    '{n, plural, one {# record was refused by the Learning Record Store.} other {# records were refused by the Learning Record Store.}} They are kept aside, not lost: save them as a file for the school, or try again once it is fixed.',
  'lrs.quarantine.export': 'Save the refused records as a file',
  'lrs.quarantine.retry': 'Try the refused records again',
  'lrs.quarantine.retried':
    '{n, plural, one {# record is back in the queue.} other {# records are back in the queue.}}',
  'lrs.sendNow': 'Send now',
  'lrs.sending': 'Sending…',
  'lrs.form.title': 'Learning Record Store settings',
  'lrs.form.endpoint': 'LRS address (xAPI endpoint)',
  'lrs.form.endpointHelp':
    'For example https://lrs.school.example/xapi/. This copy of Lantern may connect only to: {allowed}.',
  'lrs.form.key': 'Key',
  'lrs.form.secret': 'Secret',
  'lrs.form.secretHelp':
    'A learner’s device needs a key that may only add records. When the device passphrase is on, the secret is stored encrypted with it.',
  'lrs.form.secretKept': 'A secret is saved. Leave this empty to keep it.',
  'lrs.form.base': 'Address of the activities (IRI base)',
  'lrs.form.baseHelp': 'Skills and exercises are named under this address in the records.',
  'lrs.form.nicknames': 'Include the learners’ nicknames in the records',
  'lrs.form.nicknamesHelp':
    'Off: the school sees only a code for each learner and matches it to names itself.',
  'lrs.form.since': 'Also send answers given since (optional)',
  'lrs.form.sinceHelp': 'Answers from before Lantern was connected are sent too, from this date on.',
  'lrs.form.save': 'Save and start sending',
  'lrs.form.saving': 'Saving…',
  'lrs.form.saved': 'Saved. Records are sent whenever this device is online.',
  'lrs.form.remove': 'Stop sending to this LRS',
  'lrs.form.removed': 'Stopped. Nothing more is sent; records already waiting stay on this device.',
  'lrs.pull.title': 'On the teacher’s device: the class from the LRS',
  'lrs.pull.help':
    'With a key that may read the class (keep it on the teacher’s device only), Lantern gets every tablet’s answers from the LRS and shows them in the class view. Learners from other tablets appear as a code until their class file brings their nickname: names never go through the LRS.',
  'lrs.pull.key': 'Read key',
  'lrs.pull.secret': 'Read secret',
  'lrs.pull.submit': 'Get the class’s records',
  'lrs.pull.busy': 'Getting the records…',
  'lrs.classPull.submit': 'Get the class from the school’s record store',
  'lrs.classPull.help':
    'Answers from every tablet that sends to the school’s record store ({origin}). Learners from other tablets show as a code until their class file brings their nickname.',
  'lrs.pull.done':
    '{statements, plural, one {# record read} other {# records read}}: {attempts, plural, one {# new answer} other {# new answers}}, {learners, plural, one {# new learner} other {# new learners}}.',
  'lrs.pullNotSetUp': 'Set up the LRS above and type the read key and secret first.',
  'lrs.pullRefused': 'The LRS refused the read key and secret (error {status}). Check them.',
  'lrs.pullUnreachable': 'Could not reach the LRS. Check the connection and try again.',
  'lrs.export.title': 'A learner’s records as a file',
  'lrs.export.help':
    'Save every answer of one learner as xAPI statements in a JSON file, for the school. It works offline, with or without an LRS. The file holds the answers: keep it like a register.',
  'lrs.export.who': 'Learner',
  'lrs.export.submit': 'Save the records',
  'lrs.export.done': 'Saved {filename}.',
  'lrs.endpointInvalid': 'Type the LRS address in full, starting with https:// (no user name, ? or #).',
  'lrs.endpointNotAllowed':
    'This copy of Lantern may connect only to {allowed}. To send to {origin}, the school builds Lantern with LANTERN_LRS_ORIGINS={origin} (see the README).',
  'lrs.keyRequired': 'Type the key the school gave you.',
  'lrs.secretRequired': 'Type the secret the school gave you.',
  'lrs.baseInvalid': 'Type a full address starting with https:// for the activities.',
  'lrs.sinceInvalid': 'Choose a date that is not in the future, or leave it empty.',
};

export const lrsMessagesZh: Catalogue = {
  'lrs.title': '向学校发送学习记录',
  'lrs.intro':
    '学校可以把答题记录收集到自己的学习记录库（LRS，采用 xAPI 标准）。只有大人在这里设置后才会发送。学校看到的是每名学生的代码，而不是昵称，除非你另行设置。',
  'lrs.status.off': '没有发送：还没有设置学习记录库。所有数据都不会离开这台设备。',
  'lrs.status.to': '学习记录会发送到 {origin}。',
  'lrs.status.waiting': '{n, plural, other {有 # 条记录等待发送。}}',
  'lrs.status.allSent': '没有等待发送的记录。',
  'lrs.status.lastSent': '上次发送：{time}。',
  'lrs.status.neverSent': '还没有发送过记录。',
  'lrs.problem.offline': '这台设备没有联网。记录会保留，联网后再发送。',
  'lrs.problem.unreachable': '无法连接学习记录库。请检查地址和学校的网络。记录会保留；灯笼将在 {time} 再试。',
  'lrs.problem.unauthorised':
    '学习记录库拒绝了密钥和密钥密码（错误 {status}）。请检查下面的设置。记录会保留。',
  'lrs.problem.server': '学习记录库出了问题（错误 {status}）。记录会保留；灯笼将在 {time} 再试。',
  'lrs.quarantine.count':
    '{n, plural, other {有 # 条记录被学习记录库拒绝。}}这些记录已单独保存，不会丢失：可以保存为文件交给学校，或在问题解决后重试。',
  'lrs.quarantine.export': '把被拒绝的记录保存为文件',
  'lrs.quarantine.retry': '重新发送被拒绝的记录',
  'lrs.quarantine.retried': '{n, plural, other {# 条记录已重新加入发送队列。}}',
  'lrs.sendNow': '立即发送',
  'lrs.sending': '正在发送……',
  'lrs.form.title': '学习记录库设置',
  'lrs.form.endpoint': '学习记录库地址（xAPI 端点）',
  'lrs.form.endpointHelp': '例如 https://lrs.school.example/xapi/。这个版本的灯笼只允许连接：{allowed}。',
  'lrs.form.key': '密钥（Key）',
  'lrs.form.secret': '密钥密码（Secret）',
  'lrs.form.secretHelp': '学生的设备只需要一个只能添加记录的密钥。开启设备口令后，密钥密码会用它加密保存。',
  'lrs.form.secretKept': '已保存密钥密码。留空即保留原来的。',
  'lrs.form.base': '活动地址（IRI 前缀）',
  'lrs.form.baseHelp': '记录中的技能和练习题都以这个地址命名。',
  'lrs.form.nicknames': '在记录中包含学生的昵称',
  'lrs.form.nicknamesHelp': '关闭时，学校只看到每名学生的代码，由学校自己对应到姓名。',
  'lrs.form.since': '同时发送从这一天起的答题（可选）',
  'lrs.form.sinceHelp': '连接灯笼之前的答题，从这一天起也会发送。',
  'lrs.form.save': '保存并开始发送',
  'lrs.form.saving': '正在保存……',
  'lrs.form.saved': '已保存。这台设备联网时就会发送记录。',
  'lrs.form.remove': '停止向这个学习记录库发送',
  'lrs.form.removed': '已停止，不会再发送；已在等待的记录仍保留在这台设备上。',
  'lrs.pull.title': '在老师的设备上：从学习记录库获取全班记录',
  'lrs.pull.help':
    '使用可以读取全班记录的密钥（只保存在老师的设备上），灯笼会从学习记录库获取每台平板上的答题，并在班级总览中显示。其他平板上的学生先以代码显示，导入他们的班级文件后才显示昵称：姓名从不经过学习记录库。',
  'lrs.pull.key': '读取用的密钥',
  'lrs.pull.secret': '读取用的密钥密码',
  'lrs.pull.submit': '获取全班记录',
  'lrs.pull.busy': '正在获取记录……',
  'lrs.classPull.submit': '从学校的学习记录库获取全班记录',
  'lrs.classPull.help':
    '获取所有向学校学习记录库（{origin}）发送记录的平板上的答题。其他平板上的学生先以代码显示，导入他们的班级文件后才显示昵称。',
  'lrs.pull.done':
    '{statements, plural, other {读取了 # 条记录}}：{attempts, plural, other {新增 # 条答题}}，{learners, plural, other {新增 # 名学生}}。',
  'lrs.pullNotSetUp': '请先在上面设置学习记录库，并输入读取用的密钥和密钥密码。',
  'lrs.pullRefused': '学习记录库拒绝了读取用的密钥和密钥密码（错误 {status}）。请检查。',
  'lrs.pullUnreachable': '无法连接学习记录库。请检查网络后重试。',
  'lrs.export.title': '把一名学生的记录保存为文件',
  'lrs.export.help':
    '把一名学生的所有答题以 xAPI 语句保存到一个 JSON 文件中，交给学校。不联网、没有设置学习记录库也能使用。文件里有答题内容：请像保管花名册一样保管它。',
  'lrs.export.who': '学生',
  'lrs.export.submit': '保存记录',
  'lrs.export.done': '已保存 {filename}。',
  'lrs.endpointInvalid': '请输入完整的学习记录库地址，以 https:// 开头（不要包含用户名、? 或 #）。',
  'lrs.endpointNotAllowed':
    '这个版本的灯笼只允许连接 {allowed}。要发送到 {origin}，学校需要用 LANTERN_LRS_ORIGINS={origin} 重新构建灯笼（见 README）。',
  'lrs.keyRequired': '请输入学校提供的密钥。',
  'lrs.secretRequired': '请输入学校提供的密钥密码。',
  'lrs.baseInvalid': '请为活动输入以 https:// 开头的完整地址。',
  'lrs.sinceInvalid': '请选择不晚于今天的日期，或留空。',
};
