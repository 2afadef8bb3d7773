/** (1) SIGKILL a processor at random points while two instances share the group. */
import type { Scenario } from '../scenario';

export const sigkill: Scenario = {
  id: 'sigkill',
  title: 'SIGKILL a processor (2 in the group)',
  proves:
    'offsets are committed only after the view write and every write is guarded, so a crash at any point loses nothing; the survivor takes over in the rebalance',
  quick: true,
  async inject({ world, log, quick, sleep }) {
    const kills = quick ? 2 : 5;
    const pids: number[] = [];
    for (let i = 0; i < kills; i++) {
      await sleep(1000 + world.rng.int(0, 4000));
      const n = world.rng.int(0, 1);
      const victim = world.instances[n];
      if (!victim) continue;
      pids.push(victim.pid);
      await victim.kill();
      log(`  SIGKILL processor ${n} (pid ${victim.pid}), ${i + 1} of ${kills}; starting it again`);
      await world.restartInstance(n);
    }
    return { detail: `${kills} SIGKILLs (pids ${pids.join(', ')}), each restarted at once` };
  },
};
