// A hint, not a gate: the core enforces the minimum length; this helps choose a good one.

/** The core refuses shorter passphrases (vault.passphrase_too_short). */
export const MIN_PASSPHRASE_CHARS = 10;

export type Strength = "empty" | "too-short" | "weak" | "fair" | "good" | "strong";

/** Length in characters as the core counts them (code points, so 中文 counts 2). */
export function charCount(text: string): number {
  return [...text].length;
}

export function passphraseStrength(passphrase: string): Strength {
  const length = charCount(passphrase);
  if (length === 0) return "empty";
  if (length < MIN_PASSPHRASE_CHARS) return "too-short";
  const distinct = new Set(passphrase).size;
  if (distinct <= 3) return "weak";
  const classes = [
    /\p{Ll}/u, // lower-case letters
    /\p{Lu}/u, // capitals
    /\p{N}/u, // digits
    /[\p{P}\p{S}\s]/u, // punctuation, symbols, spaces (a sentence)
    /[^\p{Script=Latin}\p{N}\p{P}\p{S}\s]/u, // Chinese and other scripts
  ].filter((re) => re.test(passphrase)).length;
  // A Chinese character carries far more than a letter: count it twice for the length bonus.
  const weight = [...passphrase].reduce((sum, ch) => sum + (/\p{Script=Han}/u.test(ch) ? 2 : 1), 0);
  let score = 0;
  if (weight >= 14) score += 1;
  if (weight >= 20) score += 1;
  if (weight >= 28) score += 1;
  if (classes >= 2) score += 1;
  if (classes >= 3) score += 1;
  if (score <= 1) return "weak";
  if (score === 2) return "fair";
  if (score === 3) return "good";
  return "strong";
}
