// Progress of a long step: a bar on a terminal, a plain line every tenth otherwise (logs, CI, tests).
import { Presets, SingleBar } from 'cli-progress';
import { type CliIo, note } from './io.ts';

/** Plain progress lines per run when no terminal is attached. */
const PLAIN_STEPS = 10;

export interface Progress {
  update(done: number, total: number, journals: number): void;
  stop(): void;
}

export function progressFor(io: CliIo, label: string): Progress {
  return io.progressStream ? barProgress(io.progressStream, label) : plainProgress(io, label);
}

function barProgress(stream: NodeJS.WriteStream, label: string): Progress {
  const bar = new SingleBar(
    {
      stream,
      format: `${label} [{bar}] {percentage}% | day {value}/{total} | {journals} journals`,
      hideCursor: true,
      clearOnComplete: false,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, journals) {
      if (!started) bar.start(total, 0, { journals: 0 });
      started = true;
      bar.update(done, { journals });
    },
    stop: () => bar.stop(),
  };
}

function plainProgress(io: CliIo, label: string): Progress {
  let reported = 0;
  return {
    update(done, total, journals) {
      const step = Math.floor((done / total) * PLAIN_STEPS);
      if (step <= reported) return;
      reported = step;
      note(io, `${label}: ${Math.round((done / total) * 100)}% (day ${done}/${total}, ${journals} journals)`);
    },
    stop() {},
  };
}
