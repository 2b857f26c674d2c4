/**
 * Renders a Vega-Lite specification to an SVG document with Vega's headless renderer (no canvas, no browser).
 * Vega and Vega-Lite are loaded on first use (they cost ~0.3 s of start-up), so commands that draw nothing do
 * not pay for them.
 */
import type { TopLevelSpec } from 'vega-lite';

/** The SVG document (a string starting with `<svg`) of `spec`. */
export async function vegaLiteSvg(spec: TopLevelSpec): Promise<string> {
  const vega = await import('vega');
  const { compile } = await import('vega-lite');
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
