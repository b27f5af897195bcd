/**
 * Servlet security (Jetty's jetty-security module): constraints, login services, BASIC, FORM, DIGEST and CLIENT-CERT.
 * @module
 */
export { Constraint } from './constraint';
export { Password, obfuscate, deobfuscate } from '../util/security/password';
export { getCredential, type Credential } from '../util/security/credential';
export { unixCrypt } from '../util/security/unix-crypt';
export { ConstraintMapping } from './constraint-mapping';
export { SecurityHandler } from './security-handler';
export { ConstraintSecurityHandler } from './constraint-security-handler';
export type { LoginService } from './login-service';
export { HashLoginService } from './hash-login-service';
export { UserStore } from './user-store';
export { PropertyUserStore, readRealmFile } from './property-user-store';
export type { Authenticator, AuthConfiguration } from './authenticator';
export { BasicAuthenticator } from './authentication/basic-authenticator';
export { FormAuthenticator } from './authentication/form-authenticator';
export { DigestAuthenticator } from './authentication/digest-authenticator';
export { ClientCertAuthenticator, clientCertCredentials } from './authentication/client-cert-authenticator';
export { SessionAuthentication, J_AUTHENTICATED } from './authentication/session-authentication';
export { RealmFileError, SecurityConfigError } from './errors';
