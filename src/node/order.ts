// The order a node registers its modules in: every module after the modules it requires, and
// otherwise in the order listed. A list that cannot be ordered is refused, saying why.
import type { AnyModule } from './module.js';

/** The module list cannot make a node: a missing dependency, a name listed twice, or a cycle. */
export class ModuleListError extends Error {
  override readonly name = 'ModuleListError';
}

export function orderModules(modules: readonly AnyModule[]): AnyModule[] {
  const byName = new Map<string, AnyModule>();
  for (const m of modules) {
    if (byName.has(m.name)) throw new ModuleListError(`module ${m.name} is listed twice`);
    byName.set(m.name, m);
  }
  for (const m of modules) {
    const missing = m.requires.filter((dep) => !byName.has(dep));
    if (missing.length > 0) {
      throw new ModuleListError(`module ${m.name} requires ${missing.join(', ')}, which the node's module list lacks: add ${missing.length > 1 ? 'them' : 'it'} to the list`);
    }
  }
  const ordered: AnyModule[] = [];
  const placed = new Set<string>();
  const visiting: string[] = [];
  const place = (m: AnyModule): void => {
    if (placed.has(m.name)) return;
    if (visiting.includes(m.name)) {
      throw new ModuleListError(`modules require each other in a cycle: ${[...visiting.slice(visiting.indexOf(m.name)), m.name].join(' -> ')}`);
    }
    visiting.push(m.name);
    for (const dep of m.requires) place(byName.get(dep)!);
    visiting.pop();
    placed.add(m.name);
    ordered.push(m);
  };
  for (const m of modules) place(m);
  return ordered;
}
