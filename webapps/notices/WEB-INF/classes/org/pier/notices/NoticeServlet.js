'use strict';
const fs = require('node:fs');

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const utc = (ms) => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

/**
 * The notices page: the notice that webapps/notices.xml sets as an init parameter, and the time this
 * deployment of the app started. The deployer makes a new instance at every redeploy, so the time moves
 * when the context file changes.
 */
class NoticeServlet {
  init(config) {
    const context = config.getServletContext();
    this.deployedAt = Date.now();
    this.notice = context.getInitParameter('notice') || '(no notice: set the init parameter "notice" in the context XML)';
    this.contextXml = context.getInitParameter('org.pier.demo.contextXml');
  }

  doGet(req, res) {
    let changed = null;
    try {
      if (this.contextXml) changed = fs.statSync(this.contextXml).mtimeMs;
    } catch {
      /* the file went away: the deployer is about to undeploy this app */
    }
    const xml = this.contextXml ? escapeHtml(this.contextXml) : 'its context XML';
    res.setContentType('text/html;charset=utf-8');
    res.getWriter().print(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Harbour notices</title>
<link rel="stylesheet" href="/css/pier.css">
</head>
<body>
<header class="masthead">
  <a class="brand" href="/"><span class="brand-mark" aria-hidden="true"></span>Pier</a>
  <nav aria-label="Demo pages"><a href="/shop">Shop</a> <a href="/notices/" aria-current="page">Notices</a> <a href="/">About</a></nav>
</header>
<main id="main">
<section class="card">
<h1>Harbour notices</h1>
<p class="notice" id="notice">${escapeHtml(this.notice)}</p>
<p id="deployed-at">Deployed at <time datetime="${new Date(this.deployedAt).toISOString()}">${utc(this.deployedAt)}</time></p>
<p>This app (context path <code>${escapeHtml(req.getContextPath())}</code>) was deployed from <code>${xml}</code>${changed ? `, last changed ${utc(changed)}` : ''}.
Edit the notice in that file, or touch it, and reload: the deployer notices the change within a second,
stops this app and deploys it again, and the time above moves.</p>
<pre class="cmd"><code>touch ${xml}</code></pre>
</section>
</main>
</body>
</html>
`);
  }
}

module.exports = { NoticeServlet };
