// Runs in the extension host: the preview page's static labels (its toolbar, pager and
// landmarks, built by preview/html.ts) in the display language. Only the text between tags
// and the title/aria-label attributes are looked up, so values, ids, scripts and the
// Content Security Policy pass through unchanged; the page holds no user text at this point.

import type { Locale } from '../core/index';

const ZH_CN: Readonly<Record<string, string>> = {
  'tcpflow preview': 'tcpflow 预览',
  Timeline: '时序阶梯图',
  'The segments on a timing ladder: time runs down, each arrow slants by its delay': '在时序阶梯图上显示报文段：时间向下推进，每个箭头按其延迟倾斜',
  "The segments as a sequence diagram": "以时序图显示报文段",
  "The RFC 9293 state machine, with the states each endpoint went through": "RFC 9293 状态机，以及每个端点经过的状态",
  "Notes: State notes beside the lifelines": "注释：生命线旁的状态注释",
  "Numbers: seq and ack on the arrows: as the script writes them, relative to each ISN, absolute, or none": "编号：箭头上的 seq 和 ack——按脚本原文、相对各自的 ISN、绝对值，或不显示",
  "Fit width": "适应宽度",
  "Fit page": "适应页面",
  "Zoom out (Ctrl+-)": "缩小 (Ctrl+-)",
  "Zoom; click for 100 % (Ctrl+0)": "缩放；单击恢复 100 % (Ctrl+0)",
  "Zoom 100%": "缩放 100%",
  "Zoom in (Ctrl+=)": "放大 (Ctrl+=)",
  "Export, copy and more": "导出、复制及更多",
  "Number the arrows 1, 2, 3…": "为箭头编号 1、2、3…",
  "Diagram; arrow keys, Page Up and Page Down scroll, Ctrl+= and Ctrl+- zoom": "图；方向键、Page Up 和 Page Down 滚动，Ctrl+= 和 Ctrl+- 缩放",
  relative: "相对值",
  "Save page as SVG…": "将本页保存为 SVG…",
  "Save page as PNG…": "将本页保存为 PNG…",
  "Save whole script as SVG…": "将整个脚本保存为 SVG…",
  "Save whole script as PNG…": "将整个脚本保存为 PNG…",
  "Copy Mermaid source": "复制 Mermaid 源码",
  "Copy as Markdown block": "复制为 Markdown 代码块",
  Preview: '预览',
  Sequence: '时序图',
  'State machine': '状态机',
  Notes: '状态注释',
  'State notes': '状态注释',
  'all states': '全部状态',
  changes: '仅变化',
  none: '无',
  Numbers: '编号',
  'seq/ack numbers': '序列号/确认号',
  'as written': '按原文',
  absolute: '绝对值',
  Numbering: '报文编号',
  'Zoom out': '缩小',
  'Reset zoom': '重置缩放',
  'Zoom in': '放大',
  'Save the diagram as SVG': '将图保存为 SVG',
  'Save the diagram as PNG': '将图保存为 PNG',
  Background: '背景',
  'Background of exported images': '导出图片的背景',
  transparent: '透明',
  white: '白色',
  theme: '主题',
  'Copy the Mermaid source': '复制 Mermaid 源码',
  'Copy Mermaid': '复制 Mermaid',
  'Copy as a Markdown mermaid block': '复制为 Markdown mermaid 代码块',
  'Copy Markdown': '复制 Markdown',
  Pages: '分页',
  'Previous page': '上一页',
  'Next page': '下一页',
  Diagram: '图',
  'Step through': '逐步演示',
  'First step': '第一步',
  'Previous step (←)': '上一步 (←)',
  'Next step (→)': '下一步 (→)',
  'Last step': '最后一步',
  'Stop stepping (Esc)': '停止逐步演示 (Esc)',
  Step: '步骤',
  'Segment sent': '报文段发出',
  'Segment arrives': '报文段到达',
  'Segment lost': '报文段丢失',
  Call: '调用',
  Wait: '等待',
  line: '行',
  'relative to each ISN': '相对各自的 ISN',
  Endpoint: '端点',
  State: '状态',
  'SND.UNA': 'SND.UNA（未确认）',
  'SND.NXT': 'SND.NXT（下一发送）',
  'RCV.NXT': 'RCV.NXT（下一接收）',
};

export const PREVIEW_LABELS_ZH_CN = ZH_CN;

export function localizePreviewHtml(html: string, locale: Locale): string {
  if (locale === 'en') return html;
  const label = (text: string) => ZH_CN[text.trim()];
  return html
    .replace('<html lang="en">', '<html lang="zh-CN">')
    .replace(/\b(title|aria-label)="([^"]*)"/g, (all, name: string, value: string) => (label(value) ? `${name}="${label(value)}"` : all))
    .replace(/>([^<>]+)</g, (all, text: string) => {
      const zh = label(text);
      return zh ? `>${text.replace(text.trim(), zh)}<` : all;
    });
}
