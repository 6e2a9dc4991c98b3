// Turns a search snippet (server HTML: escaped text with <mark> around the
// matches) into DOM nodes, keeping only text and <mark>. The HTML is parsed
// in an inert document (DOMParser runs no script and loads no image), and
// anything other than <mark> is reduced to its text, so that a stored
// "<script>" or "<img onerror>" can only ever show as text.

export function snippetNodes(html) {
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${html || ''}`, 'text/html');
  const fragment = document.createDocumentFragment();
  copySafe(doc.body, fragment);
  return fragment;
}

function copySafe(from, to) {
  for (const node of from.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      to.append(document.createTextNode(node.data));
    } else if (node.nodeType === Node.ELEMENT_NODE) {
      if (node.localName === 'mark') {
        const mark = document.createElement('mark');
        copySafe(node, mark);
        to.append(mark);
      } else {
        to.append(document.createTextNode(node.textContent));
      }
    }
  }
}
