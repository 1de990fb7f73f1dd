// Plays an asciicast v2 recording back in xterm.js, at ?speed= times real time (default 1).
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { params, status } from './common.js';

const id = params.get('recording');
const speed = Number(params.get('speed') || '1');
document.getElementById('title').textContent = `recording ${id}`;

const response = await fetch(`/api/console/recordings/${encodeURIComponent(id)}?token=${encodeURIComponent(params.get('token') || '')}`);
if (!response.ok) {
  const problem = await response.json().catch(() => ({}));
  status(`cannot load: ${problem.detail || response.status}`, 'err');
} else {
  const lines = (await response.text()).split('\n').filter((l) => l.trim());
  const header = JSON.parse(lines[0]);
  const term = new Terminal({ cols: header.width, rows: header.height, scrollback: 5000 });
  term.open(document.getElementById('screen'));
  window.enshuTerm = term;
  status(header.title || '');
  const start = performance.now();
  for (const line of lines.slice(1)) {
    const [time, code, data] = JSON.parse(line);
    const wait = (time * 1000) / speed - (performance.now() - start);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (code === 'o') term.write(data);
    else if (code === 'r') {
      const [cols, rows] = data.split('x').map(Number);
      term.resize(cols, rows);
    }
  }
  status(`${header.title || ''} · played to the end`, 'done');
}
