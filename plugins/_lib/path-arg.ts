/** A path argument must never be read as an option: `-x.py` is handed over as `./-x.py`. */
export function asPathArg(p: string): string {
  return p.startsWith('-') ? `./${p}` : p;
}
