// The organisation tree (GET /api/v1/organisation/units), loaded once before the modeler starts
// so the properties panel can offer units as a plain synchronous select.
let units = [];

export function setUnits(list) {
  units = Array.isArray(list) ? list : [];
}

export function getUnits() {
  return units;
}

function isCurrent(unit, today) {
  return (!unit.validFrom || unit.validFrom.slice(0, 10) <= today) && (!unit.validTo || unit.validTo.slice(0, 10) >= today);
}

/**
 * Units in tree order, indented by depth: [{ value: code, label }]. Units no longer valid are
 * marked, and a code that the model uses but the tree does not know is kept as an option so
 * that opening a model never silently drops its value.
 */
export function unitOptions(current) {
  const today = new Date().toISOString().slice(0, 10);
  const byParent = new Map();
  const codes = new Set(units.map(u => u.code));
  for (const unit of units) {
    const parent = unit.parentCode && codes.has(unit.parentCode) ? unit.parentCode : null;
    if (!byParent.has(parent)) {
      byParent.set(parent, []);
    }
    byParent.get(parent).push(unit);
  }
  const options = [ { value: '', label: '— chưa chọn —' } ];
  const visit = (parent, depth) => {
    for (const unit of (byParent.get(parent) || []).sort((a, b) => a.code.localeCompare(b.code))) {
      const expired = isCurrent(unit, today) ? '' : ' (hết hiệu lực)';
      options.push({ value: unit.code, label: `${'\u00a0\u00a0'.repeat(depth)}${unit.name} [${unit.code}]${expired}` });
      visit(unit.code, depth + 1);
    }
  };
  visit(null, 0);
  if (current && !codes.has(current)) {
    options.push({ value: current, label: `${current} (không có trong cây tổ chức)` });
  }
  return options;
}

export function unitName(code) {
  return units.find(u => u.code === code)?.name;
}
