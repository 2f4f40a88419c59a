/** The tutor runtime's and installer's messages (issue 13): loaded only with the tutor's screens. */
import type { Catalogue } from '../../core/i18n';

export const tutorAppMessagesEn: Catalogue = {
  'tutorApp.loadTimeout':
    'The tutor did not start within {seconds} seconds. Try again, or ask an adult to check the model.',
  'tutorApp.loadFailed': 'The tutor could not start on this device.',
  'tutorApp.generateFailed': 'The tutor stopped with an error. Try again.',
  'tutorApp.tooLarge':
    'This model is too large for this device ({size} MB; at most {max} MB here). Choose a smaller model.',
  'tutorApp.noSpace':
    'Not enough space on this device for this model ({size} MB; {free} MB free). Free some space and try again.',
  'tutorApp.noOpfs': 'This browser cannot keep a model file (no private file storage).',
  'tutorApp.writeFailed': 'The model file could not be saved on this device.',
  'tutorApp.runtimeUnavailable':
    'The tutor’s runtime could not be fetched from Lantern’s own address. Connect once to install a model.',
  'tutorApp.notInstalled': 'No tutor model is installed on this device.',
  'tutorApp.unavailable': 'The tutor cannot run in this browser.',
};

export const tutorAppMessagesZh: Catalogue = {
  'tutorApp.loadTimeout': '小助手在 {seconds} 秒内没有启动。请再试一次，或请大人检查模型。',
  'tutorApp.loadFailed': '小助手无法在这台设备上启动。',
  'tutorApp.generateFailed': '小助手出错停止了。请再试一次。',
  'tutorApp.tooLarge': '这个模型对这台设备来说太大了（{size} MB；这里最多 {max} MB）。请选择更小的模型。',
  'tutorApp.noSpace': '这台设备的空间不够放这个模型（{size} MB；剩余 {free} MB）。请腾出空间后再试。',
  'tutorApp.noOpfs': '这个浏览器无法保存模型文件（没有私有文件存储）。',
  'tutorApp.writeFailed': '模型文件无法保存到这台设备。',
  'tutorApp.runtimeUnavailable': '无法从 Lantern 自己的地址获取小助手的运行环境。安装模型时请先联网一次。',
  'tutorApp.notInstalled': '这台设备上没有安装小助手模型。',
  'tutorApp.unavailable': '小助手无法在这个浏览器中运行。',
};
