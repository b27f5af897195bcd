'use strict';
/**
 * The shop page's explanation of itself: the session as the container sees it, where the store keeps it, the
 * cache/store wiring of this context, the Jetty XML that made that wiring, and what to try.
 */
const fs = require('node:fs');
const path = require('node:path');
const { escapeHtml } = require('./catalog');
const { command, seconds, when } = require('./page');
const { describeSession, describeWiring, whereStored } = require('./session-view');
const { highlightXml } = require('./xml-view');

/** The init parameter webapps/ROOT.xml sets to its own path (the property jetty.webapp). */
const CONTEXT_XML_PARAMETER = 'org.pier.demo.contextXml';

/** A path as the commands on the page use it: relative to the working folder when inside it. */
function shown(p) {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

/** A word for a shell command line, quoted when it needs to be. */
function shellWord(w) {
  return /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

/** The command that started this server, to start it again: `npm start` (with its arguments) when npm did, else bin/start's own line. */
function startCommand() {
  const event = process.env.npm_lifecycle_event;
  const script = event === 'start' ? 'npm start' : event === 'dev' ? 'npm run dev' : null;
  if (script) {
    // npm's own script adds --dev; what follows it came from the user, after `--`
    const args = process.argv.slice(2).filter((a, i) => !(event === 'dev' && i === 0 && a === '--dev'));
    return args.length ? `${script} -- ${args.map(shellWord).join(' ')}` : script;
  }
  return ['node', ...process.argv.slice(1).map((a, i) => (i === 0 ? shown(a) : a))].map(shellWord).join(' ');
}

function rows(pairs) {
  return pairs.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td><code>${escapeHtml(v)}</code></td></tr>`).join('');
}

function sessionSection(s, where, now) {
  return `<section class="card" id="session" aria-labelledby="session-h">
<h2 id="session-h">Your session, as the container sees it</h2>
<dl class="facts">
  <div><dt>Session id</dt><dd><code id="session-id">${escapeHtml(s.id)}</code>${s.isNew ? ' <span class="badge">new</span>' : ''}</dd></div>
  <div><dt>Cookie value (extended id)</dt><dd><code>${escapeHtml(s.extendedId)}</code></dd></div>
  <div><dt>Node (SessionIdManager workerName)</dt><dd><code id="session-node">${escapeHtml(s.workerName ?? 'unknown')}</code>${s.lastNode && s.lastNode !== s.workerName ? `, last managed by <code>${escapeHtml(s.lastNode)}</code>` : ''}</dd></div>
  <div><dt>Created</dt><dd id="session-created">${when(s.created, now)}</dd></div>
  <div><dt>Last access before this one</dt><dd id="session-last-access">${when(s.lastAccessed, now)}</dd></div>
  <div><dt>Max inactive interval</dt><dd id="session-max-inactive">${seconds(s.maxInactiveInterval)}</dd></div>
  <div><dt>Expires</dt><dd>${s.expiry > 0 ? when(s.expiry, now) : 'never'}</dd></div>
  <div><dt>Last written to the store</dt><dd>${when(s.lastSaved, now)}</dd></div>
  <div><dt>Attributes</dt><dd>${s.attributes.map((a) => `<code>${escapeHtml(a)}</code>`).join(' ') || 'none'}</dd></div>
</dl>
<h3>Where it is stored</h3>
<div id="session-location">${locationHtml(where)}</div>
</section>`;
}

function locationHtml(where) {
  const cached = where.cachedIn ? `<p>Reads go first to the L2 cache <code>${escapeHtml(where.cachedIn)}</code>.</p>` : '';
  switch (where.kind) {
    case 'file': {
      const file = where.file
        ? `<p>In the file <code id="session-file">${escapeHtml(where.file)}</code> (its name is <code>&lt;expiry&gt;_&lt;context&gt;_&lt;vhost&gt;_&lt;id&gt;</code>).</p>`
        : `<p id="session-file">Not in a file yet: this session's first write goes to the journal in <code>${escapeHtml(String(where.folder))}</code> and into its own file at the next checkpoint. Reload to see it.</p>`;
      const journal =
        where.durability === 'journal'
          ? `<p>With <code>durability=journal</code>, a write is appended to the folder's journal (<code>.pier-journal-*</code>) and fsync'd before the response goes out; a checkpoint every ${escapeHtml(String(where.checkpointPeriodMs))} ms copies it into the session's file.</p>`
          : `<p>With <code>durability=${escapeHtml(String(where.durability))}</code>, the file is written before the response goes out.</p>`;
      return `${file}${journal}${cached}${command(`ls -l ${shown(String(where.folder))}`)}`;
    }
    case 'row':
      return `<p>In the row of table <code id="session-table">${escapeHtml(where.table)}</code> whose key is ${where.key
        .map(([col, v]) => `<code>${escapeHtml(col)}</code> = <code>'${escapeHtml(v)}'</code>`)
        .join(', ')}.</p>${cached}${command(`SELECT * FROM ${where.table} WHERE ${where.key.map(([c, v]) => `${c} = '${v}'`).join(' AND ')};`)}`;
    case 'redis':
      return `<p>In the Redis hash <code id="session-key">${escapeHtml(where.key)}</code> on <code>${escapeHtml(where.url)}</code>.</p>${cached}${command(`redis-cli HGETALL '${where.key}'`)}`;
    default:
      return `<p id="session-file">Nowhere but memory: <code>${escapeHtml(where.className ?? 'no store')}</code> keeps nothing, so a restart loses the session.</p>`;
  }
}

function wiringSection(w) {
  const stores = w.stores
    .map(
      (s) => `<li class="chain-item"><span class="role">${escapeHtml(s.role)}</span><code class="cls">${escapeHtml(s.className)}</code>
<table class="settings"><caption class="visually-hidden">Settings of ${escapeHtml(s.className)}</caption><tbody>${rows(s.settings)}</tbody></table></li>`,
    )
    .join('');
  return `<section class="card" id="wiring" aria-labelledby="wiring-h">
<h2 id="wiring-h">How this context keeps sessions</h2>
<p>Read from the running objects: <code>SessionHandler.getSessionCache()</code>, <code>SessionCache.getSessionDataStore()</code> and their getters.</p>
<ol class="chain">
  <li class="chain-item"><span class="role">SessionHandler</span><code class="cls">${escapeHtml(w.handlerClass)}</code>
    <table class="settings"><tbody>${rows([['maxInactiveInterval', String(w.maxInactiveInterval)]])}</tbody></table></li>
  <li class="chain-item"><span class="role">SessionIdManager</span><code class="cls">${escapeHtml(w.idManagerClass ?? 'none')}</code>
    <table class="settings"><tbody>${rows([['workerName', String(w.workerName)]])}</tbody></table></li>
  <li class="chain-item"><span class="role">SessionCache</span><code class="cls" id="cache-class">${escapeHtml(w.cacheClass ?? 'none')}</code>
    <p class="policy">evictionPolicy <code id="eviction-policy">${escapeHtml(String(w.evictionPolicy))}</code>: ${escapeHtml(w.evictionMeaning ?? '')}</p>
    <table class="settings"><tbody>${rows(w.cacheSettings)}</tbody></table></li>
  ${stores}
</ol>
</section>`;
}

function xmlSection(file, live) {
  if (!file) {
    return `<section class="card" id="xml" aria-labelledby="xml-h"><h2 id="xml-h">The Jetty XML that wired it</h2>
<p>This context was not deployed from <code>webapps/ROOT.xml</code> (no init parameter <code>${CONTEXT_XML_PARAMETER}</code>), so its sessions come from the server's defaults.</p></section>`;
  }
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return `<section class="card" id="xml" aria-labelledby="xml-h"><h2 id="xml-h">The Jetty XML that wired it</h2><p>Cannot read <code>${escapeHtml(file)}</code>: ${escapeHtml(err.message)}</p></section>`;
  }
  return `<section class="card wide" id="xml" aria-labelledby="xml-h">
<h2 id="xml-h">The Jetty XML that wired it</h2>
<p>The deployer applied <code id="xml-file">${escapeHtml(shown(file))}</code> to make this context: each <code>&lt;New&gt;</code> is an object, each
<code>&lt;Set&gt;</code> a setter call. The <mark>marked</mark> classes are the ones running above. Change it and save: the deployer redeploys the shop, and this page shows the new wiring.</p>
<pre class="xml" tabindex="0"><code>${highlightXml(text, live)}</code></pre>
</section>`;
}

function trySection(req, where, xmlFile) {
  const cd = `cd ${shellWord(process.cwd())}`;
  const survives = where.kind === 'memory' ? 'With this store it will not be: nothing is written anywhere.' : 'Reload this page: the cart, the session id and its creation time are still there.';
  const notices = xmlFile ? path.join(path.dirname(xmlFile), 'notices.xml') : null;
  return `<section class="card wide" id="try" aria-labelledby="try-h">
<h2 id="try-h">Try this</h2>
<ol class="steps">
  <li><h3>Restart the server</h3><p>Stop it cleanly (Ctrl-C where it runs does the same) and start it again. ${survives}</p>
    ${command(cd, `kill -TERM ${process.pid}`, startCommand())}</li>
  <li><h3>Kill it</h3><p>SIGKILL gives the server no chance to save anything. Every change it answered is still there after the start, because it was in the store before the answer left.</p>
    ${command(cd, `kill -KILL ${process.pid}`, startCommand())}</li>
  <li><h3>Rewire it</h3><p>Set <code>evictionPolicy</code> to <code>0</code> in ${xmlFile ? `<code>${escapeHtml(shown(xmlFile))}</code>` : 'the context XML'}, save, and reload within a couple of seconds: the cache line above changes, and your cart is still there.</p></li>
  ${notices ? `<li><h3>Watch a hot deploy</h3><p>The <a href="/notices/">notices app</a> is deployed from its own context file. Touch it (or edit its notice) and reload the app: its “deployed at” moves.</p>${command(cd, `touch ${shown(notices)}`, `curl -s ${req.getScheme()}://${req.getServerName()}:${req.getServerPort()}/notices/ | grep deployed-at`)}</li>` : ''}
</ol>
</section>`;
}

/** Every section about the session of `req`, in page order. */
function sessionPanels(req, session) {
  const now = Date.now();
  const handler = session.getSessionHandler();
  const wiring = describeWiring(handler);
  const store = handler.getSessionCache()?.getSessionDataStore() ?? null;
  const where = whereStored(store, session.getId());
  const live = new Set([wiring.handlerClass, wiring.cacheClass, ...wiring.stores.map((s) => s.className)]);
  const xmlFile = req.getServletContext().getInitParameter(CONTEXT_XML_PARAMETER);
  return [sessionSection(describeSession(session), where, now), wiringSection(wiring), trySection(req, where, xmlFile), xmlSection(xmlFile, live)].join('\n');
}

module.exports = { sessionPanels, CONTEXT_XML_PARAMETER };
