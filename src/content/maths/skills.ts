/**
 * The maths course's skills and their prerequisite graph. Bands are rough school years
 * (1 = earliest); strands group skills on the map. Names live in the catalogues
 * (`skill.<id>.name`), strand names under `strand.<strand>`.
 */
import type { Skill } from '../../core/types';

export const STRANDS = ['number', 'fractions', 'decimals', 'percentages', 'negatives', 'algebra'] as const;
export type Strand = (typeof STRANDS)[number];

const s = (id: string, strand: Strand, band: number, prerequisites: string[] = []): Skill => ({
  id,
  nameKey: `skill.${id}.name`,
  prerequisites,
  strand,
  band,
});

export const mathsSkills: readonly Skill[] = [
  // Number
  s('placeValue', 'number', 1),
  s('addCarry', 'number', 1, ['placeValue']),
  s('subBorrow', 'number', 2, ['addCarry']),
  s('rounding', 'number', 2, ['placeValue']),
  s('multFacts', 'number', 2, ['addCarry']),
  s('divFacts', 'number', 2, ['multFacts']),
  s('multMultiDigit', 'number', 3, ['multFacts', 'addCarry']),
  s('longDivision', 'number', 3, ['divFacts', 'subBorrow']),
  s('hcf', 'number', 3, ['divFacts']),
  s('lcm', 'number', 3, ['multFacts']),
  s('orderOps', 'number', 4, ['multFacts', 'divFacts', 'subBorrow']),
  s('orderOpsBrackets', 'number', 4, ['orderOps']),
  // Fractions
  s('fracEquivalent', 'fractions', 3, ['multFacts', 'divFacts']),
  s('fracSimplify', 'fractions', 3, ['fracEquivalent', 'hcf']),
  s('fracCompare', 'fractions', 3, ['fracEquivalent', 'lcm']),
  s('fracImproper', 'fractions', 3, ['fracEquivalent']),
  s('fracOfAmount', 'fractions', 3, ['fracEquivalent', 'divFacts']),
  s('fracAddSubLike', 'fractions', 4, ['fracSimplify', 'fracImproper']),
  s('fracAddSubUnlike', 'fractions', 4, ['fracAddSubLike', 'lcm']),
  s('fracMultiply', 'fractions', 4, ['fracSimplify']),
  // Decimals
  s('decPlaceValue', 'decimals', 3, ['placeValue', 'fracEquivalent']),
  s('decCompare', 'decimals', 3, ['decPlaceValue']),
  s('decAddSub', 'decimals', 4, ['decPlaceValue', 'addCarry', 'subBorrow']),
  s('decMult10', 'decimals', 4, ['decPlaceValue', 'multFacts']),
  s('decMultiply', 'decimals', 5, ['decMult10', 'multMultiDigit']),
  s('fracToDecimal', 'decimals', 4, ['decMult10', 'fracEquivalent']),
  s('decimalToFrac', 'decimals', 4, ['decPlaceValue', 'fracSimplify']),
  // Percentages
  s('percentConvert', 'percentages', 5, ['fracToDecimal', 'decimalToFrac']),
  s('percentOfAmount', 'percentages', 5, ['percentConvert', 'fracOfAmount']),
  s('percentChange', 'percentages', 6, ['percentOfAmount', 'decAddSub']),
  // Negative numbers
  s('negOrder', 'negatives', 4, ['placeValue', 'subBorrow']),
  s('negAddSub', 'negatives', 5, ['negOrder']),
  s('negMultDiv', 'negatives', 5, ['negAddSub', 'divFacts']),
  // Algebra
  s('substitution', 'algebra', 5, ['orderOpsBrackets']),
  s('collectTerms', 'algebra', 5, ['substitution', 'negAddSub']),
  s('simplifyExpr', 'algebra', 6, ['collectTerms']),
  s('expandBrackets', 'algebra', 6, ['simplifyExpr', 'negMultDiv']),
  s('eqOneStep', 'algebra', 6, ['substitution', 'negAddSub', 'divFacts']),
  s('eqTwoStep', 'algebra', 7, ['eqOneStep', 'negMultDiv', 'fracSimplify']),
  s('eqBothSides', 'algebra', 7, ['eqTwoStep', 'expandBrackets']),
];
