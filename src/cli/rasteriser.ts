// PNG from tcpflow's own plain SVG, without a browser: resvg (@resvg/resvg-js, a Rust SVG
// renderer shipped as a prebuilt binary). Runs in Node, for `tcpflow render --view ladder|states`.

/** Twice the SVG's size, for a sharp picture on slides and high-density screens. */
const ZOOM = 2;

interface ResvgModule {
  Resvg: new (svg: string, options: object) => { render(): { asPng(): Uint8Array } };
}

export async function rasterise(svg: string): Promise<Uint8Array> {
  // Loaded only here, so the other commands do not need the native binary.
  const { Resvg } = (await import('@resvg/resvg-js')) as ResvgModule;
  const resvg = new Resvg(svg, { fitTo: { mode: 'zoom', value: ZOOM }, font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans' } });
  return resvg.render().asPng();
}
