/**
 * A login service over users held in memory, read from a realm properties file
 * (org.eclipse.jetty.security.HashLoginService). In a context XML (Jetty's documentation):
 *
 * ```xml
 * <Get name="securityHandler">
 *   <Set name="loginService">
 *     <New class="org.eclipse.jetty.security.HashLoginService">
 *       <Set name="name">Test Realm</Set>
 *       <Set name="config"><SystemProperty name="jetty.base" default="."/>/etc/realm.properties</Set>
 *       <Set name="hotReload">true</Set>
 *     </New>
 *   </Set>
 * </Get>
 * ```
 *
 * or once for the server, `<Call name="addBean">` on the Server in an `etc/` XML: every context whose
 * `<realm-name>` is this service's name uses it.
 * @module
 */
import { Expose, JettyClass } from '../ioc/metadata';
import type { UserIdentity } from '../server/user-identity';
import { ContainerLifeCycle } from '../util/component/container-life-cycle';
import { constantTimeEquals } from '../util/security/password';
import { DefaultUserIdentity } from './default-user-identity';
import type { LoginService } from './login-service';
import { PropertyUserStore } from './property-user-store';
import { SecurityConfigError } from './errors';
import { UserStore } from './user-store';

@JettyClass('org.eclipse.jetty.security.HashLoginService', {
  implements: ['org.eclipse.jetty.security.LoginService'],
  ctors: [
    [],
    [{ name: 'name', type: 'String' }],
    [
      { name: 'name', type: 'String' },
      { name: 'config', type: 'String' },
    ],
  ],
})
export class HashLoginService extends ContainerLifeCycle implements LoginService {
  private _name: string | null = null;
  private _config: string | null = null;
  private _hotReload = false;
  private _userStore: UserStore | null = null;
  private _ownStore = false;

  constructor(name?: string, config?: string) {
    super();
    if (name !== undefined) this._name = name;
    if (config !== undefined) this._config = config;
  }

  @Expose('String') setName(name: string | null): void {
    this._name = name;
  }
  @Expose() getName(): string | null {
    return this._name;
  }

  /** The realm properties file (path or file: URL). */
  @Expose('String') setConfig(config: string | null): void {
    this._config = config;
  }
  @Expose() getConfig(): string | null {
    return this._config;
  }

  /** Watch the realm file and read it again when it changes. */
  @Expose('boolean') setHotReload(enable: boolean): void {
    if (this.isRunning()) throw new Error('Cannot set hotReload while the login service is running');
    this._hotReload = enable;
  }
  @Expose() isHotReload(): boolean {
    return this._hotReload;
  }

  /** Accepted for 9.3 configurations: any non-zero interval turns hotReload on. */
  @Expose('int') setRefreshInterval(seconds: number): void {
    this.setHotReload(seconds > 0);
  }

  /** Users given directly instead of a realm file. */
  @Expose('org.eclipse.jetty.security.UserStore')
  setUserStore(store: UserStore | null): void {
    this._userStore = store;
    this._ownStore = false;
  }
  @Expose() getUserStore(): UserStore | null {
    return this._userStore;
  }

  protected override async doStart(): Promise<void> {
    if (this._userStore === null || this._ownStore) {
      if (this._config === null) {
        throw new SecurityConfigError(
          `Cannot start HashLoginService '${this._name ?? ''}': neither config (a realm.properties file) nor a userStore is set`,
        );
      }
      const store = new PropertyUserStore();
      store.setConfig(this._config);
      store.setHotReload(this._hotReload);
      this._userStore = store;
      this._ownStore = true;
    }
    await this._userStore.start();
    await super.doStart();
  }

  protected override async doStop(): Promise<void> {
    await super.doStop();
    if (this._userStore !== null && this._ownStore) await this._userStore.stop();
  }

  login(username: string, credentials: unknown): UserIdentity | null {
    if (typeof username !== 'string' || username === '') return null;
    const user = this._userStore?.getUserIdentity(username) ?? null;
    if (user === null || !user.getUserPrincipal().authenticate(credentials)) return null;
    return user;
  }

  getUserIdentity(username: string): UserIdentity | null {
    return this._userStore?.getUserIdentity(username) ?? null;
  }

  validate(user: UserIdentity): boolean {
    if (!(user instanceof DefaultUserIdentity)) return false;
    const fresh = this._userStore?.getUserIdentity(user.getUserPrincipal().getName()) ?? null;
    return fresh !== null && constantTimeEquals(fresh.getUserPrincipal().getStoredCredential(), user.getUserPrincipal().getStoredCredential());
  }

  logout(_user: UserIdentity): void {
    /* nothing held per user */
  }

  override toString(): string {
    return `HashLoginService@${this._name ?? ''}[${this._config ?? 'users'}]`;
  }
}
