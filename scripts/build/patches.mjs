// Build-time changes to dependencies, each named, each failing the build when its target text is
// gone, so a dependency update cannot silently undo one. Gains measured with `node
// scripts/bench.mjs --no-local --no-wait --runs 21` on Node 20.20 (2 busy cores), building with SKIP_PATCH=<name> to
// leave one out; the wizard's first screen, as a ratio to `node` printing a word in a pty.
import { readFileSync } from 'node:fs';

/**
 * An esbuild plugin replacing each `from` with its `to` (exact strings) in the bundled files matching
 * `filter` that contain the first `from` (another copy of the package, at another version, may sit
 * deeper in node_modules). Fails the build when no bundled file had every target. An edit may carry a
 * name of its own, for SKIP_PATCH to leave it out alone (esbuild lets one plugin load a file, so two
 * edits of one file share a plugin).
 */
function replaceIn(name, filter, allEdits) {
  const edits = allEdits.filter(([, , editName]) => editName === undefined || editName !== process.env.SKIP_PATCH);
  return {
    name,
    setup(b) {
      let patched = 0;
      b.onStart(() => {
        patched = 0;
      });
      b.onLoad({ filter }, (args) => {
        let text = readFileSync(args.path, 'utf8');
        if (!edits.every(([from]) => text.includes(from))) return undefined;
        for (const [from, to] of edits) text = text.split(from).join(to);
        patched++;
        return { contents: text, loader: 'js' };
      });
      b.onEnd((result) => {
        if (patched === 0 && result.errors.length === 0) {
          result.errors.push({ text: `patch ${name}: its target text is in no bundled file matching ${filter}; the dependency changed: revisit scripts/build/patches.mjs`, location: null });
        }
      });
    },
  };
}

/**
 * The non-ASCII code points string-width may sum without segmenting (a regex class body): Latin-1 and
 * Latin Extended (no soft hyphen, a format character), general punctuation (no zero-width, bidi or
 * separator characters), arrows, mathematical and technical symbols, box drawing, shapes, dingbats,
 * and assigned arrows of U+2B00-2B73.
 */
export const SIMPLE_WIDTH_CHARS = '\\u00A0-\\u00AC\\u00AE-\\u024F\\u2010-\\u2027\\u2030-\\u205E\\u2190-\\u23FF\\u2500-\\u27BF\\u2B00-\\u2B73';

export const patches = [
  // Not a speed-up but a must: Ink imports its devtools (react-devtools-core, not installed) only
  // when DEV=true; esbuild still has to resolve the import, and marking it external would leave an
  // import that crashes at load. An empty module stands in.
  {
    name: 'ink-devtools-stub',
    setup(b) {
      b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'devtools-stub', namespace: 'stub' }));
      b.onResolve({ filter: /^\.\/devtools\.js$/ }, (args) => (/[\\/]node_modules[\\/]ink[\\/]/.test(args.importer) ? { path: 'devtools-stub', namespace: 'stub' } : undefined));
      b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default {}', loader: 'js' }));
    },
  },
  // Yoga's emscripten loader fetch()es its own embedded wasm when fetch exists: on Node that loads
  // undici only to decode a data: URL. Without fetch it decodes the bytes directly.
  // Measured: the first screen at 2.45× with it, 2.55× without (about 10 ms), and 5.7 MiB less RSS.
  replaceIn('yoga-no-fetch', /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/, [['"function"!=typeof fetch', '"function"!=typeof undefined']]),
  // string-width (Ink measures every non-ASCII line with it) compiles /^\p{RGI_Emoji}$/v as it loads,
  // because esbuild turns the literal into an eager `new RegExp` for node20. Every RGI emoji holds a
  // code point with the Emoji property, so a cheap \p{Emoji} test first gives the same answers and
  // compiles the big one only when an emoji shows up. Measured: 2.45× with it, 2.82× without (about 35 ms).
  replaceIn('string-width', /[\\/]node_modules[\\/]string-width[\\/]index\.js$/, [
    [
      'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
      "const emojiFirst = /\\p{Emoji}/u; let rgiEmojiFull; const rgiEmojiRegex = { test: (s) => emojiFirst.test(s) && (rgiEmojiFull ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v')).test(s) };",
      'string-width-lazy-emoji',
    ],
    // Past printable ASCII, every line went through Intl.Segmenter and three Unicode-property regexes:
    // the wizard's first screen (its `·`, `›`, `❯`, `↑/↓`) paid ~1.9 ms in a fresh process, most of it
    // ICU and regex set-up. Each code point in SIMPLE_WIDTH_CHARS is a grapheme cluster of its own
    // whatever simple neighbour it has, and its width is its East Asian Width, so a string made only of
    // them is summed directly. test/build/string-width-patch.test.ts checks every one of those code
    // points against the unpatched module and the segmenter; anything else takes the full path.
    [
      '\tif (/^[\\u0020-\\u007E]*$/.test(string)) {\n\t\treturn string.length;\n\t}\n',
      '\tif (/^[\\u0020-\\u007E]*$/.test(string)) {\n\t\treturn string.length;\n\t}\n' +
        `\tif (/^[\\u0020-\\u007E${SIMPLE_WIDTH_CHARS}]*$/.test(string)) {\n` +
        '\t\tlet simpleWidth = 0;\n' +
        '\t\tfor (const character of string) simpleWidth += eastAsianWidth(character.codePointAt(0), {ambiguousAsWide: !ambiguousIsNarrow});\n' +
        '\t\treturn simpleWidth;\n\t}\n',
      'string-width-simple-symbols',
    ],
  ]),
];
