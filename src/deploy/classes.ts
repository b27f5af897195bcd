/**
 * The classes of jetty-deploy that Jetty XML may name: the DeploymentManager, its app providers, life-cycle bindings and configuration managers.
 * Importing this module declares each of them (their `@JettyClass` decorators run). The launcher loads
 * it through src/start/class-loader.ts, which stops the start naming the file and the cause of any
 * failure; every file of the area that declares a class is listed here (test/start/class-loader.test.ts
 * checks it).
 * @module
 */
import './deployment-manager';
import './providers/scanning-app-provider';
import './providers/web-app-provider';
import './bindings/standard-bindings';
import './properties-configuration-manager';
