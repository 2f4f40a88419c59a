/** Catalogue entries for the teacher's item-calibration summary (core/item-calibration.ts `calibrationReport`). */
import type { Catalogue } from './i18n';

export const calibrationMessagesEn: Catalogue = {
  'calibration.easier.moved':
    '“{name}” is easier than its level {placed}: right {right} of {answers, plural, one {# time} other {# times}} ({sure}% sure). It is now served at level {level}.',
  'calibration.easier.kept':
    '“{name}” is easier than its level {placed}: right {right} of {answers, plural, one {# time} other {# times}} ({sure}% sure). It stays at level {level}: the difference is less than a level, or no level is easier.',
  'calibration.harder.moved':
    '“{name}” is harder than its level {placed}: right {right} of {answers, plural, one {# time} other {# times}} ({sure}% sure). It is now served at level {level}.',
  'calibration.harder.kept':
    '“{name}” is harder than its level {placed}: right {right} of {answers, plural, one {# time} other {# times}} ({sure}% sure). It stays at level {level}: the difference is less than a level, or no level is harder.',
  'calibration.nobodyRight':
    '“{name}”: nobody got it right in {answers, plural, one {# answer} other {# answers}}, though about {expected} right answers were expected at level {placed}. Check its answer key.',
  'calibration.summary':
    '{judged, plural, one {# question has} other {# questions have}} enough answers to judge: {easier} easier and {harder} harder than placed, {nobody} that nobody gets right. {tooFew, plural, =0 {No question needs more answers.} one {# question still needs more answers.} other {# questions still need more answers.}}',
  'calibration.summary.none':
    'No question has enough answers to judge yet: each needs {min, plural, one {# answer} other {# answers}}.',
};

export const calibrationMessagesZh: Catalogue = {
  'calibration.easier.moved':
    '“{name}”比所定的第 {placed} 级容易：{answers, plural, other {# 次作答}}中答对 {right} 次（把握 {sure}%）。现在按第 {level} 级出题。',
  'calibration.easier.kept':
    '“{name}”比所定的第 {placed} 级容易：{answers, plural, other {# 次作答}}中答对 {right} 次（把握 {sure}%）。差距不到一级，或已没有更容易的级别，仍按第 {level} 级出题。',
  'calibration.harder.moved':
    '“{name}”比所定的第 {placed} 级难：{answers, plural, other {# 次作答}}中答对 {right} 次（把握 {sure}%）。现在按第 {level} 级出题。',
  'calibration.harder.kept':
    '“{name}”比所定的第 {placed} 级难：{answers, plural, other {# 次作答}}中答对 {right} 次（把握 {sure}%）。差距不到一级，或已没有更难的级别，仍按第 {level} 级出题。',
  'calibration.nobodyRight':
    '“{name}”：{answers, plural, other {# 次作答}}无人答对，而按第 {placed} 级预计约有 {expected} 次答对。请检查答案是否设错。',
  'calibration.summary':
    '{judged, plural, other {# 道题}}已有足够的作答可作判断：{easier} 道比所定级别容易，{harder} 道比所定级别难，{nobody} 道无人答对。{tooFew, plural, =0 {没有题目还需要更多作答。} other {另有 # 道题还需要更多作答。}}',
  'calibration.summary.none': '还没有题目有足够的作答可作判断：每道题需要 {min, plural, other {# 次作答}}。',
};
