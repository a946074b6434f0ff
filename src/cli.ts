// The command line: `npm run cli -- <command>`. Prints to stdout; exits non-zero on problems.
import { loadConfigOrExit } from './config.js';
import { runLessonsCheck } from './cli/lessons-check.js';
import { runFixTypography } from './cli/lessons-fix-typography.js';
import { runSearch } from './cli/search.js';
import { runDb } from './cli/db-copy.js';

const USAGE = `usage:
  npm run cli -- lessons check [--dir <lessons folder>] [ids...]
  npm run cli -- lessons fix-typography [--dir <lessons folder>] [ids...]
  npm run cli -- search [--json] [--limit N] <text>
  npm run cli -- db copy --from sqlite:PATH --to postgres://user@host:port/database
  npm run cli -- db check --from sqlite:PATH --to postgres://user@host:port/database`;

// `cli search x | head`: once the reader has gone, stop quietly rather than with an EPIPE trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

function main(argv: string[]): number | Promise<number> {
  const [group, ...rest] = argv;
  const flags = parseFlags(rest);
  const config = loadConfigOrExit();
  const dir = flags.options.get('dir') ?? config.lessons.dir;
  if (group === 'lessons' && flags.positional[0] === 'check') return runLessonsCheck(dir, (l) => console.log(l), flags.positional.slice(1));
  if (group === 'lessons' && flags.positional[0] === 'fix-typography') return runFixTypography(dir, (l) => console.log(l), flags.positional.slice(1));
  if (group === 'db') return runDb(flags.positional[0], flags.options.get('from'), flags.options.get('to'), (l) => console.log(l));
  if (group === 'search') {
    const limit = Number(flags.options.get('limit') ?? config.search.maxResults);
    return runSearch({ dir, text: flags.positional.join(' '), json: flags.switches.has('json'), limit }, (l) => console.log(l));
  }
  console.error(USAGE);
  return 2;
}

function parseFlags(args: string[]) {
  const options = new Map<string, string>();
  const switches = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') switches.add('json');
    else if (a.startsWith('--') && i + 1 < args.length) options.set(a.slice(2), args[++i]!);
    else positional.push(a);
  }
  return { options, switches, positional };
}

void Promise.resolve(main(process.argv.slice(2))).then((code) => {
  process.exitCode = code;
});
