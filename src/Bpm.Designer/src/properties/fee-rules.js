// How a <bpm:fee>'s amount reads as one of the rules the designer offers, and back
// (docs/payments.md). The engine takes any expression of the condition language; these are the
// shapes a fee schedule usually has, so that a designer fills in numbers instead of writing one.
// An amount of no known shape is kept and edited as it is ('expression').

export const RULE_KINDS = [
  [ 'fixed', 'Số tiền cố định' ],
  [ 'perUnit', 'Đơn giá × số lượng' ],
  [ 'percent', 'Tỷ lệ %, có mức tối thiểu, tối đa' ],
  [ 'bands', 'Theo bậc (điều kiện → số tiền)' ],
  [ 'expression', 'Biểu thức khác' ],
];

const NAME = '[A-Za-z_][A-Za-z0-9_.]*';
const NUMBER = '\\d+(?:\\.\\d+)?';
const PER_UNIT = new RegExp(`^\\s*(${NUMBER})?\\s*\\*\\s*(${NAME})?\\s*$`);
const PERCENT = new RegExp(`^\\s*(${NAME})?\\s*\\*\\s*(${NUMBER})?\\s*$`);

/** The rule kind an amount has as written: bands win, then a whole number, then the two products. */
export function ruleKind(fee) {
  if ((fee.get('bands') || []).length) {
    return 'bands';
  }
  const amount = fee.get('amount') || '';
  if (/^\s*\d*\s*$/.test(amount)) {
    return 'fixed';
  }
  const perUnit = PER_UNIT.exec(amount);
  if (perUnit && perUnit[1] && perUnit[2]) {
    return 'perUnit';
  }
  const percent = PERCENT.exec(amount);
  if (percent && percent[1] && percent[2]) {
    return 'percent';
  }
  return 'expression';
}

/** `8000 * soBanSao` → { price: '8000', variable: 'soBanSao' }; a lone number is the price. */
export function readPerUnit(amount) {
  const m = PER_UNIT.exec(amount || '');
  if (m) {
    return { price: m[1] || '', variable: m[2] || '' };
  }
  return /^\s*\d+\s*$/.test(amount || '') ? { price: amount.trim(), variable: '' } : { price: '', variable: '' };
}

export function writePerUnit({ price, variable }) {
  return price || variable ? `${price || ''} * ${variable || ''}`.trim() : undefined;
}

/** `giaTri * 0.001` → { variable: 'giaTri', percent: '0,1' } (percent in Vietnamese notation). */
export function readPercent(amount) {
  const m = PERCENT.exec(amount || '');
  if (!m) {
    return { variable: '', percent: '' };
  }
  return { variable: m[1] || '', percent: m[2] ? formatDecimal(Number(m[2]) * 100).replace('.', ',') : '' };
}

export function writePercent({ variable, percent }) {
  const factor = percent === '' || percent === undefined ? '' : formatDecimal(Number(String(percent).replace(',', '.')) / 100);
  return variable || factor ? `${variable || ''} * ${factor}`.trim() : undefined;
}

/** A percent as typed, "0,1" or "2.5": a number above 0 and at most 100. */
export function isPercent(text) {
  const value = Number(String(text).replace(',', '.'));
  return /^\d+([.,]\d+)?$/.test(String(text).trim()) && value > 0 && value <= 100;
}

// Floating point turns 0.1 / 100 into 0.0010000000000000002; twelve digits are more than any rate needs.
function formatDecimal(value) {
  return String(Number(value.toPrecision(12)));
}

/** The attributes to write when the designer picks another rule kind, from the amount there is now. */
export function switchRule(fee, kind) {
  const amount = fee.get('amount') || '';
  const number = (/\d+/.exec(amount) || [ '' ])[0];
  switch (kind) {
    case 'fixed':
      return { amount: number || '0' };
    case 'perUnit':
      return { amount: writePerUnit({ price: number, variable: '' }) };
    case 'percent':
      return { amount: writePercent({ variable: '', percent: '' }) };
    default:
      return { amount: amount || '0' };
  }
}
