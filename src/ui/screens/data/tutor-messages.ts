/** The tutor's section of the data page (issue 13): installing and deleting a model. Adult only. */
import type { Catalogue } from '../../../core/i18n';

export const tutorAdminMessagesEn: Catalogue = {
  'tutorAdmin.title': 'Tutor (optional)',
  'tutorAdmin.intro':
    'A small language model, provided by you as a .gguf file, can explain steps to a learner. It runs on this device: nothing is downloaded and nothing is sent anywhere.',
  'tutorAdmin.none': 'No model is installed: learners see no tutor.',
  'tutorAdmin.choose': 'Install a model (.gguf)…',
  'tutorAdmin.copying': 'Copying the model… {percent}%',
  'tutorAdmin.loading': 'Starting the model to check it runs…',
  'tutorAdmin.installed': 'Installed: {name}',
  'tutorAdmin.details': '{size} MB · {architecture} · {quantisation} · loaded in {seconds} s',
  'tutorAdmin.licence': 'Licence: {licence}',
  'tutorAdmin.noLicence': 'The file names no licence: check that you may use it.',
  'tutorAdmin.checksum': 'SHA-256: {sha}',
  'tutorAdmin.speed': 'Last reply: {tokensPerSecond} tokens per second ({tokens} tokens).',
  'tutorAdmin.delete': 'Delete the model',
  'tutorAdmin.deleted': 'The model was deleted.',
};

export const tutorAdminMessagesZh: Catalogue = {
  'tutorAdmin.title': '小助手（可选）',
  'tutorAdmin.intro':
    '由您提供的小型语言模型（.gguf 文件）可以为学生讲解步骤。它在这台设备上运行：不下载任何东西，也不发送任何东西。',
  'tutorAdmin.none': '没有安装模型：学生看不到小助手。',
  'tutorAdmin.choose': '安装模型（.gguf）…',
  'tutorAdmin.copying': '正在复制模型… {percent}%',
  'tutorAdmin.loading': '正在启动模型，检查它能否运行…',
  'tutorAdmin.installed': '已安装：{name}',
  'tutorAdmin.details': '{size} MB · {architecture} · {quantisation} · 加载用时 {seconds} 秒',
  'tutorAdmin.licence': '许可证：{licence}',
  'tutorAdmin.noLicence': '文件中没有写明许可证：请确认您可以使用它。',
  'tutorAdmin.checksum': 'SHA-256：{sha}',
  'tutorAdmin.speed': '上一次回答：每秒 {tokensPerSecond} 个词元（共 {tokens} 个）。',
  'tutorAdmin.delete': '删除模型',
  'tutorAdmin.deleted': '模型已删除。',
};
