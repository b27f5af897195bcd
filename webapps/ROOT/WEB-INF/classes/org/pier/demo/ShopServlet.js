'use strict';
const { CATALOG, escapeHtml, sessionOf } = require('./catalog');
const { layout } = require('./page');
const { sessionPanels } = require('./session-panel');

const money = (cents) => (cents / 100).toFixed(2);

/**
 * The shop page: counts this visitor's visits and shows the cart, both kept in the HTTP session, and then
 * the session itself as the container sees it (see session-panel.js).
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
    const lines = Object.entries(cart).filter(([id]) => CATALOG[id]);
    const rows = lines
      .map(([id, qty]) => `<li><span class="item">${escapeHtml(CATALOG[id].name)}</span> <span class="qty">× ${qty}</span> <span class="price">${money(CATALOG[id].price * qty)}</span></li>`)
      .join('');
    const total = lines.reduce((sum, [id, qty]) => sum + CATALOG[id].price * qty, 0);
    const products = Object.entries(CATALOG)
      .map(
        ([id, p]) => `<li class="product">
  <span class="product-icon" style="--hue: ${p.hue}" aria-hidden="true">${escapeHtml(p.name[0])}</span>
  <span class="product-name">${escapeHtml(p.name)}</span>
  <span class="price">${money(p.price)}</span>
  <form method="post" action="${base}/cart/add"><input type="hidden" name="item" value="${id}"><button type="submit" aria-label="Add ${escapeHtml(p.name)} to the cart">Add</button></form>
</li>`,
      )
      .join('');
    const body = `<section class="intro">
<h1>${escapeHtml(this.shopName)}</h1>
<p class="lede">A servlet keeps your cart in your HTTP session. Below the shop, the page shows that session as Pier's
<code>SessionHandler</code> sees it, the session cache and store that keep it, and the Jetty XML that wired them.</p>
<p id="visits">Visits: ${visits}</p>
</section>
${session ? '' : '<p class="warning">Sessions are not available: the counter and the cart will not persist.</p>'}
<div class="shop">
<section class="card" aria-labelledby="products-h">
<h2 id="products-h">Products</h2>
<ul class="products">${products}</ul>
</section>
<section class="card" aria-labelledby="cart-h">
<h2 id="cart-h">Cart</h2>
<ul id="cart" class="cart">${rows || '<li class="muted">empty</li>'}</ul>
<p id="total">Total: ${money(total)}</p>
<form method="post" action="${base}/cart/clear"><button type="submit" class="secondary">Empty the cart</button></form>
</section>
</div>
${session ? `<div class="panels">${sessionPanels(req, session)}</div>` : ''}`;
    res.setContentType('text/html;charset=utf-8');
    res.getWriter().print(layout({ title: this.shopName, current: '/shop', body }));
  }
}

module.exports = { ShopServlet };
