// Plays an asciicast v2 recording back in xterm.js, at ?speed= times real time (default 1).
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { initLang, t } from '../app/i18n';
import { element, params, status } from './common';

initLang();

const id = params.get('recording') || '';
const speed = Number(params.get('speed') || '1');
element('title').textContent = t('review.recording', { id });

const token = params.get('token');
const query = token ? `?token=${encodeURIComponent(token)}` : '';
const response = await fetch(`/api/console/recordings/${encodeURIComponent(id)}${query}`);
if (!response.ok) {
  const problem = (await response.json().catch(() => ({}))) as { detail?: string };
  status(t('console.cannotLoad', { reason: problem.detail || String(response.status) }), 'err');
} else {
  const lines = (await response.text()).split('\n').filter((l) => l.trim());
  const header = JSON.parse(lines[0]) as { width: number; height: number; title?: string };
  const term = new Terminal({ cols: header.width, rows: header.height, scrollback: 5000 });
  term.open(element('screen'));
  window.enshuTerm = term;
  status(header.title || '');
  const start = performance.now();
  for (const line of lines.slice(1)) {
    const [time, code, data] = JSON.parse(line) as [number, string, string];
    const wait = (time * 1000) / speed - (performance.now() - start);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (code === 'o') term.write(data);
    else if (code === 'r') {
      const [cols, rows] = data.split('x').map(Number);
      term.resize(cols, rows);
    }
  }
  status(t('console.played', { title: header.title || '' }), 'done');
}
