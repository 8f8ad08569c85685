// A value with a button that copies it (addresses, URLs, transaction ids).
import { useState } from 'preact/hooks';
import { shorten } from '../format/text';

async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API refused (plain http on a remote host): fall back to a selected textarea.
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    document.body.appendChild(ta);
    ta.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    ta.remove();
    return ok;
  }
}

export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <button
      type="button"
      class={`copy ${state}`}
      title={`${label}: ${value}`}
      aria-label={`${label} ${value}`}
      data-copy={value}
      onClick={async (e) => {
        e.preventDefault();
        e.stopPropagation();
        const ok = await writeClipboard(value);
        setState(ok ? 'copied' : 'failed');
        setTimeout(() => setState('idle'), 1500);
      }}
    >
      {state === 'copied' ? '✓' : state === 'failed' ? '!' : '⧉'}
    </button>
  );
}

// Monospace text (shortened when `short`), optionally a link, with a copy button.
export function Copyable({ value, short, href }: { value: string; short?: boolean; href?: string }) {
  const text = short ? shorten(value) : value;
  return (
    <span class="copyable">
      {href ? (
        <a class="mono" href={href} title={value}>
          {text}
        </a>
      ) : (
        <code class="mono" title={value}>
          {text}
        </code>
      )}
      <CopyButton value={value} />
    </span>
  );
}
