// Copies text to the clipboard: the asynchronous Clipboard API when the page
// may use it, else the older execCommand('copy') on a temporary text field.
// Resolves to true when the text was copied, false when the user has to copy
// it by hand.

export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Permission refused or unsupported: try the fallback.
    }
  }
  return copyWithSelection(text);
}

function copyWithSelection(text) {
  const previous = document.activeElement;
  const field = document.createElement('textarea');
  field.value = text;
  field.setAttribute('readonly', '');
  field.className = 'clipboard-helper';
  document.body.append(field);
  field.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  field.remove();
  if (previous && previous.focus) previous.focus({ preventScroll: true });
  return copied;
}
