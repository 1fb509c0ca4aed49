// The preview's exports, checked by their pixels: every background (transparent, white,
// theme) in the light and dark themes lies under everything, so the participants, lifelines
// and section bands are all there; the SVG is plain SVG (no foreignObject), so a renderer that
// is not a browser (resvg) draws the same picture as Chromium; the whole script exports as
// one picture of all its pages; PNGs carry the background too.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import type { Browser, Page } from 'playwright-core';
import type { ExportMessage } from '../../src/shared/previewProtocol';
import { launchChromium, openPreview, ROOT, screenshotPath, type PreviewPage, type Theme } from './harness';

const FOUR_WAY_CLOSE = fs.readFileSync(path.join(ROOT, 'examples', 'four-way-close.tcpflow'), 'utf8');

interface Raster {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

function pixel(raster: Raster, x: number, y: number): [number, number, number, number] {
  const i = (Math.round(y) * raster.width + Math.round(x)) * 4;
  return [raster.pixels[i], raster.pixels[i + 1], raster.pixels[i + 2], raster.pixels[i + 3]];
}

/**
 * The exported SVG drawn by resvg (no browser), at its own size, with the font Chromium
 * draws Mermaid's "arial" in here (Liberation Sans, Debian's metric-compatible Arial).
 */
function resvg(svg: string): Raster {
  const image = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans', sansSerifFamily: 'Liberation Sans' } }).render();
  return { width: image.width, height: image.height, pixels: new Uint8Array(image.pixels) };
}

/** An image file (SVG or PNG, as a data: URL) drawn by Chromium into a canvas of `width`×`height`. */
async function chromiumRaster(page: Page, url: string, width: number, height: number): Promise<Raster> {
  const base64 = await page.evaluate(
    async ([src, w, h]) => {
      const image = new Image();
      image.src = src;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      const context = canvas.getContext('2d') as CanvasRenderingContext2D;
      context.drawImage(image, 0, 0, w, h);
      const data = context.getImageData(0, 0, w, h).data;
      let binary = '';
      for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
      return btoa(binary);
    },
    [url, width, height] as const,
  );
  return { width, height, pixels: new Uint8Array(Buffer.from(base64, 'base64')) };
}

/**
 * The share of pixels that differ by more than a text edge's anti-aliasing would: in opacity
 * anywhere, in colour where both are opaque (translucent colours are stored differently by
 * the two renderers).
 */
function differingShare(a: Raster, b: Raster): number {
  assert.deepEqual([a.width, a.height], [b.width, b.height]);
  let differing = 0;
  for (let i = 0; i < a.pixels.length; i += 4) {
    const alpha = Math.abs(a.pixels[i + 3] - b.pixels[i + 3]);
    const opaque = a.pixels[i + 3] >= 250 && b.pixels[i + 3] >= 250;
    const colour = opaque ? Math.max(...[0, 1, 2].map((c) => Math.abs(a.pixels[i + c] - b.pixels[i + c]))) : 0;
    if (alpha > 96 || colour > 96) differing++;
  }
  return differing / (a.pixels.length / 4);
}

async function exportFrom(preview: PreviewPage, action: string, background: string): Promise<ExportMessage> {
  await preview.page.click('[data-action="menu"]');
  await preview.page.selectOption('#background', background);
  const before = (await preview.posted()).length;
  await preview.page.click(`[data-action="${action}"]`);
  return preview.waitForPosted('export', before);
}

/** The participant boxes of an exported SVG, in its pixels: [x, y] of a point inside each, off its text. */
async function participantPoints(page: Page, svg: string): Promise<{ points: [number, number][]; fill: string }> {
  return page.evaluate((markup) => {
    const holder = document.createElement('div');
    holder.innerHTML = markup;
    document.body.append(holder);
    const outer = holder.querySelector('svg') as SVGSVGElement;
    const origin = outer.getBoundingClientRect();
    const rects = [...outer.querySelectorAll('rect.actor-top')];
    const points = rects.map((r) => {
      const box = r.getBoundingClientRect();
      return [box.left - origin.left + 6, box.top - origin.top + 6] as [number, number];
    });
    const fill = rects.length > 0 ? getComputedStyle(rects[0]).fill : '';
    holder.remove();
    return { points, fill };
  }, svg);
}

function rgb(css: string): [number, number, number] {
  const [r, g, b] = (css.match(/\d+/g) ?? []).map(Number);
  return [r, g, b];
}

describe('preview exports (Chromium and resvg)', function () {
  let browser: Browser;

  before(async () => {
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
  });

  for (const theme of ['light', 'dark'] as Theme[]) {
    for (const background of ['transparent', 'white', 'theme'] as const) {
      it(`${theme}, ${background} background: plain SVG, every participant on the background, resvg draws what Chromium draws`, async () => {
        const preview = await openPreview(browser, { theme, width: 900, height: 1200 });
        try {
          await preview.render(FOUR_WAY_CLOSE);
          const exported = await exportFrom(preview, 'export-svg', background);
          const svg = exported.data;
          assert.equal(svg.includes('<foreignObject'), false, 'no foreignObject');
          assert.equal(/<svg[^>]*><rect [^>]*class="tcpflow-background"/.test(svg), background !== 'transparent', 'the background is the first thing drawn');
          const ours = resvg(svg);
          const theirs = await chromiumRaster(preview.page, `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`, ours.width, ours.height);
          const share = differingShare(ours, theirs);
          assert.ok(share < 0.02, `${(share * 100).toFixed(2)} % of the pixels differ between resvg and Chromium`);

          const expectedBackground =
            background === 'transparent' ? [0, 0, 0, 0] : background === 'white' ? [255, 255, 255, 255] : [...rgb(await preview.page.evaluate(() => getComputedStyle(document.body).backgroundColor)), 255];
          assert.deepEqual(pixel(ours, 1, ours.height - 2), expectedBackground, 'a corner shows the background');
          const { points, fill } = await participantPoints(preview.page, svg);
          assert.equal(points.length, 2, 'two participants');
          for (const [x, y] of points) {
            for (const raster of [ours, theirs]) {
              const [r, g, b, a] = pixel(raster, x, y);
              assert.deepEqual([r, g, b, a], [...rgb(fill), 255], `the participant box at ${x},${y} is drawn in its own colour`);
            }
          }
          if (background !== 'transparent') {
            const png = await exportFrom(preview, 'export-png', background);
            const bytes = Buffer.from(png.data, 'base64');
            const image = await chromiumRaster(preview.page, `data:image/png;base64,${png.data}`, ours.width * 2, ours.height * 2);
            assert.deepEqual(pixel(image, 2, image.height - 3), expectedBackground, 'the PNG has the background too');
            for (const [x, y] of points) assert.deepEqual(pixel(image, x * 2, y * 2), [...rgb(fill), 255]);
            fs.writeFileSync(screenshotPath(`export-four-way-close-${theme}-${background}`), bytes);
          }
        } finally {
          await preview.page.close();
        }
      });
    }
  }

  it('exports the whole script as one picture of every page, one below the other', async () => {
    const preview = await openPreview(browser, { width: 900, height: 900 });
    try {
      const script = ['participant client', 'participant server listen', 'client -> server: SYN', 'server -> client: SYN+ACK', 'client -> server: ACK'];
      for (let i = 0; i < 30; i++) script.push(`client -> server: PSH+ACK "req ${i}"`, 'server -> client: ACK');
      const message = await preview.render(script.join('\n'), undefined, { messagesPerPage: 25 });
      assert.equal(message.pages.length, 3);
      const page = await exportFrom(preview, 'export-svg', 'white');
      const all = await exportFrom(preview, 'export-all-svg', 'white');
      assert.deepEqual([all.scope, all.pageCount, page.scope], ['all', 3, 'page']);
      assert.equal((all.data.match(/<svg id="tcpflow-svg-\d+"/g) ?? []).length, 3);
      assert.equal((all.data.match(/class="messageText"/g) ?? []).length, 63);
      assert.equal((page.data.match(/class="messageText"/g) ?? []).length, 25);
      const raster = resvg(all.data);
      const { points, fill } = await participantPoints(preview.page, all.data);
      assert.equal(points.length, 6, 'every page has its participants');
      for (const [x, y] of points) assert.deepEqual(pixel(raster, x, y), [...rgb(fill), 255]);
      fs.writeFileSync(screenshotPath('export-whole-script'), new Resvg(all.data, { font: { loadSystemFonts: true } }).render().asPng());
    } finally {
      await preview.page.close();
    }
  });
});
