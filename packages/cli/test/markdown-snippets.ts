// Fenced code blocks read out of markdown files, so documentation examples run as written.

/** One fenced code block. */
export interface Snippet {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The info string's first word: `ts`, `sh`, … */
  lang: string;
  code: string;
}

/** Every fenced block (``` or ~~~) of a markdown text, in order. */
export function fencedBlocks(markdown: string, file: string): Snippet[] {
  const out: Snippet[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]!);
    if (open === null) continue;
    const [, indent, fence, lang] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const l = lines[j]!;
      if (l.trimStart().startsWith(fence!) && l.trim() === l.trim().replace(/[^`~]/g, '')) break;
      body.push(l.startsWith(indent!) ? l.slice(indent!.length) : l);
    }
    out.push({ file, line: i + 1, lang: lang!.toLowerCase(), code: `${body.join('\n')}\n` });
    i = j;
  }
  return out;
}

const TS = new Set(['ts', 'typescript', 'mts']);
const SH = new Set(['sh', 'bash', 'shell', 'console']);

/** Whether a block is TypeScript or shell. */
export const isTs = (s: Snippet) => TS.has(s.lang);
export const isShell = (s: Snippet) => SH.has(s.lang);

/** A TypeScript block that sends a request: awaits a client call, `fetch` or `startServer`. */
export function tsTalksToServer(code: string): boolean {
  return /\bawait\s+(client\.|startServer\(|fetch\()|for\s+await\s*\(.*\bclient\./.test(code);
}

/** `kisfo` commands that run locally or are the server itself: not requests to a server. */
const LOCAL_COMMANDS = /\bkisfo\s+(serve|demo|ledger|scenario|margin\s+what-if|--help|-h)\b/;

/** A shell line that asks a server: any other `kisfo` command (balance, margin, token, …), curl. */
export function shellTalksToServer(code: string): boolean {
  const lines = code.split('\n').map((l) => l.replace(/#.*$/, ''));
  // A block that starts the server itself is what the test does before running the others.
  if (lines.some((l) => /\bkisfo\s+serve\b/.test(l))) return false;
  return lines.some(
    (l) => (/\bkisfo\s+[a-z]/.test(l) && !LOCAL_COMMANDS.test(l)) || /^\s*curl\s/.test(l),
  );
}

/** Whether a TypeScript block is a whole program (it imports) rather than a continuation. */
export const isProgram = (code: string) => /^\s*import\s/m.test(code);
