// The short form of the load-with-faults run (load.mjs) for CI: 64
// connections searching, suggesting and comparing, a writer adding cities,
// one SIGKILL and restart in the middle. The long form is
//   node tests/load/load.mjs --seconds 120 --connections 64 --kills 3
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLoad } from './load.mjs';

test('load with a SIGKILL mid-run: no error outside the restart window, no acknowledged write lost', async () => {
  const seconds = Number(process.env.CITYKB_LOAD_SECONDS || 16);
  const { ok, figures, details } = await runLoad({ seconds, connections: 64, kills: 1 });
  console.log(`load figures: ${JSON.stringify(figures)}`);
  assert.ok(figures.writes_acknowledged > 0, 'some writes were acknowledged');
  assert.equal(figures.errors_outside_restart_window, 0, `errors outside the restart window: ${JSON.stringify(details.outside)}`);
  assert.equal(figures.writes_failed_outside_window, 0, `writes failed outside the window: ${JSON.stringify(details.writeOutside)}`);
  assert.equal(figures.writes_lost, 0, `acknowledged writes lost: ${JSON.stringify(details.lost)}`);
  assert.equal(figures.check_exit, 0, `citykb check: ${details.check}`);
  assert.ok(ok);
});
