// Working time as the engine counts it (docs/bpmn-extensions.md, docs/working-time.md):
// a week is 5 working days, a working day 8 working hours; years and months are not working time.
export const HOURS_PER_WORKING_DAY = 8;

const DURATION = /^P(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

function num(text) {
  return text ? Number(text.replace(',', '.')) : 0;
}

/** Hours of working time in an ISO 8601 duration, or null when it is not a working-time duration. */
export function workingHours(duration) {
  if (typeof duration !== 'string') {
    return null;
  }
  const text = duration.trim().toUpperCase();
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) {
    return null;
  }
  const [ , weeks, days, hours, minutes, seconds ] = m;
  return num(weeks) * 5 * HOURS_PER_WORKING_DAY + num(days) * HOURS_PER_WORKING_DAY +
    num(hours) + num(minutes) / 60 + num(seconds) / 3600;
}

function round(value) {
  return Math.round(value * 100) / 100;
}

/** "2 ngày 4 giờ làm việc (20 giờ)" — how the designer shows working time. */
export function formatWorkingHours(hours) {
  const days = Math.floor(hours / HOURS_PER_WORKING_DAY + 1e-9);
  const rest = round(hours - days * HOURS_PER_WORKING_DAY);
  const parts = [];
  if (days) {
    parts.push(`${days} ngày`);
  }
  if (rest || !days) {
    parts.push(`${String(rest).replace('.', ',')} giờ`);
  }
  return `${parts.join(' ')} làm việc (${String(round(hours)).replace('.', ',')} giờ)`;
}

/** An amount in working days or hours as the ISO duration the engine reads (P2D, P0.5D, PT4H, PT1H30M). */
export function toDuration(amount, unit) {
  if (!(amount > 0)) {
    return undefined;
  }
  if (unit === 'days') {
    return `P${round(amount)}D`;
  }
  const whole = Math.floor(amount);
  const minutes = Math.round((amount - whole) * 60);
  return `PT${whole ? whole + 'H' : ''}${minutes ? minutes + 'M' : ''}` || undefined;
}

/** Splits a duration into the amount and unit the fields show: whole or half days as days, anything else as hours. */
export function fromDuration(duration) {
  const hours = workingHours(duration);
  if (hours === null || hours === 0) {
    return { amount: '', unit: 'days', valid: hours !== null || !duration };
  }
  const days = hours / HOURS_PER_WORKING_DAY;
  if (Number.isInteger(days * 2) && !/T/i.test(duration)) {
    return { amount: String(days), unit: 'days', valid: true };
  }
  return { amount: String(round(hours)), unit: 'hours', valid: true };
}
