/** pycodestyle documents its E/W codes in one table, without an anchor per code. */
const PYCODESTYLE = 'https://pycodestyle.pycqa.org/en/latest/intro.html#error-codes';
/** flake8 documents the codes it gives pyflakes' messages, and mccabe's C901, on this page. */
const FLAKE8_CODES = 'https://flake8.pycqa.org/en/latest/user/error-codes.html';

/** Where a code is documented; undefined for third-party plugins' codes (their docs are their own). */
export function ruleUrl(code: string): string | undefined {
  if (/^[EW]\d{3}$/.test(code)) return PYCODESTYLE;
  if (/^F\d{3}$/.test(code) || code === 'C901') return FLAKE8_CODES;
  return undefined;
}
