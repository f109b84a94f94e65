/**
 * The small markdown subset Teams renders in messages and card text: **bold**, *italic*, _italic_,
 * `code`, [links](https://...), backslash escapes and line breaks, with CommonMark's rule that an
 * emphasis mark opens before a non-space and closes after one. Card text is markdown-inert
 * (cards/quote-for-client.ts: no escapes, no code spans, look-alikes for what would format), so
 * it shows here as typed; the subset is for anything else. It builds DOM nodes with textContent
 * only, so bot or user text can never become markup.
 */
const ESCAPABLE = '\\`*_{}[]()#+-.!<>&~|';

export function renderMarkdown(text) {
  const fragment = document.createDocumentFragment();
  appendInline(fragment, String(text));
  return fragment;
}

/** For the AdaptiveCards renderer, which wants an HTML string: serialise nodes built safely. */
export function markdownToSafeHtml(text) {
  const holder = document.createElement('div');
  holder.append(renderMarkdown(text));
  return holder.innerHTML;
}

function appendInline(parent, text) {
  let plain = '';
  const flush = () => {
    if (plain) parent.append(document.createTextNode(plain));
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const token = readToken(text, i);
    if (token) {
      flush();
      parent.append(token.node);
      i = token.end;
    } else if (text[i] === '\\' && ESCAPABLE.includes(text[i + 1] ?? '')) {
      plain += text[i + 1];
      i += 2;
    } else {
      plain += text[i];
      i += 1;
    }
  }
  flush();
}

function readToken(text, start) {
  const char = text[start];
  if (char === '\n') return { node: document.createElement('br'), end: start + 1 };
  if (char === '`') return readCode(text, start);
  if (text.startsWith('**', start)) return readWrapped(text, start, '**', 'strong');
  if (char === '*') return readWrapped(text, start, '*', 'em');
  if (char === '_' && !isWordChar(text[start - 1])) return readWrapped(text, start, '_', 'em');
  if (char === '[') return readLink(text, start);
  return undefined;
}

function readCode(text, start) {
  const end = text.indexOf('`', start + 1);
  if (end <= start + 1) return undefined;
  const node = document.createElement('code');
  node.textContent = text.slice(start + 1, end);
  return { node, end: end + 1 };
}

function readWrapped(text, start, marker, tag) {
  if (isSpace(text[start + marker.length])) return undefined;
  const close = findClosing(text, start + marker.length, marker);
  if (close <= start + marker.length || isSpace(text[close - 1])) return undefined;
  if (marker === '_' && isWordChar(text[close + 1])) return undefined;
  const node = document.createElement(tag);
  appendInline(node, text.slice(start + marker.length, close));
  return { node, end: close + marker.length };
}

function readLink(text, start) {
  const labelEnd = findClosing(text, start + 1, ']');
  if (labelEnd < 0 || text[labelEnd + 1] !== '(') return undefined;
  const urlEnd = text.indexOf(')', labelEnd + 2);
  if (urlEnd < 0) return undefined;
  const url = text.slice(labelEnd + 2, urlEnd).trim();
  // Only web links: a javascript: or data: URL in bot text must not become clickable.
  if (!/^https?:\/\//i.test(url)) return undefined;
  const node = document.createElement('a');
  node.href = url;
  node.target = '_blank';
  node.rel = 'noopener noreferrer';
  appendInline(node, text.slice(start + 1, labelEnd));
  return { node, end: urlEnd + 1 };
}

/** The next unescaped `marker` on the same line, or -1. */
function findClosing(text, from, marker) {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\n') return -1;
    if (text[i] === '\\') {
      i += 1;
    } else if (text.startsWith(marker, i)) {
      return i;
    }
  }
  return -1;
}

function isSpace(char) {
  return char === undefined || /\s/u.test(char);
}

function isWordChar(char) {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}
