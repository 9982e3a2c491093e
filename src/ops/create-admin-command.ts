import type { Config } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { minimumPasswordLength } from '../lib/password-strength.ts';
import { createAdmin } from '../modules/admin/create-admin.ts';
import { findUnsafeProductionSettings, loadOpsSettings } from './settings.ts';

/**
 * Asks each question on the terminal and reads one line per answer without echoing it (raw mode,
 * no private readline internals). Keys typed ahead of a prompt count toward the next answer.
 */
function promptHidden(questions: string[]): Promise<string[]> {
  const input = process.stdin;
  const answers: string[] = [];
  let typed = '';
  process.stdout.write(questions[0]!);
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    const finish = () => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\u0003') {
          finish();
          process.stdout.write('\n');
          reject(new Error('cancelled'));
          return;
        }
        if (char === '\r' || char === '\n') {
          process.stdout.write('\n');
          answers.push(typed);
          typed = '';
          if (answers.length === questions.length) {
            finish();
            resolve(answers);
            return;
          }
          process.stdout.write(questions[answers.length]!);
        } else if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    input.on('data', onData);
  });
}

/** Piped or redirected stdin: the first line is the password (so scripts never put it in argv). */
async function readFirstLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readFirstLine();
  console.log(`Choose a password of at least ${minimumPasswordLength} characters (not a common one).`);
  const [password, again] = await promptHidden(['Password: ', 'Same password again: ']);
  if (password !== again) throw new Error('the two passwords differ; nothing was created');
  return password;
}

/** `create-admin EMAIL`: migrates the database if needed, then adds one administrator. */
export async function runCreateAdmin(config: Config, email: string | undefined) {
  if (!email)
    throw new Error('usage: npm run create-admin -- EMAIL (the password is asked for, or read from stdin)');
  // The same refusals as the server: an admin created in a stray ./data PGlite could never sign in.
  const problems = findUnsafeProductionSettings(config, loadOpsSettings());
  if (problems.length) throw new Error(problems.join('; '));
  const password = await readPassword();
  const handle = await openDatabase(config);
  try {
    await migrateToLatest(handle.db);
    const admin = await createAdmin({ db: handle.db }, { email, password });
    console.log(`created administrator ${admin.email}; sign in at ${config.publicUrl}`);
  } finally {
    await handle.close();
  }
}
