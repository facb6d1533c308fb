/**
 * Cobertura's own DTD reference, the one DOCTYPE a coverage report may carry (Cobertura 2 writes
 * it). It names an external file that nothing here fetches, so it is blanked and the rest parsed.
 * Any other DOCTYPE — in particular one with an internal subset, where entities are declared —
 * is refused, as plugins/junit/xml-check.ts does: not reading DTDs is the defence against entity
 * expansion (billion laughs) and external entities (XXE).
 */
const COBERTURA_DOCTYPE = /^<!DOCTYPE\s+coverage\s+(?:SYSTEM|PUBLIC)\s+("[^"<>[\]]*"|'[^'<>[\]]*')(?:\s+("[^"<>[\]]*"|'[^'<>[\]]*'))?\s*>/;

/** The XML with a harmless Cobertura DOCTYPE blanked (offsets kept), or why it is refused. */
export function stripCoberturaDoctype(xml: string): { ok: true; xml: string } | { ok: false; error: string } {
  const at = xml.search(/<!DOCTYPE/i);
  if (at === -1) return { ok: true, xml };
  const m = COBERTURA_DOCTYPE.exec(xml.slice(at));
  if (/^<!DOCTYPE\s+html\b/i.test(xml.slice(at, at + 20))) {
    return { ok: false, error: 'not a Cobertura report: it is an HTML page (<!DOCTYPE html>), perhaps an error page saved in place of the report' };
  }
  if (!m) {
    return { ok: false, error: 'DOCTYPE not allowed: a Cobertura report may only reference the coverage DTD (<!DOCTYPE coverage SYSTEM "…">); atqos does not read DTDs (entity expansion, XXE) — remove the DOCTYPE' };
  }
  return { ok: true, xml: xml.slice(0, at) + ' '.repeat(m[0].length) + xml.slice(at + m[0].length) };
}
