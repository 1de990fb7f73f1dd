import { describe, expect, it } from 'vitest';
import { layout, segmentOrder, type Rect } from '../src/app/topology';
import type { Host, Topology } from '../src/app/types';

const host = (id: string, segments: string[], router = false, role = 'workstation'): Host => ({
  id, role, segments, router, state: 'running', console: 'terminal',
  addresses: Object.fromEntries(segments.map((s, i) => [s, `10.64.${i}.${id.length}`])),
});

// the shape of cyder-mini: a firewall joining everything, hosts in each segment
const mini: Topology = {
  segments: [
    { id: 'internet', cidr: '10.64.0.0/24', purpose: 'internet', name: { ja: 'インターネット', en: 'Internet' } },
    { id: 'dmz', cidr: '10.64.1.0/24', purpose: 'dmz', name: 'DMZ' },
    { id: 'lan', cidr: '10.64.2.0/24', purpose: 'business', name: 'LAN' },
    { id: 'soc', cidr: '10.64.3.0/24', purpose: 'soc', name: 'SOC' },
  ],
  hosts: [
    host('attacker', ['internet'], false, 'attacker'), host('c2', ['internet'], false, 'c2'),
    host('fw', ['internet', 'dmz', 'lan', 'soc'], true, 'firewall'),
    host('web', ['dmz'], false, 'web'), host('proxy', ['dmz'], false, 'proxy'),
    host('pc', ['lan']), host('pc2', ['lan']), host('pc3', ['lan']), host('pc4', ['lan']), host('pc5', ['lan']), host('pc6', ['lan']),
    host('soc', ['soc'], false, 'soc'),
  ],
};

const inside = (r: Rect, outer: Rect) => r.x >= outer.x && r.y >= outer.y && r.x + r.w <= outer.x + outer.w && r.y + r.h <= outer.y + outer.h;
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('topology layout', () => {
  const l = layout(mini);

  it('draws every segment as a band and every host once', () => {
    expect(l.bands.map((b) => b.id)).toEqual(['internet', 'dmz', 'lan', 'soc']);
    expect(l.hosts.map((h) => h.id).sort()).toEqual(mini.hosts.map((h) => h.id).sort());
  });

  it('puts each host inside the band of its segment, with its address there', () => {
    for (const h of l.hosts.filter((x) => !x.router)) {
      const segment = mini.hosts.find((x) => x.id === h.id)!.segments[0];
      expect(inside(h, l.bands.find((b) => b.id === segment)!), h.id).toBe(true);
      expect(h.address).toBe(mini.hosts.find((x) => x.id === h.id)!.addresses[segment]);
    }
  });

  it('spans a router over every segment it joins, with a port on each, outside the bands', () => {
    const fw = l.hosts.find((h) => h.id === 'fw')!;
    expect(fw.router).toBe(true);
    for (const b of l.bands) {
      expect(fw.y).toBeLessThanOrEqual(b.y + b.h / 2);
      expect(fw.y + fw.h).toBeGreaterThanOrEqual(b.y + b.h / 2);
      expect(overlap(fw, b)).toBe(false);
    }
    expect(fw.ports.map((p) => p.segment)).toEqual(['internet', 'dmz', 'lan', 'soc']);
  });

  it('wraps a full segment into rows without overlapping boxes or bands', () => {
    const lan = l.bands.find((b) => b.id === 'lan')!;
    const others = l.bands.find((b) => b.id === 'dmz')!;
    expect(lan.h).toBeGreaterThan(others.h);
    for (let i = 0; i < l.bands.length - 1; i++) expect(l.bands[i].y + l.bands[i].h).toBeLessThanOrEqual(l.bands[i + 1].y);
    for (const a of l.hosts) for (const b of l.hosts) if (a !== b) expect(overlap(a, b), `${a.id}/${b.id}`).toBe(false);
    for (const h of l.hosts) expect(inside(h, { x: 0, y: 0, w: l.width, h: l.height }), h.id).toBe(true);
  });

  it('is the same for the same topology and labels bands as asked', () => {
    expect(layout(mini)).toEqual(l);
    const labelled = layout(mini, (s) => (typeof s.name === 'string' ? s.name : s.name?.en ?? s.id));
    expect(labelled.bands[0].label).toBe('Internet');
  });

  it('keeps the segments of each router next to each other', () => {
    const t: Topology = {
      segments: ['a', 'b', 'c', 'd'].map((id) => ({ id, cidr: '', purpose: '', name: id })),
      hosts: [host('r1', ['a', 'c'], true), host('r2', ['b', 'd'], true), host('x', ['b'])],
    };
    expect(segmentOrder(t)).toEqual(['a', 'c', 'b', 'd']);
    const lt = layout(t);
    const r1 = lt.hosts.find((h) => h.id === 'r1')!;
    const r2 = lt.hosts.find((h) => h.id === 'r2')!;
    expect(r1.x).not.toBe(r2.x);
    expect(r1.y + r1.h).toBeLessThanOrEqual(lt.bands[2].y);
  });

  it('draws a host with two segments as spanning them even if not flagged as a router', () => {
    const t: Topology = { segments: mini.segments.slice(0, 2), hosts: [host('gw', ['internet', 'dmz'])] };
    expect(layout(t).hosts[0].router).toBe(true);
  });
});
