/**
 * The build's string-width patch (scripts/build/patches.mjs, "string-width-simple-symbols") sums the
 * East Asian Width of strings made only of "simple" code points instead of segmenting them. Ink
 * measures every line of every frame with it, so a wrong width would misdraw the wizard. Here the
 * patched module, bundled as dist/ bundles it, must give the unpatched module's answer for every one of
 * those code points (both ambiguous-width settings), and the segmenter must agree that each is a
 * cluster of its own next to any simple neighbour; then mixed strings must agree too.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
type Width = (s: string, o?: { ambiguousIsNarrow?: boolean }) => number;

let dir: string;
let patched: Width;
let simple: number[];
let bundled: string;

beforeAll(async () => {
  const { patches, SIMPLE_WIDTH_CHARS } = (await import(pathToFileURL(join(ROOT, 'scripts/build/patches.mjs')).href)) as {
    patches: { name: string }[];
    SIMPLE_WIDTH_CHARS: string;
  };
  const { bundleOptions } = (await import(pathToFileURL(join(ROOT, 'scripts/build/options.mjs')).href)) as { bundleOptions: object };
  dir = mkdtempSync(join(tmpdir(), 'string-width-'));
  const outfile = join(dir, 'string-width.mjs');
  // dist/'s own options (target node20 makes esbuild rewrite the regex literals; minified), this patch alone.
  const result = await build({
    ...bundleOptions,
    stdin: { contents: "export { default } from 'string-width';", resolveDir: ROOT, loader: 'js' },
    outfile,
    logLevel: 'silent',
    plugins: patches.filter((p) => p.name === 'string-width') as never,
  });
  expect(result.errors).toEqual([]);
  bundled = outfile;
  patched = ((await import(pathToFileURL(outfile).href)) as { default: Width }).default;
  // The class body as a list of code points ("\u00A0-\u00AC..." pairs).
  simple = [];
  for (const [, a, b] of SIMPLE_WIDTH_CHARS.matchAll(/\\u([0-9A-F]{4})-\\u([0-9A-F]{4})/g)) {
    for (let cp = parseInt(a!, 16); cp <= parseInt(b!, 16); cp++) simple.push(cp);
  }
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const segments = (s: string) => [...new Intl.Segmenter().segment(s)].length;

describe('string-width as bundled', () => {
  it('the patch is in the bundle, and covers the symbols the wizard draws', () => {
    // Its class survives minifying, names do not.
    expect(readFileSync(bundled, 'utf8')).toContain('\\u2B00-\\u2B73');
    expect(simple.length).toBeGreaterThan(1500);
    for (const c of '·›❯↑↓✓✗─│…—') expect(simple).toContain(c.codePointAt(0));
  });

  it('gives the unpatched width for every simple code point, and each is a grapheme cluster of its own', () => {
    const wrong: string[] = [];
    for (const cp of simple) {
      const c = String.fromCodePoint(cp);
      for (const narrow of [true, false]) {
        if (patched(c, { ambiguousIsNarrow: narrow }) !== stringWidth(c, { ambiguousIsNarrow: narrow })) wrong.push(`U+${cp.toString(16)} width`);
      }
      if (segments(`a${c}a`) !== 3 || segments(c + c) !== 2) wrong.push(`U+${cp.toString(16)} joins a neighbour`);
      if (/\p{Cn}/u.test(c)) wrong.push(`U+${cp.toString(16)} unassigned`);
    }
    expect(wrong).toEqual([]);
  });

  it('agrees on mixed strings: simple symbols, ASCII, colours, and what must still be segmented', () => {
    // A fixed pseudo-random walk, so a failure names the same string every run.
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const others = ['e\u0301', '👍🏽', '❤️', '\u200b', '\u00ad', '漢字', '한', '\u1100\u1161', '🇫🇷', '\t', '\u001b[2m', '\u001b[22m', '1\u20e3'];
    for (let i = 0; i < 3000; i++) {
      let s = '';
      const length = 1 + next(12);
      for (let j = 0; j < length; j++) {
        const pick = next(10);
        s += pick < 5 ? String.fromCodePoint(simple[next(simple.length)]!) : pick < 8 ? String.fromCharCode(0x20 + next(95)) : others[next(others.length)];
      }
      for (const narrow of [true, false]) expect([s, patched(s, { ambiguousIsNarrow: narrow })]).toEqual([s, stringWidth(s, { ambiguousIsNarrow: narrow })]);
    }
  });
});
