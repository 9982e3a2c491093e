/** Shortest password accepted for an account created from the command line. */
export const minimumPasswordLength = 12;

// Long enough to pass the length rule yet among the first guesses of any cracking list.
const commonLongPasswords = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456789123',
  '111111111111',
  '000000000000',
  'password1234',
  'password12345',
  'password123!',
  'passwordpassword',
  'p@ssword1234',
  'p@ssw0rd1234',
  'qwertyuiop12',
  'qwertyuiopas',
  'qwerty123456',
  'qwertyqwerty',
  '1qaz2wsx3edc',
  '1q2w3e4r5t6y',
  'iloveyou1234',
  'letmein12345',
  'welcome12345',
  'welcome@1234',
  'administrator',
  'administrator1',
  'admin1234567',
  'adminadmin12',
  'changeme1234',
  'trustno1trustno1',
  'abcdefghijkl',
  'abcd1234abcd',
  'aaaaaaaaaaaa',
  'football1234',
  'baseball1234',
  'monkey123456',
  'sunshine1234',
  'princess1234',
  'dragon123456',
  'master123456',
  'superman1234',
  'starwars1234',
  'escalationdesk',
  'escalation-desk',
]);

function isSequence(password: string): boolean {
  const codes = [...password].map((c) => c.charCodeAt(0));
  const steps = new Set(codes.slice(1).map((code, i) => code - codes[i]!));
  return steps.size === 1 && [...steps].every((step) => Math.abs(step) <= 1);
}

/**
 * Why a password is too weak for an account that can do everything, or null when it will do.
 * Length first (it matters most), then the guesses an attacker tries before any other.
 */
export function findPasswordWeakness(password: string, email = ''): string | null {
  if (password.length < minimumPasswordLength) {
    return `the password must be at least ${minimumPasswordLength} characters long`;
  }
  const lower = password.toLowerCase();
  if (commonLongPasswords.has(lower) || isSequence(lower)) {
    return 'the password is one of the most common ones; choose another';
  }
  const localPart = email.split('@')[0]?.toLowerCase() ?? '';
  if (localPart.length >= 4 && lower.includes(localPart)) {
    return 'the password must not contain the email address';
  }
  if (new Set(lower).size < 4) return 'the password repeats too few different characters';
  return null;
}
