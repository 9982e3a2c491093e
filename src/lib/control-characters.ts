// PostgreSQL refuses U+0000 in text and jsonb, and the other C0 controls (and DEL) are never meant
// in what people write: they arrive by mistake or as an attack on whatever reads the value next
// (logs, CSV, mail headers). Free text keeps tab, line feed and carriage return.
const tabAndLineBreaks = new Set([0x09, 0x0a, 0x0d]);

/** Whether a UTF-16 code unit is a control character not allowed here. */
export function isRefusedControl(unit: number, isFreeText: boolean): boolean {
  return (unit < 0x20 || unit === 0x7f) && !(isFreeText && tabAndLineBreaks.has(unit));
}

/** The first refused control character in `value` as `U+XXXX`, or null. */
export function findControlCharacter(value: string, isFreeText: boolean): string | null {
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (isRefusedControl(unit, isFreeText)) return `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return null;
}

/**
 * `value` without refused control characters: removed from free text, a space in a single-line
 * value (so words they separated stay apart).
 */
export function withoutControlCharacters(value: string, isFreeText: boolean): string {
  let result = '';
  for (const char of value) {
    if (isRefusedControl(char.charCodeAt(0), isFreeText)) result += isFreeText ? '' : ' ';
    else result += char;
  }
  return result;
}
