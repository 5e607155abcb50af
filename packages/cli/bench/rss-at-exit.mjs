// `node --import ./rss-at-exit.mjs …`: prints the process's peak RSS (KiB) on stderr at exit.
process.on('exit', () => {
  process.stderr.write(`\nRSS_KIB ${process.resourceUsage().maxRSS}\n`);
});
