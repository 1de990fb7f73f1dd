// Shared by the console pages: query parameters, the socket URL, the status bar.
export const params = new URLSearchParams(location.search);

export function socketUrl(path, keys) {
  const q = new URLSearchParams();
  for (const k of keys) if (params.has(k)) q.set(k, params.get(k));
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}?${q}`;
}

export function status(text, kind = '') {
  const bar = document.getElementById('status');
  bar.textContent = text;
  bar.className = kind;
  document.body.dataset.status = kind || 'ok';
}
