/** Parses bpm:feeItems, "CODE:AMOUNT[:NAME];…" in VND, as the engine does; returns { items } or { error }. */
export function parseFeeItems(text) {
  const items = [];
  if (!text || !text.trim()) {
    return { items };
  }
  for (const [ index, part ] of text.split(';').entries()) {
    if (!part.trim()) {
      continue;
    }
    const [ code, amount, ...name ] = part.split(':');
    if (!code || !code.trim()) {
      return { error: `Khoản thứ ${index + 1} thiếu mã phí` };
    }
    if (!/^\d+$/.test((amount || '').trim())) {
      return { error: `Khoản "${code.trim()}" cần số tiền là số nguyên (đồng), ví dụ ${code.trim()}:50000` };
    }
    items.push({ code: code.trim(), amount: Number(amount.trim()), name: name.join(':').trim() || undefined });
  }
  return { items };
}
