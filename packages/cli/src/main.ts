/** Entry point of the `kisfo` command. Returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  void argv;
  process.stdout.write('kisfo: the demo is coming; run `npm test` meanwhile.\n');
  return 0;
}
