// Placeholder entry; the headless work (issue 2) replaces it.
console.log(__VERSION__);
