/** Pure helpers behind the filterable list: matching and the visible window. Tested without React. */

export interface ListItem<T> {
  key: string;
  /** The text typing filters on and highlights in. */
  label: string;
  /** Shown after the label, dimmed; also searched. */
  detail?: string;
  value: T;
  /** Set when the item cannot be chosen, with the reason shown next to it. */
  disabled?: string;
}

export interface Match<T> {
  item: ListItem<T>;
  /** Where the query sits in the label, for highlighting; undefined when it matched the detail only. */
  span?: [number, number];
}

/** Case-insensitive substring match on label, then detail; label matches come first, prefix matches before others. */
export function filterItems<T>(items: readonly ListItem<T>[], query: string): Match<T>[] {
  const q = query.trim().toLowerCase();
  if (!q) return items.map((item) => ({ item }));
  const scored: { m: Match<T>; score: number; order: number }[] = [];
  items.forEach((item, order) => {
    const at = item.label.toLowerCase().indexOf(q);
    if (at >= 0) scored.push({ m: { item, span: [at, at + q.length] }, score: at === 0 ? 0 : 1, order });
    else if (item.detail?.toLowerCase().includes(q)) scored.push({ m: { item }, score: 2, order });
  });
  return scored.sort((a, b) => a.score - b.score || a.order - b.order).map((s) => s.m);
}

/** The slice [start, end) of `count` rows to show so that `selected` stays visible, about centred. */
export function windowRange(count: number, selected: number, size: number): { start: number; end: number } {
  if (count <= size) return { start: 0, end: count };
  const start = Math.min(Math.max(selected - Math.floor(size / 2), 0), count - size);
  return { start, end: start + size };
}
