/** "Did you mean …?": the one edit-distance rule, for regions, kinds, subcommands and flags. */

/** Edits between two words: insert, delete, replace, or swap two neighbours (the commonest typo: --tabel). */
export function distance(a: string, b: string): number {
  // One row per letter of a; rows[i][j]: edits between a's first i letters and b's first j.
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  const at = (i: number, j: number) => rows[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    rows.push(row);
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min(at(i - 1, j) + 1, (row[j - 1] ?? 0) + 1, at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      row[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** The candidate closest to a mistyped word, if within `max` edits (first of equals wins). */
export function closest(word: string, candidates: readonly string[], max: number): string | undefined {
  let best: { word: string; d: number } | undefined;
  for (const c of candidates) {
    const d = distance(word, c);
    if (!best || d < best.d) best = { word: c, d };
  }
  return best && best.d <= max ? best.word : undefined;
}

/** How many edits a word of this length may be off and still be "meant": one per three letters, 1 to 3. */
export function editBudget(word: string): number {
  return Math.min(3, Math.max(1, Math.floor(word.length / 3)));
}

/** " Did you mean X?" or nothing: for the end of an "Unknown …" sentence. */
export function didYouMean(word: string, candidates: readonly string[], max = editBudget(word)): string {
  const guess = closest(word, candidates, max);
  return guess ? ` Did you mean ${guess}?` : '';
}
