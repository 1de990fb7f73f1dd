// A host's terminal: xterm.js over /api/console/terminal. Keystrokes go out as binary UTF-8;
// resizes as JSON; output comes in as binary, status as JSON text.
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { initLang, t } from '../app/i18n';
import { backoff } from '../app/feed';
import { element, params, socketUrl, status } from './common';
import { REOPEN_ATTEMPTS, reopens } from './reopen';

initLang();

declare global {
  interface Window {
    enshuTerm?: Terminal;
    enshuSession?: string;
  }
}

interface Control {
  type: string;
  session?: string;
  readOnly?: boolean;
  reason?: string;
}

const term = new Terminal({ cursorBlink: true, fontSize: 14, scrollback: 5000 });
const fit = new FitAddon();
term.loadAddon(fit);
term.open(element('screen'));
fit.fit();
window.enshuTerm = term; // for tests and the instructor's tools

element('title').textContent = params.has('session')
  ? t('console.watchTitle', { session: params.get('session') ?? '', mode: params.get('mode') || 'observe' })
  : t('console.hostTitle', { host: params.get('host') ?? '', team: params.get('team') ?? '' });

const url = socketUrl('/api/console/terminal',
  ['exercise', 'team', 'host', 'token', 'session', 'mode', 'observe']) + `&cols=${term.cols}&rows=${term.rows}`;
const encoder = new TextEncoder();
let ws: WebSocket;
let readOnly = true;
let attempt = 0;

// A session whose host's side ended, or whose connection was lost, is opened again with back-off;
// the screen is kept.
function open(): void {
  ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  ws.onmessage = (e: MessageEvent) => {
    if (typeof e.data !== 'string') {
      term.write(new Uint8Array(e.data as ArrayBuffer));
      return;
    }
    const m = JSON.parse(e.data) as Control;
    if (m.type === 'session') {
      attempt = 0;
      readOnly = Boolean(m.readOnly);
      window.enshuSession = m.session;
      status(t(readOnly ? 'console.watching' : 'console.connectedSession', { session: m.session ?? '' }), readOnly ? 'ro' : '');
      term.focus();
    } else if (m.type === 'refused' || m.type === 'closed' || m.type === 'error') {
      status(t(`console.${m.type}`, { reason: m.reason ?? '' }), 'err');
    }
  };
  ws.onclose = (e: CloseEvent) => {
    if (reopens(e.code) && attempt < REOPEN_ATTEMPTS && !params.has('session')) {
      status(t('console.reopening', { code: e.code, reason: e.reason }), 'err');
      setTimeout(open, backoff(attempt++));
    } else if (document.body.dataset.status !== 'err' || reopens(e.code)) {
      status(t('console.disconnected', { code: e.code, reason: e.reason }), 'err');
    }
  };
  ws.onopen = () => status(t('console.connected'));
}
open();

term.onData((data) => {
  if (ws.readyState === WebSocket.OPEN && !readOnly) ws.send(encoder.encode(data));
});
term.onResize(({ cols, rows }) => {
  if (ws.readyState === WebSocket.OPEN && !readOnly) ws.send(JSON.stringify({ type: 'resize', cols, rows }));
});
window.addEventListener('resize', () => fit.fit());
