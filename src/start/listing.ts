/**
 * The text of `--list-modules`, `--list-config` and `--dry-run`.
 * @module
 */
import { StartConfiguration } from './start-configuration';

/** `--list-modules[=tags]`: every available module with an enabled mark, grouped by first tag. */
export function listModules(cfg: StartConfiguration, tags: readonly string[] = []): string {
  const wanted = tags.filter((t) => !t.startsWith('-') && t !== '*');
  const unwanted = tags.filter((t) => t.startsWith('-')).map((t) => t.substring(1));
  const mods = cfg.modules
    .all()
    .filter((m) => !m.isDynamic)
    .filter((m) => wanted.length === 0 || m.tags.some((t) => wanted.includes(t)))
    .filter((m) => !m.tags.some((t) => unwanted.includes(t)))
    .sort((a, b) => a.name.localeCompare(b.name));
  const width = Math.max(6, ...mods.map((m) => m.name.length));
  const lines = ['Available Modules:', '=================='];
  if (tags.length > 0) lines.push(`tags: [${tags.join(', ')}]`);
  lines.push('');
  lines.push(`    ${'Module'.padEnd(width)}  ${'On Pier'.padEnd(12)}  Tags               Description`);
  for (const m of mods) {
    const mark = m.isEnabled ? (m.transitive ? '[t]' : '[x]') : '[ ]';
    const state = !m.unprovided ? 'provided' : m.unprovided.refusedBecause ? 'refused' : 'not provided';
    lines.push(`${mark} ${m.name.padEnd(width)}  ${state.padEnd(12)}  ${m.tags.join(',').padEnd(17)}  ${m.description[0] ?? ''}`);
  }
  lines.push('');
  lines.push('[x] enabled   [t] enabled as a dependency   [ ] available');
  lines.push(
    'On Pier: provided = works as in Jetty; not provided = a Jetty module that needs a JVM: enabling it prints one WARN line and the start goes on;',
  );
  lines.push(
    '         refused = a Jetty module whose absence would make the server less safe: enabling it stops the start with the reason and what to use instead',
  );
  lines.push('Enable one for this run with --module=<name>, or in the base with --add-to-start=<name>');
  return lines.join('\n') + '\n';
}

/** `--list-config`: locations, enabled modules in order, properties with their origin, XML files. */
export function listConfig(cfg: StartConfiguration): string {
  const bh = cfg.baseHome;
  const lines: string[] = [];
  lines.push('Pier Environment:', '-----------------');
  lines.push(` jetty.home = ${bh.home}`);
  lines.push(` jetty.base = ${bh.base}`);
  for (const d of bh.includeDirs) lines.push(` include dir = ${d}`);
  lines.push('');
  lines.push('Config Search Order:', '--------------------');
  for (const d of bh.dirs) lines.push(` ${d}`);
  lines.push('');
  lines.push('Enabled Modules:', '----------------');
  if (cfg.enabled.length === 0) lines.push(' (none)');
  cfg.enabled.forEach((m, i) => lines.push(` ${String(i).padStart(2)}: ${m.name.padEnd(20)} ${m.enabledFrom.join(', ')}`));
  lines.push('');
  lines.push('System Properties:', '------------------');
  const sys = [...cfg.args.systemProps];
  if (sys.length === 0) lines.push(' (no system properties specified)');
  for (const p of sys) lines.push(` ${p.key} = ${p.value} (${p.origin})`);
  lines.push('');
  lines.push('Properties:', '-----------');
  const props = cfg.args.props.sorted();
  if (props.length === 0) lines.push(' (no properties specified)');
  for (const p of props) lines.push(` ${p.key} = ${p.value} (${p.origin})`);
  lines.push('');
  lines.push('Pier Active XMLs:', '-----------------');
  if (cfg.xmls.length === 0) lines.push(' (no xml files specified)');
  for (const x of cfg.xmls) lines.push(` ${bh.toShortForm(x.path)}${x.module ? '' : ' (extra)'}`);
  for (const n of cfg.args.notes) lines.push('', `Note: ${n}`);
  return lines.join('\n') + '\n';
}

/**
 * `--dry-run`: the XML files in execution order and the properties handed to them (values expanded,
 * unlike Jetty 9.4 without --exec-properties, so the printed set is exactly what the XML sees).
 */
export function dryRun(cfg: StartConfiguration): string {
  const lines: string[] = [];
  lines.push('# XML files, in order');
  for (const x of cfg.xmls) lines.push(x.path);
  lines.push('# Properties');
  const internal = cfg.internalProperties();
  for (const [k, v] of internal) lines.push(`${k}=${v}`);
  for (const p of cfg.args.props.sorted()) lines.push(`${p.key}=${cfg.expand(p.value)}`);
  const sys = [...cfg.args.systemProps];
  if (sys.length > 0) {
    lines.push('# System properties');
    for (const p of sys) lines.push(`-D${p.key}=${cfg.expand(p.value)}`);
  }
  return lines.join('\n') + '\n';
}
