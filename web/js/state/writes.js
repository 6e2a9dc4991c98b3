// Whether this server accepts writes (curation), as far as the page knows:
// true, false, or null when it cannot tell. GET /api/health says so in its
// `writes` field when the server reports it; a write refused with
// `writes_disabled` (HTTP 403) also settles it for the rest of the session.
// Pages hide their curation entries only when writes are known to be off.
import { api } from '../api.js';

const KEY = 'citykb.writes';
let pending = null;

export function writesEnabled() {
  const remembered = readRemembered();
  if (remembered !== null) return Promise.resolve(remembered);
  pending ??= api.health()
    .then((health) => (typeof health.writes === 'boolean' ? health.writes : null))
    .catch(() => null);
  return pending;
}

// Called with an ApiError from a write: remembers a refusal for writes being off.
export function noteWriteError(error) {
  if (error && error.status === 403 && error.code === 'writes_disabled') {
    try {
      sessionStorage.setItem(KEY, 'off');
    } catch {
      // Without storage the page asks the server again next time.
    }
    pending = Promise.resolve(false);
  }
}

function readRemembered() {
  try {
    return sessionStorage.getItem(KEY) === 'off' ? false : null;
  } catch {
    return null;
  }
}

// A one-shot message for the next page (e.g. "saved" after the form sends
// the user to the city page).
const FLASH_KEY = 'citykb.flash';

export function setFlash(message) {
  try {
    sessionStorage.setItem(FLASH_KEY, JSON.stringify(message));
  } catch {
    // The next page simply shows no confirmation.
  }
}

export function takeFlash(kind) {
  try {
    const message = JSON.parse(sessionStorage.getItem(FLASH_KEY) || 'null');
    if (!message || message.kind !== kind) return null;
    sessionStorage.removeItem(FLASH_KEY);
    return message;
  } catch {
    return null;
  }
}
