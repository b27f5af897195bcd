'use strict';
const { CATALOG, sessionOf } = require('./catalog');

/** `POST /cart/add` (item=<id>) and `POST /cart/clear`, then back to the shop page. */
class CartServlet {
  async doPost(req, res) {
    let item = req.getParameter('item');
    if (item === null && typeof req.text === 'function') {
      item = new URLSearchParams(await req.text()).get('item');
    }
    const session = sessionOf(req, true);
    const cart = Object.assign({}, (session && session.getAttribute('cart')) || {});
    const action = req.getPathInfo();
    if (action === '/add') {
      if (!item || !CATALOG[item]) { res.sendError(400, `Unknown item '${item}'`); return; }
      cart[item] = (cart[item] || 0) + 1;
    } else if (action === '/clear') {
      for (const k of Object.keys(cart)) delete cart[k];
    } else {
      res.sendError(404, `No cart action '${action}'`);
      return;
    }
    if (session) {
      session.setAttribute('cart', cart);
      // The browser follows the redirect below: the shop page it loads is not a new visit.
      session.setAttribute('afterCartChange', true);
    }
    res.sendRedirect(`${req.getContextPath()}/shop`);
  }

  /** The cart as JSON (for scripts and tests). */
  doGet(req, res) {
    const session = sessionOf(req, false);
    res.setContentType('application/json');
    res.getWriter().print(JSON.stringify((session && session.getAttribute('cart')) || {}));
  }
}

module.exports = { CartServlet };
