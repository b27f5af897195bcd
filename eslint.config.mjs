// ESLint (flat config, `npm run lint`): typescript-eslint's recommended rules on src/, test/, bench/ and
// scripts/, plus the house rules a linter can check. Each rule turned off below says why.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', '**/node_modules/**', 'test/fixtures/**', 'webapps/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Java reflection: XML names classes, and a class object is typed Function (metadata, registry, class loaders)
      '@typescript-eslint/no-unsafe-function-type': 'off',
      // require() is deliberate where a module loads only when used: optional backends, web app classes, the launcher
      '@typescript-eslint/no-require-imports': 'off',
      // log formatting, XML scanning and the tests' byte checks match control characters on purpose
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    // one logger: log through src/util/log (test/util/log/log-sites.test.ts checks the same)
    rules: { 'no-console': 'error' },
  },
  {
    // a store, cache or memcached map and its factory get Jetty's setters from their family's settings record
    // at load time (exposeStoreSettings); the merged interface declares them for TypeScript
    files: [
      'src/session/stores/**/*-session-data-store.ts',
      'src/session/stores/**/*-session-data-store-factory.ts',
      'src/session/stores/memcached/memcached-session-data-map.ts',
      'src/session/stores/memcached/memcached-session-data-map-factory.ts',
      'src/session/abstract-session-data-store.ts',
      'src/session/abstract-session-data-store-factory.ts',
      'src/session/abstract-session-cache.ts',
      'src/session/abstract-session-cache-factory.ts',
    ],
    rules: { '@typescript-eslint/no-unsafe-declaration-merging': 'off', '@typescript-eslint/no-empty-object-type': 'off' },
  },
  {
    // Jetty's nested Container.Listener and Container.InheritedListener, spelled as in Java
    files: ['src/util/component/container.ts'],
    rules: { '@typescript-eslint/no-namespace': 'off' },
  },
  {
    // the bench loads its peers (express, fastify, ...) untyped, from bench/node_modules
    files: ['bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
