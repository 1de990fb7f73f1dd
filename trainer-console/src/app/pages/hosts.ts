// A team's range for the pages that show it: the diagram and a table of hosts with their actions.
import { consoleUrl } from '../context';
import { h } from '../dom';
import { localized, t } from '../i18n';
import { layout, render } from '../topology';
import type { Host, Topology } from '../types';

export function diagram(topology: Topology, team: number): SVGSVGElement {
  const l = layout(topology, (s) => localized(s.name) || s.id);
  return render(l, t('topology.title', { team }), (box) => `${box.id} (${box.role}): ${t(`host.${box.state}`)}`);
}

export function consoleButtons(exercise: string, team: number, host: Host): HTMLElement[] {
  const open = (kind: 'terminal' | 'vnc', label: string) => h('a', {
    class: 'button', href: consoleUrl(kind, exercise, team, host.id), target: '_blank', rel: 'noopener', 'data-console': kind,
    'aria-label': `${label}: ${host.id}`,
  }, label);
  if (host.console === 'terminal') return [open('terminal', t('host.terminal'))];
  if (host.console === 'vnc') return [open('vnc', t('host.vnc'))];
  return [];
}

export function hostTable(exercise: string, team: number, hosts: Host[], extra?: (host: Host) => HTMLElement | null): HTMLTableElement {
  return h('table', { class: 'list hosts' },
    h('thead', {}, h('tr', {}, ...['host.name', 'host.role', 'host.addresses', 'host.state', 'host.actions'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, ...hosts.map((host) => h('tr', { 'data-host': host.id },
      h('th', { scope: 'row' }, host.id), h('td', {}, host.role),
      h('td', {}, Object.entries(host.addresses).map(([s, ip]) => `${ip} (${s})`).join(', ')),
      h('td', {}, h('span', { class: `badge host-${host.state}` }, t(`host.${host.state}`))),
      h('td', { class: 'actions' }, ...consoleButtons(exercise, team, host), extra ? extra(host) : null)))));
}
