'use strict';
const { CATALOG, escapeHtml, sessionOf } = require('./catalog');

/**
 * The shop page: counts this visitor's visits and shows the cart, both kept in the HTTP session.
 * A plain class: the container calls init(config), doGet(req, res) and destroy().
 */
class ShopServlet {
  init(config) {
    this.shopName = config.getServletContext().getInitParameter('shopName') || 'Shop';
  }

  doGet(req, res) {
    const session = sessionOf(req, true);
    let visits = 1;
    let cart = {};
    if (session) {
      // A page loaded by following the cart's redirect is the same visit; anything else is a new one.
      const followingRedirect = session.getAttribute('afterCartChange') === true;
      if (followingRedirect) session.removeAttribute('afterCartChange');
      visits = (Number(session.getAttribute('visits')) || 0) + (followingRedirect ? 0 : 1);
      if (!followingRedirect) session.setAttribute('visits', visits);
      cart = session.getAttribute('cart') || {};
    }
    const base = req.getContextPath();
    const rows = Object.entries(cart).map(([id, qty]) =>
      `<li>${escapeHtml(CATALOG[id] ? CATALOG[id].name : id)} × ${qty}</li>`).join('');
    const total = Object.entries(cart).reduce((sum, [id, qty]) => sum + (CATALOG[id] ? CATALOG[id].price * qty : 0), 0);
    const products = Object.entries(CATALOG).map(([id, p]) =>
      `<li>${escapeHtml(p.name)} (${(p.price / 100).toFixed(2)}) <form method="post" action="${base}/cart/add"><input type="hidden" name="item" value="${id}"><button>Add</button></form></li>`).join('');
    res.setContentType('text/html;charset=utf-8');
    res.getWriter().print(`<!DOCTYPE html>
<html><head><title>${escapeHtml(this.shopName)}</title></head>
<body>
<h1>${escapeHtml(this.shopName)}</h1>
<p id="visits">Visits: ${visits}</p>
${session ? '' : '<p><em>Sessions are not available: the counter and the cart will not persist.</em></p>'}
<h2>Products</h2><ul>${products}</ul>
<h2>Cart</h2><ul id="cart">${rows || '<li>empty</li>'}</ul>
<p id="total">Total: ${(total / 100).toFixed(2)}</p>
<form method="post" action="${base}/cart/clear"><button>Empty the cart</button></form>
</body></html>
`);
  }
}

module.exports = { ShopServlet };
