/** "Did you mean …?": the one edit-distance rule, for regions, kinds, subcommands and flags. */

/** Levenshtein distance. */
export function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length] ?? 0;
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
