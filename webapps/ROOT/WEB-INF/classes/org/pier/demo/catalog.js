'use strict';
/** The demo's products: id → name, price in cents and the hue of its badge. */
module.exports.CATALOG = Object.freeze({
  tea: { name: 'Green tea', price: 450, hue: 150 },
  mug: { name: 'Pier mug', price: 1200, hue: 210 },
  map: { name: 'Harbour map', price: 800, hue: 35 },
});

/** Escapes text for HTML. */
module.exports.escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

/** The request's session, or null when the container has no sessions to give. */
module.exports.sessionOf = (req, create) => {
  try { return typeof req.getSession === 'function' ? req.getSession(create) : null; } catch { return null; }
};
