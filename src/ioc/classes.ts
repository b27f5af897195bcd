/**
 * The classes of jetty-xml and the java.* shims that Jetty XML may name: the java.* shims and the jetty-util classes Jetty XML calls statically (Log, StringUtil, the lifecycle bases, XmlConfiguration's statics).
 * Importing this module declares each of them (their `@JettyClass` decorators run). The launcher loads
 * it through src/start/class-loader.ts, which stops the start naming the file and the cause of any
 * failure; every file of the area that declares a class is listed here (test/start/class-loader.test.ts
 * checks it).
 * @module
 */
import './java/java-lang';
import './java/java-util';
import './java/java-io-net';
import './java/java-time';
import './java/java-io-print-stream';
import './jetty-util-component';
import './jetty-util-log';
import './jetty-util-rollover-file-output-stream';
import './jetty-util-string-util';
import './xml-configuration-statics';
