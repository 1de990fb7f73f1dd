// Shared by the console pages: query parameters, the socket URL, the status bar.
export const params = new URLSearchParams(location.search);

export function socketUrl(path: string, keys: string[]): string {
  const q = new URLSearchParams();
  for (const k of keys) {
    const v = params.get(k);
    if (v !== null) q.set(k, v);
  }
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}?${q}`;
}

export function status(text: string, kind = ''): void {
  const bar = document.getElementById('status')!;
  bar.textContent = text;
  bar.className = kind;
  document.body.dataset.status = kind || 'ok';
}

export function element(id: string): HTMLElement {
  return document.getElementById(id)!;
}
