/**
 * The classes of jetty-security that Jetty XML may name: ConstraintSecurityHandler, ConstraintMapping,
 * HashLoginService, UserStore, PropertyUserStore, the BASIC, FORM, DIGEST and CLIENT-CERT authenticators, and jetty-util's
 * org.eclipse.jetty.util.security.Constraint and Password. Importing this module declares each of
 * them (their `@JettyClass` decorators run). The launcher loads it through src/start/class-loader.ts,
 * which stops the start naming the file and the cause of any failure; every file of the area that
 * declares a class is listed here (test/start/class-loader.test.ts checks it).
 * @module
 */
import './constraint';
import './password';
import './constraint-mapping';
import './security-handler';
import './constraint-security-handler';
import './user-store';
import './property-user-store';
import './hash-login-service';
import './authentication/basic-authenticator';
import './authentication/form-authenticator';
import './authentication/digest-authenticator';
import './authentication/client-cert-authenticator';
