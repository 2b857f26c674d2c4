/**
 * Validates a JUnit XML document against docs/junit.xsd with xmllint (libxml2, compiled to WebAssembly by the
 * npm package xmllint-wasm, so no system package is needed).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { ROOT } from '../cli/harness.js';

const SCHEMA = readFileSync(join(ROOT, 'docs', 'junit.xsd'), 'utf8');

/** xmllint's schema errors of `xml` ([] when it validates). */
export async function junitSchemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'report.xml', contents: xml }], schema: [{ fileName: 'junit.xsd', contents: SCHEMA }] });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

/** The number of `<name` elements in `xml`. */
export function countElements(xml: string, name: string): number {
  return xml.match(new RegExp(`<${name}[ />]`, 'g'))?.length ?? 0;
}
