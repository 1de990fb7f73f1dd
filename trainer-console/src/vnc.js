// A host's VNC display: noVNC over /api/console/vnc (RFB relayed by the gateway).
import RFB from '@novnc/novnc';
import { params, socketUrl, status } from './common.js';

document.getElementById('title').textContent = `${params.get('host')} — team ${params.get('team')}`;
const rfb = new RFB(document.getElementById('screen'),
  socketUrl('/api/console/vnc', ['exercise', 'team', 'host', 'token']), { wsProtocols: ['binary'] });
rfb.scaleViewport = true;
rfb.addEventListener('connect', () => status('connected'));
rfb.addEventListener('disconnect', (e) => status(e.detail.clean ? 'disconnected' : 'connection lost', 'err'));
window.enshuRfb = rfb;
