/** English text for the maths course: strand and skill names, prompts, hints and worked steps. */
import type { Catalogue } from '../../core/i18n';

export const mathsMessagesEn: Catalogue = {
  // Strands
  'strand.number': 'Number',
  'strand.fractions': 'Fractions',
  'strand.decimals': 'Decimals',
  'strand.percentages': 'Percentages',
  'strand.negatives': 'Negative numbers',
  'strand.algebra': 'Algebra',

  // Skill names
  'skill.placeValue.name': 'Place value',
  'skill.addCarry.name': 'Adding with carrying',
  'skill.subBorrow.name': 'Subtracting with exchanging',
  'skill.rounding.name': 'Rounding',
  'skill.multFacts.name': 'Times tables',
  'skill.divFacts.name': 'Division facts',
  'skill.multMultiDigit.name': 'Multiplying bigger numbers',
  'skill.longDivision.name': 'Dividing bigger numbers',
  'skill.hcf.name': 'Highest common factor',
  'skill.lcm.name': 'Lowest common multiple',
  'skill.orderOps.name': 'Order of operations',
  'skill.orderOpsBrackets.name': 'Order of operations with brackets',
  'skill.fracEquivalent.name': 'Equivalent fractions',
  'skill.fracSimplify.name': 'Simplifying fractions',
  'skill.fracCompare.name': 'Comparing fractions',
  'skill.fracImproper.name': 'Mixed numbers to improper fractions',
  'skill.fracOfAmount.name': 'Fractions of amounts',
  'skill.fracAddSubLike.name': 'Adding and subtracting fractions (same denominator)',
  'skill.fracAddSubUnlike.name': 'Adding and subtracting fractions (different denominators)',
  'skill.fracMultiply.name': 'Multiplying fractions',
  'skill.decPlaceValue.name': 'Decimal place value',
  'skill.decCompare.name': 'Comparing decimals',
  'skill.decAddSub.name': 'Adding and subtracting decimals',
  'skill.decMult10.name': 'Multiplying and dividing by 10, 100 and 1000',
  'skill.decMultiply.name': 'Multiplying decimals',
  'skill.fracToDecimal.name': 'Fractions to decimals',
  'skill.decimalToFrac.name': 'Decimals to fractions',
  'skill.percentConvert.name': 'Percentages, fractions and decimals',
  'skill.percentOfAmount.name': 'Percentages of amounts',
  'skill.percentChange.name': 'Percentage increase and decrease',
  'skill.negOrder.name': 'Ordering negative numbers',
  'skill.negAddSub.name': 'Adding and subtracting negative numbers',
  'skill.negMultDiv.name': 'Multiplying and dividing negative numbers',
  'skill.substitution.name': 'Substituting into expressions',
  'skill.collectTerms.name': 'Collecting like terms',
  'skill.simplifyExpr.name': 'Simplifying expressions',
  'skill.expandBrackets.name': 'Expanding brackets',
  'skill.eqOneStep.name': 'One-step equations',
  'skill.eqTwoStep.name': 'Two-step equations',
  'skill.eqBothSides.name': 'Equations with unknowns on both sides',

  // Place value
  'item.placeValue.prompt': 'In the number {n}, what is the digit {d} worth?',
  'item.placeValue.hint': 'Count how many digits come after the {d}.',
  'item.placeValue.step1':
    '{k, plural, one {There is # digit} other {There are # digits}} after the {d}, so it stands for {d} followed by {k, plural, one {# zero} other {# zeros}}.',
  'item.placeValue.step1.ones': 'The {d} is the last digit, in the ones place, so it is worth {value}.',
  'item.placeValue.step2': 'So the {d} is worth {value}.',

  // Rounding
  'item.rounding.prompt': 'Round {n} to the nearest {unit}.',
  'item.rounding.hint':
    'Find the multiples of {unit} just below and just above {n}. Which one is nearer? Exactly halfway rounds up.',
  'item.rounding.step1': '{n} is between {lo} and {hi}. Halfway between them is {mid}.',
  'item.rounding.step2.up': '{n} is {mid} or more, so it rounds up to {ans}.',
  'item.rounding.step2.down': '{n} is less than {mid}, so it rounds down to {ans}.',

  // Adding with carrying
  'item.addCarry.prompt': 'Add these numbers.',
  'item.addCarry.hint':
    'Start with the ones. If a column adds up to 10 or more, carry 1 into the next column.',
  'item.addCarry.step1': 'Line the numbers up: ones under ones, tens under tens.',
  'item.addCarry.step2': 'Ones: {ao} + {bo} = {os}. Write {od} and carry 1 into the tens.',
  'item.addCarry.step3': 'Keep going to the left, adding any carried 1: {a} + {b} = {sum}.',

  // Subtracting with exchanging
  'item.subBorrow.prompt': 'Subtract.',
  'item.subBorrow.hint': 'Start with the ones. If the top digit is smaller, exchange 1 from the next column.',
  'item.subBorrow.step1':
    'Ones: {ao} is smaller than {bo}, so exchange 1 ten for 10 ones: {ao10} − {bo} = {od}.',
  'item.subBorrow.step2':
    'Carry on to the left, exchanging whenever the top digit is smaller: {a} − {b} = {diff}.',
  'item.subBorrow.step3': 'Check by adding back: {diff} + {b} = {a}.',

  // Times tables and division facts
  'item.multFacts.prompt': 'Multiply.',
  'item.multFacts.hint': 'Count in {a}s, or use a times-table fact you already know.',
  'item.multFacts.step1': 'Count in {a}s, {b, plural, one {once} other {# times}}: {seq}.',
  'item.multFacts.step2': 'So {a} × {b} = {product}.',
  'item.divFacts.prompt': 'Divide.',
  'item.divFacts.hint': 'Think of the {a} times table: what times {a} makes {n}?',
  'item.divFacts.step1': 'Ask yourself: what times {a} makes {n}?',
  'item.divFacts.step2': '{q} × {a} = {n}, so {n} ÷ {a} = {q}.',

  // Multiplying bigger numbers
  'item.multMultiDigit.prompt': 'Multiply.',
  'item.multMultiDigit.hint': 'Split {x} into {xt} and {xo}, multiply each part by {y}, then add.',
  'item.multMultiDigit.step1': 'Split {x} into {xt} + {xo}.',
  'item.multMultiDigit.step2': '{y} × {xt} = {p1}.',
  'item.multMultiDigit.step3': '{y} × {xo} = {p2}.',
  'item.multMultiDigit.step4': 'Add the parts: {p1} + {p2} = {product}.',

  // Dividing bigger numbers
  'item.longDivision.prompt': 'Divide.',
  'item.longDivision.hint': 'Split {n} into parts that are easy to divide by {d}.',
  'item.longDivision.step1': 'Split {n} into {n1} + {n2}: both parts divide exactly by {d}.',
  'item.longDivision.step2': '{n1} ÷ {d} = {q1} and {n2} ÷ {d} = {q2}.',
  'item.longDivision.step3': 'Add the answers: {q1} + {q2} = {q}, so {n} ÷ {d} = {q}.',

  // Factors and multiples
  'item.hcf.prompt': 'What is the highest common factor of {a} and {b}?',
  'item.hcf.hint': 'List the factors of each number. Which is the biggest number in both lists?',
  'item.hcf.step1': 'Factors of {a}: {fa}.',
  'item.hcf.step2': 'Factors of {b}: {fb}.',
  'item.hcf.step3': 'The biggest number in both lists is {g}.',
  'item.lcm.prompt': 'What is the lowest common multiple of {a} and {b}?',
  'item.lcm.hint': 'Count up in the bigger number until you reach one that the smaller number divides into.',
  'item.lcm.step1': 'Count in {big}s: {list}.',
  'item.lcm.step2': '{l} is the first of these that {small} divides into exactly, so the answer is {l}.',

  // Order of operations
  'item.orderOps.prompt': 'Work this out. Remember the order of operations.',
  'item.orderOps.hint': 'Multiply and divide before you add and subtract.',
  'item.orderOps.step.mulDiv': 'Multiply and divide first, from left to right: {work}.',
  'item.orderOps.step.addSub': 'Then add and subtract from left to right: {work}.',
  'item.orderOpsBrackets.prompt': 'Work this out. Remember the order of operations.',
  'item.orderOpsBrackets.hint': 'Brackets first, then multiply and divide, then add and subtract.',
  'item.orderOpsBrackets.step.brackets': 'Work out the brackets first: {work}.',
  'item.orderOpsBrackets.step.mulDiv': 'Then multiply or divide: {work}.',
  'item.orderOpsBrackets.step.addSub': 'Then add or subtract: {work}.',

  // Equivalent fractions
  'item.fracEquivalent.prompt': 'Find the missing number that makes the fractions equal.',
  'item.fracEquivalent.hint': 'Whatever you multiply the bottom by, multiply the top by the same number.',
  'item.fracEquivalent.step.simplify':
    'First simplify {f1}: divide the top and the bottom by {k1} to get {f0}.',
  'item.fracEquivalent.step.den': 'The bottom goes from {d1} to {d2}: that is × {k}.',
  'item.fracEquivalent.step.num': 'The top goes from {n1} to {n2}: that is × {k}.',
  'item.fracEquivalent.step.doNum': 'Do the same to the top: {n1} × {k} = {n2}.',
  'item.fracEquivalent.step.doDen': 'Do the same to the bottom: {d1} × {k} = {d2}.',

  // Simplifying fractions
  'item.fracSimplify.prompt': 'Write {f} in its simplest form.',
  'item.fracSimplify.hint': 'Find the biggest number that divides both the top and the bottom.',
  'item.fracSimplify.step1': 'The highest common factor of {n} and {d} is {g}.',
  'item.fracSimplify.step2': 'Divide the top and the bottom by {g}: {n} ÷ {g} = {n0} and {d} ÷ {g} = {d0}.',
  'item.fracSimplify.step3': 'So {f} = {ans}.',

  // Comparing fractions
  'item.fracCompare.prompt.largest': 'Which fraction is the largest?',
  'item.fracCompare.prompt.smallest': 'Which fraction is the smallest?',
  'item.fracCompare.hint': 'Give the fractions the same denominator, then compare the numerators.',
  'item.fracCompare.step1.same': 'The denominators are all {d}, so just compare the numerators.',
  'item.fracCompare.step1': 'Write them all with the denominator {L}: {list}.',
  'item.fracCompare.step2.largest': 'The biggest numerator wins, so the largest is {ans}.',
  'item.fracCompare.step2.smallest': 'The smallest numerator wins, so the smallest is {ans}.',

  // Mixed numbers
  'item.fracImproper.prompt': 'Write the mixed number {mixed} as an improper fraction.',
  'item.fracImproper.hint':
    'One whole is {d}/{d}. How many of those are in {w, plural, one {# whole} other {# wholes}}?',
  'item.fracImproper.step1':
    'Each whole is {d}/{d}, so {w, plural, one {# whole makes} other {# wholes make}} {wd}/{d}.',
  'item.fracImproper.step2': 'Add the {n}/{d}: {wd} + {n} = {num}, so the answer is {ans}.',

  // Fractions of amounts
  'item.fracOfAmount.prompt': 'What is {f} of {x}?',
  'item.fracOfAmount.hint': 'First find {unit} of {x} by dividing by {d}.',
  'item.fracOfAmount.step1': '{unit} of {x} is {x} ÷ {d} = {k}.',
  'item.fracOfAmount.step2': 'So {f} of {x} is {n} × {k} = {ans}.',

  // Adding and subtracting fractions
  'item.fracAddSubLike.prompt': 'Work this out. Give your answer in its simplest form.',
  'item.fracAddSubLike.hint': 'The denominators are the same, so only the numerators change.',
  'item.fracAddSubLike.step1.add': 'The denominators match, so add the numerators: {n1} + {n2} = {r}.',
  'item.fracAddSubLike.step1.sub': 'The denominators match, so subtract the numerators: {n1} − {n2} = {r}.',
  'item.fracAddSubLike.step.keep': 'Keep the denominator: the answer is {raw}.',
  'item.fracAddSubLike.step.simplify': 'Keep the denominator to get {raw}, then simplify: {ans}.',
  'item.fracAddSubUnlike.prompt': 'Work this out. Give your answer in its simplest form.',
  'item.fracAddSubUnlike.hint': 'Change both fractions so they have the same denominator first.',
  'item.fracAddSubUnlike.step1': 'A common denominator is {L}.',
  'item.fracAddSubUnlike.step2': '{f1} = {e1} and {f2} = {e2}.',
  'item.fracAddSubUnlike.step3': 'Now {e1} {op} {e2} = {raw}.',
  'item.fracAddSubUnlike.step.keep': '{raw} is already in its simplest form.',
  'item.fracAddSubUnlike.step.simplify': 'Simplify: {raw} = {ans}.',

  // Multiplying fractions
  'item.fracMultiply.prompt': 'Multiply. Give your answer in its simplest form.',
  'item.fracMultiply.hint': 'Multiply the tops together and the bottoms together.',
  'item.fracMultiply.step.whole': 'Write {w} as the fraction {w}/1.',
  'item.fracMultiply.step.num': 'Multiply the numerators: {n1} × {n2} = {n}.',
  'item.fracMultiply.step.den': 'Multiply the denominators: {d1} × {d2} = {d}.',
  'item.fracMultiply.step.keep': 'The answer is {raw}.',
  'item.fracMultiply.step.simplify': 'That gives {raw}, which simplifies to {ans}.',

  // Decimal place value
  'item.decPlaceValue.prompt': 'In the number {x}, what is the digit {dg} worth?',
  'item.decPlaceValue.hint': 'Look at where the digit is compared with the decimal point.',
  'item.decPlaceValue.step1': 'The {dg} is in the column where each 1 is worth {unit}.',
  'item.decPlaceValue.step2': 'So the {dg} is worth {dg} × {unit} = {value}.',

  // Comparing decimals
  'item.decCompare.prompt.largest': 'Which number is the largest?',
  'item.decCompare.prompt.smallest': 'Which number is the smallest?',
  'item.decCompare.hint': 'Give them all the same number of decimal places, then compare.',
  'item.decCompare.step1': 'Give them all the same number of decimal places: {list}.',
  'item.decCompare.step2.largest': 'Compare digit by digit from the left: the largest is {ans}.',
  'item.decCompare.step2.smallest': 'Compare digit by digit from the left: the smallest is {ans}.',

  // Adding and subtracting decimals
  'item.decAddSub.prompt': 'Work this out.',
  'item.decAddSub.hint': 'Line up the decimal points. Fill any gaps with zeros.',
  'item.decAddSub.step1': 'Line up the decimal points and fill the gaps with zeros: {a2} and {b2}.',
  'item.decAddSub.step2.add': 'Ignore the point and add: {A} + {B} = {R}.',
  'item.decAddSub.step2.sub': 'Ignore the point and subtract: {A} − {B} = {R}.',
  'item.decAddSub.step3': 'Put the point back so the answer has as many decimal places as {a2}: {ans}.',

  // Multiplying and dividing by 10, 100, 1000
  'item.decMult10.prompt': 'Work this out.',
  'item.decMult10.hint': 'Multiplying makes the number bigger; dividing makes it smaller. Count the zeros.',
  'item.decMult10.step1.mul1': 'Multiplying by 10 moves every digit one place to the left.',
  'item.decMult10.step1.mul2': 'Multiplying by 100 moves every digit two places to the left.',
  'item.decMult10.step1.mul3': 'Multiplying by 1000 moves every digit three places to the left.',
  'item.decMult10.step1.div1': 'Dividing by 10 moves every digit one place to the right.',
  'item.decMult10.step1.div2': 'Dividing by 100 moves every digit two places to the right.',
  'item.decMult10.step1.div3': 'Dividing by 1000 moves every digit three places to the right.',
  'item.decMult10.step2': 'So {x} {op} {p} = {ans}.',

  // Multiplying decimals
  'item.decMultiply.prompt': 'Multiply.',
  'item.decMultiply.hint': 'Multiply without the decimal points, then put the point back.',
  'item.decMultiply.step1': 'Ignore the decimal points: {A} × {B} = {P}.',
  'item.decMultiply.step2':
    'Count the digits after the decimal points in the question ({k} altogether). The answer gets the same number of decimal places: {ans}.',

  // Fractions and decimals
  'item.fracToDecimal.prompt': 'Write {f} as a decimal.',
  'item.fracToDecimal.hint': 'Make the denominator 10, 100 or 1000.',
  'item.fracToDecimal.step1':
    'Multiply the top and the bottom by {k} to make the denominator {den}: {f} = {g}.',
  'item.fracToDecimal.step2': '{g} = {ans}.',
  'item.decimalToFrac.prompt': 'Write {x} as a fraction in its simplest form.',
  'item.decimalToFrac.hint': 'Put the digits over 10, 100 or 1000, then simplify.',
  'item.decimalToFrac.step1': 'Use the digits as the top and {den} as the bottom: {x} = {raw}.',
  'item.decimalToFrac.step.keep': '{raw} is already in its simplest form.',
  'item.decimalToFrac.step.simplify': 'Divide the top and the bottom by {g}: {raw} = {ans}.',

  // Percentages
  'item.percentConvert.prompt.toDecimal': 'Write {p}% as a decimal.',
  'item.percentConvert.prompt.toFraction': 'Write {p}% as a fraction in its simplest form.',
  'item.percentConvert.prompt.fromDecimal': 'Write {x} as a percentage.',
  'item.percentConvert.prompt.fracToPercent': 'Write {f} as a percentage.',
  'item.percentConvert.hint': 'Per cent means “out of 100”.',
  'item.percentConvert.step.percentToDec': 'Per cent means out of 100, so divide by 100: {p} ÷ 100 = {ans}.',
  'item.percentConvert.step.percentToFrac': 'Per cent means out of 100: {p}% = {raw}.',
  'item.percentConvert.step.keep': '{raw} is already in its simplest form.',
  'item.percentConvert.step.simplify': 'Divide the top and the bottom by {g}: {raw} = {ans}.',
  'item.percentConvert.step.fracToDec': 'As a decimal, {f} = {dec}.',
  'item.percentConvert.step.decToPercent': 'Multiply by 100 to get the percentage: {x} × 100 = {ans}.',
  'item.percentOfAmount.prompt': 'What is {p}% of {x}?',
  'item.percentOfAmount.hint': 'Per cent means out of 100: multiply by the percentage, then divide by 100.',
  'item.percentOfAmount.step1': '{p}% of {x} means {p}/100 of {x}.',
  'item.percentOfAmount.step2': '{p} × {x} = {px}.',
  'item.percentOfAmount.step3': '{px} ÷ 100 = {ans}.',
  'item.percentChange.prompt.up': 'Increase {x} by {p}%.',
  'item.percentChange.prompt.down': 'Decrease {x} by {p}%.',
  'item.percentChange.hint': 'Work out the percentage of the amount first, then add it on or take it away.',
  'item.percentChange.step1': '{p}% of {x} is {p} × {x} ÷ 100 = {c}.',
  'item.percentChange.step2.up': 'Add it on: {x} + {c} = {ans}.',
  'item.percentChange.step2.down': 'Take it away: {x} − {c} = {ans}.',

  // Negative numbers
  'item.negOrder.prompt.largest': 'Which number is the largest?',
  'item.negOrder.prompt.smallest': 'Which number is the smallest?',
  'item.negOrder.hint': 'Picture a number line: the further left, the smaller the number.',
  'item.negOrder.step1': 'On a number line, from left to right: {list}.',
  'item.negOrder.step2.largest': 'The one furthest to the right is the largest: {ans}.',
  'item.negOrder.step2.smallest': 'The one furthest to the left is the smallest: {ans}.',
  'item.negAddSub.prompt': 'Work this out.',
  'item.negAddSub.hint': 'Use a number line: adding moves right, subtracting moves left.',
  'item.negAddSub.step.addNeg': 'Adding {b} is the same as subtracting {nb}: {rewritten}.',
  'item.negAddSub.step.subNeg': 'Subtracting {b} is the same as adding {nb}: {rewritten}.',
  'item.negAddSub.step.right':
    'Start at {a} on the number line and move {n} to the right. You land on {ans}.',
  'item.negAddSub.step.left': 'Start at {a} on the number line and move {n} to the left. You land on {ans}.',
  'item.negMultDiv.prompt': 'Work this out.',
  'item.negMultDiv.hint': 'Same signs give a positive answer; different signs give a negative answer.',
  'item.negMultDiv.step1': 'Ignore the signs first: {x} {op} {y} = {m}.',
  'item.negMultDiv.step2.same': 'The signs are the same, so the answer is positive: {ans}.',
  'item.negMultDiv.step2.diff': 'The signs are different, so the answer is negative: {ans}.',

  // Expressions
  'item.substitution.prompt': 'Find the value of this expression when {assign}.',
  'item.substitution.hint': 'Swap each letter for its number, then use the order of operations.',
  'item.substitution.step1': 'Put the numbers in place of the letters: {sub}.',
  'item.substitution.step2': 'Work it out: {work}.',
  'item.collectTerms.prompt': 'Simplify by collecting the {v} terms. What number goes in front of {v}?',
  'item.collectTerms.hint': 'Add and subtract the numbers in front of {v}, keeping each sign with its term.',
  'item.collectTerms.step1': 'All the terms are {v} terms, so combine the numbers in front: {work}.',
  'item.collectTerms.step2': 'So the expression simplifies to {ans}.',
  'item.simplifyExpr.prompt': 'Simplify this expression.',
  'item.simplifyExpr.hint': 'Collect the like terms. Each sign belongs to the term just after it.',
  'item.simplifyExpr.step1': 'Group the like terms, keeping their signs: {grouped}.',
  'item.simplifyExpr.step2': 'Combine each group: {ans}.',
  'item.expandBrackets.prompt': 'Expand the brackets.',
  'item.expandBrackets.hint': 'Multiply every term inside the brackets by the number outside.',
  'item.expandBrackets.step1': 'Multiply each term inside by {k}: {w1}, and {w2}.',
  'item.expandBrackets.step2': 'So {e} = {ans}.',

  // Equations
  'item.eqOneStep.prompt': 'Solve the equation. What is {v}?',
  'item.eqOneStep.hint': 'Do the opposite operation to both sides to get {v} on its own.',
  'item.eqTwoStep.prompt': 'Solve the equation. What is {v}?',
  'item.eqTwoStep.prompt.fraction':
    'Solve the equation. What is {v}? Give it as a fraction in its simplest form.',
  'item.eqTwoStep.hint': 'First undo the adding or subtracting, then undo the multiplying.',
  'item.eqBothSides.prompt': 'Solve the equation. What is {v}?',
  'item.eqBothSides.hint': 'Get all the {v} terms on one side and the numbers on the other.',
  'item.eq.add': 'Add {n} to both sides: {eq}.',
  'item.eq.sub': 'Subtract {n} from both sides: {eq}.',
  'item.eq.mul': 'Multiply both sides by {n}: {eq}.',
  'item.eq.div': 'Divide both sides by {n}: {eq}.',
  'item.eq.addVar': 'Add {t} to both sides: {eq}.',
  'item.eq.subVar': 'Subtract {t} from both sides: {eq}.',
  'item.eq.expand': 'Expand the brackets: {eq}.',
};
