/**
 * The Jetty 9.4 modules Pier knows but does not provide: most need a JVM (JSP, annotations, JMX, JNDI,
 * WebSocket, HTTP/2...). Enabling one prints one WARN line saying what it does in Jetty and what to use
 * instead, and the start goes on; a module whose absence would leave the server less safe than the
 * operator expects (access control, authentication, dropping privileges, the client address a proxy
 * hands over, a session store that would be silently replaced) is refused instead, with one line.
 * A `.mod` file of the same name in the base or home takes precedence over this table.
 * @module
 */

/** What Pier says about one module it knows but does not provide. */
export interface UnprovidedModule {
  readonly name: string;
  /** Jetty's `[description]` (first line) and `[tags]`, `[provides]`, for --list-modules and conflicts. */
  readonly description: string;
  readonly tags: readonly string[];
  readonly provides: readonly string[];
  /** What the module does in Jetty ("compiles and serves JSP pages"). */
  readonly inJetty: string;
  /** What to use on Pier instead, when something exists. */
  readonly instead?: string;
  /** Set when the module is refused: why going on without it would be less safe. */
  readonly refusedBecause?: string;
}

type Entry = Omit<UnprovidedModule, 'name'>;

const LOGGING_INSTEAD =
  "Pier logs through its own logger with Jetty's names: configure it in ${jetty.base}/resources/jetty-logging.properties (module logging-jetty)";
const SESSION_STORE_REFUSAL = 'a session store silently replaced by another would lose every stored session';
const NO_WEBSOCKET = 'serve WebSockets from a Node server of their own beside Pier';

function warn(description: string, inJetty: string, instead?: string, tags: readonly string[] = [], provides: readonly string[] = []): Entry {
  return { description, inJetty, instead, tags, provides };
}

function refuse(
  description: string,
  inJetty: string,
  refusedBecause: string,
  instead: string,
  tags: readonly string[] = [],
  provides: readonly string[] = [],
): Entry {
  return { description, inJetty, instead, refusedBecause, tags, provides };
}

function logging(description: string, what: string, tags: readonly string[], provides: readonly string[] = []): Entry {
  return warn(description, what, LOGGING_INSTEAD, tags, provides);
}

const TABLE: Record<string, Entry> = {
  // Web application features that need a JVM.
  'jsp': warn(
    'Enables JSP for all webapplications deployed on the server.',
    'compiles and serves JSP pages with Apache Jasper',
    'write the pages as servlets, or render templates from a servlet',
  ),
  'apache-jsp': warn(
    'Enables use of the apache implementation of JSP',
    'puts Apache Jasper, the JSP compiler, on the classpath',
    'write the pages as servlets, or render templates from a servlet',
  ),
  'jstl': warn('Enables JSTL for all webapplications deployed on the server', 'adds the JSP Standard Tag Library', 'render templates from a servlet'),
  'apache-jstl': warn('Enables the apache version of JSTL', "puts Apache's JSTL tag library on the classpath", 'render templates from a servlet'),
  'annotations': warn(
    'Enables Annotation scanning for deployed webapplications.',
    'scans web application classes for @WebServlet, @WebFilter, @WebListener and ServletContainerInitializers',
    'declare servlets, filters and listeners in WEB-INF/web.xml',
  ),
  'plus': warn(
    'Enables JNDI and resource injection for webapplications',
    'binds env-entry and resource-ref values in JNDI and injects them',
    'read settings from context init parameters; session-store-jdbc binds its own data source',
  ),
  'jndi': warn(
    'Adds the Jetty JNDI implementation to the classpath.',
    'provides a JNDI naming context for web applications',
    'session-store-jdbc binds its data source by name without JNDI',
  ),
  'transactions': warn(
    'Puts javax.transaction api on the classpath',
    'puts the JTA transaction API on the classpath',
    undefined,
    [],
    ['transactions'],
  ),
  'mail': warn(
    'Adds the javax.mail implementation to the classpath.',
    'puts JavaMail on the classpath',
    'send mail with a Node mail package from the application',
    [],
    ['mail'],
  ),
  'cdi': warn(
    'Support for CDI inside the webapp.',
    'integrates a CDI container (Weld, OpenWebBeans) with web applications',
    undefined,
    ['cdi'],
    ['cdi'],
  ),
  'cdi2': warn(
    'Deprecated support for CDI integrations inside the webapp.',
    'exposes Jetty classes to a CDI container in the web application',
    undefined,
    ['cdi'],
    ['cdi-mode'],
  ),
  'cdi-decorate': warn(
    'Configures Jetty to use the "CdiDecoratingListener" as the default',
    'decorates servlets, filters and listeners through a CDI container',
    undefined,
    ['cdi'],
    ['cdi-mode'],
  ),
  'cdi-spi': warn(
    'Configures Jetty to use the "CdiSpiDecorator" that calls the CDI SPI',
    'decorates servlets, filters and listeners through the CDI SPI',
    undefined,
    ['cdi'],
    ['cdi-mode'],
  ),
  'decorate': warn(
    'Jetty setup to support Decoration of Listeners, Filters and Servlets within a deployed webapp.',
    'lets a context attribute decorate every servlet, filter and listener the web application creates',
  ),
  'spring': warn(
    'Enable spring configuration processing so all jetty style',
    'reads Jetty configuration written as Spring bean XML',
    'write the configuration as Jetty XML',
  ),
  'quickstart': warn(
    'Enables the Jetty Quickstart module for rapid',
    'starts web applications from a pre-generated quickstart-web.xml instead of scanning',
    'Pier does not scan classes, so web applications start without it',
  ),
  'websocket': warn(
    'Enable websockets for deployed web applications',
    'adds the javax.websocket and Jetty WebSocket APIs to web applications',
    NO_WEBSOCKET,
  ),
  'continuation': warn(
    'Enables support for Continuation style asynchronous',
    'adds the pre-Servlet-3 Continuation API for asynchronous servlets',
    "return a promise from the servlet's service method",
  ),
  'servlets': warn(
    'Puts a collection of jetty utility servlets and filters',
    "puts Jetty's utility servlets and filters (CrossOriginFilter, DoSFilter, QoSFilter, HeaderFilter...) on the classpath",
    'the gzip, threadlimit and ipaccess modules cover GzipFilter, DoSFilter and IP filtering',
  ),
  'global-webapp-common': warn(
    'Enables Deployer to apply common configuration to all webapp deployments',
    'applies one extra context XML to every deployed web application',
    'put the settings in each context XML or in etc/webdefault.xml',
  ),
  'client': warn(
    'Adds the Jetty HTTP client to the server classpath.',
    "puts Jetty's HTTP client on the server classpath",
    "use Node's fetch from the application",
  ),
  'fcgi': warn(
    'Adds the FastCGI implementation to the classpath.',
    'adds the FastCGI proxy servlet (for PHP applications behind Jetty)',
    'put a FastCGI-capable proxy in front of Pier',
  ),
  'proxy': warn(
    'Enable the Jetty Proxy, that allows the server to act',
    'runs a ProxyServlet that forwards requests to other servers',
    'use a reverse proxy in front of Pier',
  ),
  'rewrite': warn(
    'Enables the jetty-rewrite handler.  Specific rewrite',
    'adds a RewriteHandler that rewrites, redirects and adds headers by rules',
    'rewrite in a filter, or in a reverse proxy in front of Pier',
    [],
    ['rewrite'],
  ),
  'rewrite-customizer': warn(
    'Enables a rewrite Rules container as a request customizer on',
    'applies rewrite rules as a request customizer of the connectors',
    'rewrite in a filter, or in a reverse proxy in front of Pier',
    [],
    ['rewrite'],
  ),
  'rewrite-compactpath': warn(
    'Add a rule to the rewrite module to compact paths so that double slashes',
    'adds a rewrite rule that collapses double slashes in paths',
    "Pier's canonical path already collapses empty segments for every mapping",
  ),

  // Connectors and protocols.
  'http2': warn(
    'Enables HTTP2 protocol support on the TLS(SSL) Connector,',
    'negotiates HTTP/2 on the TLS connector',
    'the https module serves HTTP/1.1 over TLS',
    ['connector', 'http2', 'http', 'ssl'],
  ),
  'http2c': warn(
    'Enables the HTTP2C protocol on the HTTP Connector',
    'accepts cleartext HTTP/2 on the HTTP connector',
    'the http module serves HTTP/1.1',
    ['connector', 'http2', 'http'],
  ),
  'alpn': warn(
    'Enables the ALPN (Application Layer Protocol Negotiation) TLS extension.',
    'negotiates the application protocol (h2, http/1.1) during the TLS handshake',
    'the https module serves HTTP/1.1 over TLS',
  ),
  'conscrypt': warn(
    'Installs the Conscrypt JSSE provider',
    "replaces the JVM's TLS implementation with Conscrypt (BoringSSL)",
    "Pier's TLS is Node's OpenSSL",
    ['3rdparty'],
    ['alpn-impl'],
  ),
  'ssl-reload': warn(
    'Enables the SSL keystore to be reloaded after any changes are detected on the file system.',
    'reloads the keystore when its file changes',
    'restart Pier after renewing the certificate',
    ['connector', 'ssl'],
  ),
  'unixsocket': warn(
    'Enables a Unix Domain Socket Connector that can receive',
    'listens on a Unix domain socket',
    'listen on 127.0.0.1 with the http module',
    ['connector'],
  ),
  'unixsocket-http': warn(
    'Adds an HTTP protocol support to the Unix Domain Socket connector.',
    'serves HTTP/1.1 on the Unix domain socket connector',
    'listen on 127.0.0.1 with the http module',
    ['connector', 'http'],
  ),
  'unixsocket-http2c': warn(
    'Adds an HTTP2C connetion factory to the Unix Domain Socket Connector',
    'serves cleartext HTTP/2 on the Unix domain socket connector',
    'listen on 127.0.0.1 with the http module',
    ['connector', 'http2'],
  ),
  'unixsocket-prefix': warn(
    'Enables a Unix Domain Socket Connector that can receive',
    'makes the Unix domain socket connector the one the unixsocket-* modules configure (a template module)',
    'listen on 127.0.0.1 with the http module',
    ['connector'],
  ),
  'unixsocket-suffix': warn(
    'Enables a Unix Domain Socket Connector that can receive',
    'adds the configured Unix domain socket connector to the server (a template module)',
    'listen on 127.0.0.1 with the http module',
    ['connector'],
  ),
  'unixsocket-forwarded': warn(
    'Adds a forwarded request customizer to the HTTP configuration used',
    'reads Forwarded headers on the Unix domain socket connector',
    'the http-forwarded module on the http connector',
    ['connector'],
  ),
  'unixsocket-secure': warn(
    'Enable a secure request customizer on the HTTP Configuration',
    'marks requests on the Unix domain socket connector secure',
    'the https module',
    ['connector'],
  ),
  'proxy-protocol': refuse(
    'Enables the Proxy Protocol on the HTTP Connector.',
    "reads the client's address from the PROXY protocol preamble a load balancer sends",
    'without it the PROXY preamble is not understood and every address check and log sees the balancer instead of the client',
    'have the load balancer send X-Forwarded-For and enable http-forwarded',
  ),
  'proxy-protocol-ssl': refuse(
    'Enables the Proxy Protocol on the TLS(SSL) Connector.',
    "reads the client's address from the PROXY protocol preamble on the TLS connector",
    'without it the PROXY preamble is not understood and every address check and log sees the balancer instead of the client',
    'have the load balancer send X-Forwarded-For and enable http-forwarded',
    ['connector', 'ssl'],
  ),
  'unixsocket-proxy-protocol': refuse(
    'Enables the proxy protocol on the Unix Domain Socket Connector',
    "reads the client's address from the PROXY protocol preamble on the Unix domain socket",
    'without it every address check and log sees the proxy instead of the client',
    'have the proxy send X-Forwarded-For and enable http-forwarded',
    ['connector'],
  ),

  // Security: refused, because going on without them would serve what the operator meant to protect.
  'inetaccess': refuse(
    'Enable the InetAccessHandler to apply a include/exclude',
    'allows or denies requests by client address and connector with an InetAccessHandler',
    'requests it would deny would be served',
    'the ipaccess module (IPAccessHandler with white and black lists)',
    ['handler'],
  ),
  'jaas': refuse(
    'Enable JAAS for deployed webapplications.',
    'authenticates users through JAAS login modules (JAASLoginService)',
    'web applications that rely on JAAS logins would run without the realm they expect',
    'a login service of the security module (HashLoginService)',
  ),
  'jaspi': refuse(
    'Enable JASPI authentication for deployed webapplications.',
    'authenticates users through JASPI server authentication modules',
    'web applications that rely on JASPI authentication would run without it',
    'the FORM or BASIC authenticators of the security module',
  ),
  'openid': refuse(
    'Adds OpenId Connect authentication to the server.',
    'authenticates users against an OpenID Connect provider',
    'web applications that rely on OpenID Connect logins would run without them',
    'authenticate in a reverse proxy in front of Pier, or FORM/BASIC authentication of the security module',
  ),
  'setuid': refuse(
    'Enables the unix setUID configuration so that the server',
    'binds privileged ports as root and then switches to an unprivileged user',
    'the server would keep running as the user that started it, root included',
    'start Pier as the unprivileged user and bind ports above 1023 (or give node the cap_net_bind_service capability)',
  ),

  // Session stores Pier does not provide: refused, a replacement store would lose the stored sessions.
  'session-store-mongo': refuse(
    'Enables NoSql session management with a MongoDB driver.',
    'stores sessions in MongoDB',
    SESSION_STORE_REFUSAL,
    'session-store-jdbc (PostgreSQL, MariaDB, SQLite) or session-store-redis',
    ['session'],
    ['session-store'],
  ),
  'session-store-gcloud': refuse(
    'Enables GCloudDatastore session management.',
    'stores sessions in Google Cloud Datastore',
    SESSION_STORE_REFUSAL,
    'session-store-jdbc (for example on Cloud SQL) or session-store-redis',
    ['session', 'gcloud'],
    ['session-store'],
  ),
  'session-store-hazelcast-embedded': refuse(
    'Enables session data store in an embedded Hazelcast Map',
    'stores sessions in an embedded Hazelcast map',
    SESSION_STORE_REFUSAL,
    'session-store-redis, the shared in-memory store',
    ['session'],
    ['session-store'],
  ),
  'session-store-hazelcast-remote': refuse(
    'Enables session data store in a remote Hazelcast Map',
    'stores sessions in a remote Hazelcast cluster',
    SESSION_STORE_REFUSAL,
    'session-store-redis, the shared in-memory store',
    ['session'],
    ['session-store'],
  ),
  'session-store-infinispan-embedded': refuse(
    'Enables session data store in a local Infinispan cache',
    'stores sessions in an embedded Infinispan cache',
    SESSION_STORE_REFUSAL,
    'session-store-redis, the shared in-memory store',
    ['session'],
    ['session-store'],
  ),
  'session-store-infinispan-remote': refuse(
    'Enables session data store in a remote Infinispan cache',
    'stores sessions in a remote Infinispan cache',
    SESSION_STORE_REFUSAL,
    'session-store-redis, the shared in-memory store',
    ['session'],
    ['session-store'],
  ),
  'infinispan-embedded': warn(
    'Setup infinispan embedded without querying',
    'configures the embedded Infinispan cache of session-store-infinispan-embedded',
    'session-store-redis',
    ['session'],
  ),
  'infinispan-embedded-query': warn(
    'Enables querying with the Infinispan cache',
    'lets the scavenger query an embedded Infinispan cache for expired sessions',
    'session-store-redis',
    ['session'],
    ['infinispan-embedded'],
  ),
  'infinispan-remote': warn(
    'Default setup for the remote infinispan cache without queries',
    'configures the remote Infinispan cache of session-store-infinispan-remote',
    'session-store-redis',
    ['session'],
  ),
  'infinispan-remote-query': warn(
    'Enables querying with a remote Infinispan cache',
    'lets the scavenger query a remote Infinispan cache for expired sessions',
    'session-store-redis',
    ['session'],
    ['infinispan-remote'],
  ),
  'gcloud': warn(
    'Control GCloud API classpath',
    'puts the Google Cloud API on the classpath for session-store-gcloud',
    'session-store-jdbc or session-store-redis',
    ['3rdparty', 'gcloud'],
  ),
  'gcloud-datastore': warn(
    'Enables GCloud Datastore API and implementation',
    'puts the Google Cloud Datastore client on the classpath for session-store-gcloud',
    'session-store-jdbc or session-store-redis',
    ['3rdparty', 'gcloud'],
  ),

  // The JVM, its class path and its management.
  'jvm': warn(
    'A noop module that creates an ini template useful for',
    'holds JVM options (-Xmx, -XX:...) for a forked JVM',
    'pass Node options in NODE_OPTIONS (for example --max-old-space-size)',
  ),
  'ext': warn(
    'Adds all jar files discovered in $JETTY_HOME/lib/ext',
    'adds every jar in lib/ext to the server classpath',
    'put Node modules in a node_modules folder the application can require',
    ['classpath'],
  ),
  'jmx': warn(
    'Enables JMX instrumentation for server beans and',
    "publishes the server's components as JMX MBeans",
    'the metrics module (Prometheus), Server.dump() (jetty.server.dumpAfterStart) and the pier.* diagnostics channels',
  ),
  'jmx-remote': warn(
    'Enables remote RMI access to JMX',
    'opens a remote JMX connector over RMI',
    'the metrics module (Prometheus) and the pier.* diagnostics channels',
  ),
  'jolokia': warn(
    'Deploys the Jolokia console as a web application.',
    'deploys the Jolokia JMX-over-HTTP web application',
    'the metrics module (Prometheus) and the pier.* diagnostics channels',
    ['3rdparty'],
  ),
  'hawtio': warn(
    'Deploys the Hawtio console as a webapplication.',
    'deploys the Hawtio JMX console web application',
    'the metrics module (Prometheus) and the pier.* diagnostics channels',
    ['3rdparty'],
  ),
  'jminix': warn(
    'Deploys the Jminix JMX Console within the server',
    'deploys the JMiniX JMX console',
    'the metrics module (Prometheus) and the pier.* diagnostics channels',
    ['3rdparty'],
  ),
  'jamon': warn('Deploys the JAMon webapplication', 'deploys the JAMon monitoring web application', 'the stats module (StatisticsHandler)', [
    '3rdparty',
  ]),
  'flight-recorder': warn(
    'Enables Java Flight Recorder',
    'starts a Java Flight Recorder recording',
    'node --cpu-prof or --heap-prof in NODE_OPTIONS',
  ),
  'debug': warn(
    'Enables the DebugListener to generate additional',
    'logs each request, context and dispatch through a DebugListener',
    'set org.eclipse.jetty.LEVEL=DEBUG in jetty-logging.properties',
    ['debug'],
  ),
  'debuglog': warn(
    'Deprecated Debug Log using the DebugHandle.',
    'logs each request through a DebugHandler',
    'set org.eclipse.jetty.LEVEL=DEBUG in jetty-logging.properties',
    ['debug'],
  ),
  'stop': warn(
    'This module causes jetty to stop immediately after starting. This is good for testing configuration and/or precompiling quickstart webapps',
    'stops the server right after it started (a configuration check)',
    'run with --dry-run, or send SIGTERM after the start line',
  ),
  'logback-access': warn(
    'Enables logback request log.',
    'writes the request log through logback-access',
    'the requestlog or customrequestlog module',
    ['requestlog', 'logging', 'logback'],
    ['requestlog'],
  ),

  // Logging back ends: Pier has one logger.
  'logging-jul': logging(
    'Configure jetty logging to use Java Util Logging (jul)',
    "routes Jetty's logging to java.util.logging",
    ['logging'],
    ['logging'],
  ),
  'logging-log4j': logging('Configure jetty logging to use Log4j Logging', "routes Jetty's logging to Log4j 1.2", ['logging'], ['logging']),
  'logging-log4j2': logging('Configure jetty logging to use log4j version 2', "routes Jetty's logging to Log4j 2", ['logging'], ['logging']),
  'logging-logback': logging('Configure jetty logging to use Logback Logging.', "routes Jetty's logging to Logback", ['logging'], ['logging']),
  'logging-slf4j': logging('Configure jetty logging to use slf4j.', "routes Jetty's logging to SLF4J", ['logging'], ['logging']),
  'slf4j-api': logging('Provides SLF4J API.  Requires a slf4j implementation (eg slf4j-simple-impl)', 'puts the SLF4J API on the classpath', [
    'logging',
    'slf4j',
    'internal',
  ]),
  'slf4j-simple-impl': logging(
    'Provides SLF4J simple logging implementation.',
    'binds SLF4J to its simple logger',
    ['logging', 'slf4j', 'internal'],
    ['slf4j-impl'],
  ),
  'slf4j-jul': logging(
    'Provides a SLF4J binding to Java Util Logging (JUL) logging.',
    'binds SLF4J to java.util.logging',
    ['logging', 'slf4j', 'internal'],
    ['slf4j-impl', 'slf4j+jul'],
  ),
  'slf4j-log4j': logging(
    'Provides a SLF4J binding to the Log4j v1.2 API logging.',
    'binds SLF4J to Log4j 1.2',
    ['logging', 'log4j', 'slf4j', 'internal'],
    ['slf4j-impl'],
  ),
  'slf4j-log4j2': logging(
    'Provides a SLF4J binding to Log4j v2 logging.',
    'binds SLF4J to Log4j 2',
    ['logging', 'log4j2', 'log4j', 'slf4j', 'internal'],
    ['slf4j-impl'],
  ),
  'slf4j-logback': logging(
    'Provides a SLF4J binding to Logback logging.',
    'binds SLF4J to Logback',
    ['logging', 'slf4j', 'internal'],
    ['slf4j-impl'],
  ),
  'jcl-slf4j': logging(
    'Provides a Java Commons Logging (JCL) binding to SLF4J logging.',
    'routes Commons Logging to SLF4J',
    ['logging', 'jcl', 'slf4j', 'internal'],
    ['jcl-api', 'jcl-impl', 'slf4j+jcl'],
  ),
  'jul-impl': logging(
    'Configures the Java Util Logging mechanism',
    'configures java.util.logging',
    ['logging', 'jul', 'internal'],
    ['jul-api', 'jul-impl'],
  ),
  'jul-slf4j': logging(
    'Provides a Java Util Logging binding to SLF4J logging.',
    'routes java.util.logging to SLF4J',
    ['logging', 'slf4j', 'internal'],
    ['jul-api', 'jul-impl', 'slf4j+jul'],
  ),
  'log4j-impl': logging(
    'Provides a Log4j v1.2 API and implementation.',
    'puts Log4j 1.2 on the classpath',
    ['logging', 'log4j', 'internal'],
    ['log4j-api', 'log4j-impl'],
  ),
  'log4j2-api': logging(
    'Provides the Log4j v2 API',
    'puts the Log4j 2 API on the classpath',
    ['logging', 'log4j2', 'log4j', 'internal'],
    ['log4j2-api'],
  ),
  'log4j2-impl': logging(
    'Provides a Log4j v2 implementation.',
    'puts the Log4j 2 implementation on the classpath',
    ['logging', 'log4j2', 'log4j', 'internal'],
    ['log4j2-impl'],
  ),
  'log4j2-slf4j': logging(
    'Provides a Log4j v2 binding to SLF4J logging.',
    'routes Log4j 2 to SLF4J',
    ['logging', 'log4j2', 'log4j', 'slf4j', 'internal'],
    ['log4j2-impl'],
  ),
  'logback-impl': logging('Provides the logback core implementation', 'puts Logback on the classpath', ['logging', 'internal']),
};

/** The module of that name Pier knows but does not provide, if it is one. */
export function unprovidedModule(name: string): UnprovidedModule | undefined {
  const e = Object.prototype.hasOwnProperty.call(TABLE, name) ? TABLE[name] : undefined;
  return e ? { name, ...e } : undefined;
}

/** Every module Pier knows but does not provide, by name. */
export function unprovidedModules(): UnprovidedModule[] {
  return Object.keys(TABLE)
    .sort()
    .map((name) => ({ name, ...TABLE[name] }));
}

/** The one WARN line for a module that is not provided (without the `WARN  : ` prefix). */
export function unprovidedWarning(m: UnprovidedModule): string {
  return `Module '${m.name}' is not provided by Pier: in Jetty it ${m.inJetty}${m.instead ? `; instead, ${m.instead}` : ''}; the start goes on without it`;
}

/** The one line that refuses a module whose absence would make the server less safe. */
export function unprovidedRefusal(m: UnprovidedModule, from: string): string {
  return `Cannot enable module '${m.name}' (from ${from}): in Jetty it ${m.inJetty}, which Pier does not provide, and ${m.refusedBecause}; use ${m.instead} instead`;
}
