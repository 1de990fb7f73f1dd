// A host's VNC display: noVNC over /api/console/vnc (RFB relayed by the gateway).
import RFB from '@novnc/novnc';
import { initLang, t } from '../app/i18n';
import { element, params, socketUrl, status } from './common';

initLang();

element('title').textContent = t('console.hostTitle', { host: params.get('host') ?? '', team: params.get('team') ?? '' });
const rfb = new RFB(element('screen'),
  socketUrl('/api/console/vnc', ['exercise', 'team', 'host', 'token']), { wsProtocols: ['binary'] });
rfb.scaleViewport = true;
rfb.addEventListener('connect', () => status(t('console.connected')));
rfb.addEventListener('disconnect', (e: CustomEvent<{ clean: boolean }>) =>
  status(t(e.detail.clean ? 'console.closedCleanly' : 'console.lost'), 'err'));
(window as unknown as { enshuRfb: unknown }).enshuRfb = rfb;
