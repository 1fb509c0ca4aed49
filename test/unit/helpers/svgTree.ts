// A strict little XML reader for the SVG that tcpflow writes: elements, attributes and text,
// entities decoded. Throws on anything malformed (an unclosed or mismatched tag, a stray `<`
// or `&`), so reading a drawing back also proves it is well-formed XML.

export interface SvgNode {
  readonly tag: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: SvgNode[];
  text: string;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

function decode(text: string): string {
  if (/&(?!(amp|lt|gt|quot|#39);)/.test(text) || text.includes('<')) throw new Error(`unescaped text: ${text}`);
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name]);
}

export function parseSvg(xml: string): SvgNode {
  const root: SvgNode = { tag: '#root', attributes: {}, children: [], text: '' };
  const stack = [root];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>/y;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? xml.length : lt;
    if (textEnd > i) stack[stack.length - 1].text += decode(xml.slice(i, textEnd));
    if (lt < 0) break;
    tag.lastIndex = lt;
    const m = tag.exec(xml);
    if (m === null) throw new Error(`malformed tag at ${lt}: ${xml.slice(lt, lt + 40)}`);
    const [, closing, name, attrs, selfClosing] = m;
    if (closing) {
      const open = stack.pop();
      if (open?.tag !== name) throw new Error(`</${name}> closes <${open?.tag}>`);
    } else {
      const attributes: Record<string, string> = {};
      for (const a of attrs.matchAll(/([\w:-]+)="([^"]*)"/g)) attributes[a[1]] = decode(a[2]);
      const node: SvgNode = { tag: name, attributes, children: [], text: '' };
      stack[stack.length - 1].children.push(node);
      if (!selfClosing) stack.push(node);
    }
    i = tag.lastIndex;
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].tag}> is never closed`);
  if (root.children.length !== 1 || root.children[0].tag !== 'svg') throw new Error('not one <svg> element');
  return root.children[0];
}

/** Every node under `node` (itself included), depth first. */
export function allNodes(node: SvgNode): SvgNode[] {
  return [node, ...node.children.flatMap(allNodes)];
}

/** The nodes with this tag and (if given) exactly this class. */
export function find(node: SvgNode, tag: string, className?: string): SvgNode[] {
  return allNodes(node).filter((n) => n.tag === tag && (className === undefined || n.attributes.class === className));
}
