// A team's range drawn as SVG: each segment a band, its hosts boxes inside it, routers and
// firewalls tall boxes at the left spanning every segment they join. layout() is pure.
import type { Host, Topology } from './types';

export interface Rect { x: number; y: number; w: number; h: number }
export interface BandBox extends Rect { id: string; label: string; cidr: string; purpose: string }
export interface HostBox extends Rect {
  id: string; role: string; state: string; router: boolean; address: string;
  /** For routers: where each joined segment meets the box. */
  ports: { segment: string; y: number }[];
}
export interface Layout { width: number; height: number; bands: BandBox[]; hosts: HostBox[] }

export const SIZES = { margin: 12, gap: 10, hostW: 132, hostH: 44, routerW: 96, bandHeader: 26, width: 760 };

function isRouter(h: Host): boolean {
  return h.router || h.segments.length > 1;
}

/**
 * Bands in an order that keeps each router's segments next to each other where it can: the
 * segments of the routers in host order, then the rest in the template's order.
 */
export function segmentOrder(topology: Topology): string[] {
  const known = new Set(topology.segments.map((s) => s.id));
  const order: string[] = [];
  for (const h of topology.hosts.filter(isRouter)) {
    const mine = topology.segments.map((s) => s.id).filter((id) => h.segments.includes(id));
    for (const id of mine) if (!order.includes(id)) order.push(id);
  }
  for (const s of topology.segments) if (!order.includes(s.id)) order.push(s.id);
  return order.filter((id) => known.has(id));
}

export function layout(topology: Topology, label: (segment: Topology['segments'][number]) => string = (s) => s.id,
  sizes = SIZES): Layout {
  const { margin, gap, hostW, hostH, routerW, bandHeader, width } = sizes;
  const routers = topology.hosts.filter(isRouter);
  const bandX = margin + routers.length * (routerW + gap);
  const bandW = Math.max(width - bandX - margin, hostW + 2 * gap);
  const perRow = Math.max(1, Math.floor((bandW - gap) / (hostW + gap)));
  const byId = new Map(topology.segments.map((s) => [s.id, s]));
  const bands: BandBox[] = [];
  const hosts: HostBox[] = [];
  let y = margin;
  for (const id of segmentOrder(topology)) {
    const segment = byId.get(id)!;
    const members = topology.hosts.filter((h) => !isRouter(h) && h.segments[0] === id);
    const rows = Math.max(1, Math.ceil(members.length / perRow));
    const h = bandHeader + rows * (hostH + gap) + gap / 2;
    bands.push({ id, label: label(segment), cidr: segment.cidr, purpose: segment.purpose, x: bandX, y, w: bandW, h });
    members.forEach((host, i) => {
      hosts.push({
        id: host.id, role: host.role, state: host.state, router: false, address: host.addresses[id] ?? '',
        x: bandX + gap + (i % perRow) * (hostW + gap),
        y: y + bandHeader + Math.floor(i / perRow) * (hostH + gap),
        w: hostW, h: hostH, ports: [],
      });
    });
    y += h + gap;
  }
  routers.forEach((host, i) => {
    const joined = bands.filter((b) => host.segments.includes(b.id));
    if (joined.length === 0) return;
    const top = Math.min(...joined.map((b) => b.y));
    const bottom = Math.max(...joined.map((b) => b.y + b.h));
    hosts.push({
      id: host.id, role: host.role, state: host.state, router: true, address: '',
      x: margin + i * (routerW + gap), y: top + 4, w: routerW, h: bottom - top - 8,
      ports: joined.map((b) => ({ segment: b.id, y: b.y + b.h / 2 })),
    });
  });
  return { width, height: Math.max(y, margin * 2), bands, hosts };
}

const SVG = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** The diagram as an SVG element; {@code describe} gives each host's accessible title. */
export function render(l: Layout, title: string, describe: (h: HostBox) => string): SVGSVGElement {
  const root = svg('svg', { viewBox: `0 0 ${l.width} ${l.height}`, role: 'img', class: 'topology', width: '100%' });
  root.append(svg('title', {}, title));
  for (const b of l.bands) {
    const g = svg('g', { class: `band purpose-${b.purpose || 'other'}`, 'data-segment': b.id });
    g.append(svg('rect', { x: b.x, y: b.y, width: b.w, height: b.h, rx: 6 }));
    g.append(svg('text', { x: b.x + 8, y: b.y + 17, class: 'band-label' }, `${b.label}  ${b.cidr}`));
    root.append(g);
  }
  for (const h of l.hosts) {
    const g = svg('g', { class: `host state-${h.state}${h.router ? ' router' : ''}`, 'data-host': h.id });
    g.append(svg('title', {}, describe(h)));
    for (const p of h.ports) {
      const band = l.bands.find((b) => b.id === p.segment)!;
      g.append(svg('line', { x1: h.x + h.w, y1: p.y, x2: band.x, y2: p.y, class: 'port' }));
    }
    g.append(svg('rect', { x: h.x, y: h.y, width: h.w, height: h.h, rx: 4 }));
    g.append(svg('text', { x: h.x + 6, y: h.y + 17, class: 'host-name' }, h.id));
    g.append(svg('text', { x: h.x + 6, y: h.y + 33, class: 'host-detail' }, h.router ? h.role : `${h.role} ${h.address}`));
    root.append(g);
  }
  return root;
}
