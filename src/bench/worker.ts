// Entry point of a bench worker process (forked by the coordinator): owns a Fleet, runs the
// commands it receives over IPC one at a time, and sends progress and reports back.
import { Fleet } from './fleet.js';
import type { Command, WorkerEvent } from './types.js';

let fleet: Fleet | null = null;

function emit(event: WorkerEvent): void {
  process.send?.(event);
}

async function run(cmd: Command): Promise<void> {
  if (cmd.t === 'setup') {
    fleet = new Fleet(cmd.setup);
    const timer = setInterval(() => fleet && emit({ t: 'progress', ...fleet.progress() }), 500);
    timer.unref();
    emit({ t: 'ready' });
    return;
  }
  if (cmd.t === 'exit') {
    fleet?.stop();
    process.disconnect?.();
    setTimeout(() => process.exit(0), 50).unref();
    return;
  }
  if (fleet === null) throw new Error(`command ${cmd.t} before setup`);
  switch (cmd.t) {
    case 'connect':
      await fleet.connect(cmd.range, cmd.register, cmd.concurrency);
      break;
    case 'disconnect':
      fleet.disconnect(cmd.range);
      break;
    case 'drop':
      await fleet.drop(cmd.range, cmd.reconnect, cmd.concurrency);
      break;
    case 'chat':
      await fleet.chat(cmd.startUs, cmd.steps, cmd.senders, cmd.recipients, cmd.away, cmd.window);
      break;
    case 'fixed':
      await fleet.fixed(cmd.senders, cmd.recipients, cmd.perRecipient, cmd.maxInFlight);
      break;
    case 'reset':
      fleet.resetCounters();
      break;
    case 'stopChat':
      fleet.stopChat();
      break;
    case 'report':
      emit({ t: 'report', report: fleet.report() });
      return;
  }
  emit({ t: 'done', command: cmd.t });
}

process.on('message', (cmd: Command) => {
  // commands run at once, side by side (a storm drops sessions while a chat schedule is still
  // sending), and each answers 'done' for its own kind
  run(cmd).catch((err: Error) => emit({ t: 'fatal', message: err.stack ?? err.message }));
});
process.on('disconnect', () => {
  fleet?.stop();
  process.exit(0);
});
