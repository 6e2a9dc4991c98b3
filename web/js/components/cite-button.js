// The Cite button: copies a citation to the clipboard, says so in a live
// region, and shows the citation (selected, for copying by hand, when the
// clipboard is not available).
import { h, icon, uid } from '../dom.js';
import { t } from '../i18n.js';
import { copyText } from './clipboard.js';

// getCitation() -> string, computed when the button is pressed.
export function createCiteButton(getCitation) {
  const boxId = uid('citation');
  const status = h('p', { class: 'cite__status', role: 'status' });
  const field = h('textarea', { id: boxId, class: 'cite__text', readonly: true, rows: '4' });
  const box = h('div', { class: 'cite__box', hidden: true },
    h('label', { for: boxId, class: 'cite__label', text: t('cite.label') }), field);
  const button = h('button', {
    type: 'button',
    class: 'button cite__button',
    'aria-controls': boxId,
    on: { click: cite },
  }, icon('copy'), h('span', { text: t('cite.button') }));

  async function cite() {
    const citation = getCitation();
    field.value = citation;
    box.hidden = false;
    status.textContent = '';
    const copied = await copyText(citation);
    status.textContent = copied ? t('cite.copied') : t('cite.manual');
    status.classList.toggle('cite__status--warn', !copied);
    if (!copied) {
      field.focus();
      field.select();
    }
  }

  return h('div', { class: 'cite' }, h('div', { class: 'cite__row' }, button, status), box);
}
