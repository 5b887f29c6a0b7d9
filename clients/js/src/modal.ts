// The iframe mode's dialog: role=dialog + aria-modal, a labelled close button, focus kept
// inside (sentinels catch Tab leaving the iframe, focusin catches the rest) and given back
// on close, Escape closes. Styles go through the CSSOM, so a strict CSP on the app's page is fine.

const LABEL = 'Connect an account';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, css: string, attrs: Record<string, string> = {}) {
  const e = document.createElement(tag);
  e.style.cssText = css;
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  return e;
}

export interface Modal {
  frame: HTMLIFrameElement;
  focus(): void;
  remove(): void;
}

export function openModal(url: string, parent: HTMLElement, onClose: () => void): Modal {
  const d = document;
  const before = d.activeElement as HTMLElement | null;
  const overflow = d.body.style.overflow;
  const backdrop = el('div', 'position:fixed;inset:0;z-index:2147483647;display:flex;align-items:center;'
    + 'justify-content:center;background:rgba(0,0,0,.5)');
  const dialog = el('div', 'display:flex;flex-direction:column;width:min(480px,100vw);height:min(720px,100vh);'
    + 'background:Canvas;color:CanvasText;color-scheme:light dark;border-radius:12px;overflow:hidden;'
    + 'box-shadow:0 8px 32px rgba(0,0,0,.3)', { role: 'dialog', 'aria-modal': 'true', 'aria-label': LABEL });
  const close = el('button', 'align-self:flex-end;margin:4px;width:40px;height:40px;border:0;border-radius:20px;'
    + 'background:transparent;color:inherit;font:24px/1 sans-serif;cursor:pointer', { type: 'button', 'aria-label': 'Close' });
  close.textContent = '×';
  const frame = el('iframe', 'flex:1;width:100%;border:0', { src: url, title: LABEL });
  const first = el('span', '', { tabindex: '0' });
  const last = el('span', '', { tabindex: '0' });
  first.onfocus = () => frame.focus();
  last.onfocus = () => close.focus();
  close.onclick = onClose;
  dialog.append(first, close, frame, last);
  backdrop.append(dialog);

  const onKey = (e: KeyboardEvent) => {
    if (e.key == 'Escape') {
      e.preventDefault();
      onClose();
    }
  };
  const onFocusIn = (e: FocusEvent) => {
    if (!dialog.contains(e.target as Node)) close.focus();
  };
  d.addEventListener('keydown', onKey, true);
  d.addEventListener('focusin', onFocusIn);
  parent.append(backdrop);
  d.body.style.overflow = 'hidden';
  frame.focus();

  return {
    frame,
    focus: () => frame.focus(),
    remove() {
      if (!backdrop.isConnected) return;
      d.removeEventListener('keydown', onKey, true);
      d.removeEventListener('focusin', onFocusIn);
      backdrop.remove();
      d.body.style.overflow = overflow;
      before?.focus?.();
    },
  };
}
