// A host's VNC display: noVNC over /api/console/vnc (RFB relayed by the gateway).
import RFB from '@novnc/novnc';
import { element, params, socketUrl, status } from './common';

element('title').textContent = `${params.get('host')} — team ${params.get('team')}`;
const rfb = new RFB(element('screen'),
  socketUrl('/api/console/vnc', ['exercise', 'team', 'host', 'token']), { wsProtocols: ['binary'] });
rfb.scaleViewport = true;
rfb.addEventListener('connect', () => status('connected'));
rfb.addEventListener('disconnect', (e: CustomEvent<{ clean: boolean }>) =>
  status(e.detail.clean ? 'disconnected' : 'connection lost', 'err'));
(window as unknown as { enshuRfb: unknown }).enshuRfb = rfb;
